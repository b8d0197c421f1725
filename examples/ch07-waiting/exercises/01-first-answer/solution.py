import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def ask(mirror, seconds):
    await asyncio.sleep(seconds)
    return f"{mirror}的回答"


async def main():
    tasks = [
        asyncio.create_task(ask("北京镜像", 3)),
        asyncio.create_task(ask("上海镜像", 1)),
        asyncio.create_task(ask("广州镜像", 2)),
    ]
    done, pending = await asyncio.wait(
        tasks, return_when=asyncio.FIRST_COMPLETED
    )
    for task in done:
        print(f"{stamp()} 收到：{task.result()}")
    for task in tasks:
        if task in pending:
            task.cancel()  # wait 不会替我们取消
    await asyncio.wait(pending)  # 等取消真正完成
    cancelled = sum(task.cancelled() for task in pending)
    print(f"{stamp()} 取消了 {cancelled} 个请求")


asyncio.run(main())

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
    answers = await asyncio.gather(*tasks)  # 三个都回答了才返回
    print(f"{stamp()} 收到：{answers[0]}")
    print(f"{stamp()} 取消了 0 个请求")


asyncio.run(main())

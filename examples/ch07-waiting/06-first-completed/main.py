import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def taxi(app, minutes):
    try:
        await asyncio.sleep(minutes)
    except asyncio.CancelledError:
        print(f"{stamp()} {app}：订单取消了")
        raise  # 取消要继续向外传递
    return f"{app}的车"


async def main():
    tasks = [
        asyncio.create_task(taxi("甲软件", 3)),
        asyncio.create_task(taxi("乙软件", 1)),
        asyncio.create_task(taxi("丙软件", 2)),
    ]
    done, pending = await asyncio.wait(
        tasks, return_when=asyncio.FIRST_COMPLETED
    )
    for task in done:
        print(f"{stamp()} 先到的是{task.result()}")
    print(f"{stamp()} 还有 {len(pending)} 辆车在路上：wait 不取消它们")
    for task in tasks:
        if task in pending:
            task.cancel()  # 由我们自己取消
    await asyncio.wait(pending)  # 等取消真正完成
    print(f"{stamp()} 都取消了吗？{all(t.cancelled() for t in pending)}")


asyncio.run(main())

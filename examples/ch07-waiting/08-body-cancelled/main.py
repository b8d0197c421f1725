import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def cook(dish, seconds, burnt=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{stamp()} {dish}：被取消了")
        raise  # 取消要继续向外传递
    if burnt:
        raise ValueError(f"{dish}烧糊了")
    print(f"{stamp()} {dish}：做好了")
    return dish


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(cook("红烧鱼", 2, burnt=True))
            group.create_task(cook("炖汤", 3))
            try:
                await asyncio.sleep(5)  # 语句体里，main 在摆盘子
                print(f"{stamp()} 盘子摆好了")
            except asyncio.CancelledError:
                print(f"{stamp()} 摆盘子被打断了")
                raise  # 交给任务组处理
    except* ValueError as errors:
        print(f"{stamp()} 任务组抛出了：{errors.exceptions}")
    print(f"{stamp()} main 照常往下走")


asyncio.run(main())

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
        async with asyncio.TaskGroup() as group:  # Python 3.11 新增
            salad = group.create_task(cook("凉菜", 1))
            group.create_task(cook("红烧鱼", 2, burnt=True))
            soup = group.create_task(cook("炖汤", 3))
    except* ValueError as errors:
        print(f"{stamp()} 任务组抛出了：{type(errors).__name__}")
        print(f"{stamp()} 组里的异常：{errors.exceptions}")
    print(f"{stamp()} 凉菜的结果：{salad.result()}")
    print(f"{stamp()} 炖汤被取消了吗？{soup.cancelled()}")


asyncio.run(main())

import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def cook(dish, seconds, problem=None):
    await asyncio.sleep(seconds)
    if problem is not None:
        raise problem
    print(f"{stamp()} {dish}：做好了")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(cook("凉菜", 1))
            group.create_task(
                cook("红烧鱼", 2, ValueError("红烧鱼烧糊了")))
            group.create_task(
                cook("饺子", 2, RuntimeError("燃气灶坏了")))
    except* ValueError as errors:
        print(f"{stamp()} 处理 ValueError：{errors.exceptions}")
    except* RuntimeError as errors:
        print(f"{stamp()} 处理 RuntimeError：{errors.exceptions}")
    print(f"{stamp()} 两个 except* 分支都运行了")


asyncio.run(main())

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
    soup = asyncio.create_task(cook("炖汤", 3))
    try:
        await asyncio.gather(
            cook("凉菜", 1), cook("红烧鱼", 2, burnt=True), soup
        )
    except ValueError as error:
        print(f"{stamp()} gather 抛出了：{error!r}")
    print(f"{stamp()} 炖汤还在做吗？{not soup.done()}")
    await soup  # gather 没有取消它，它照常做完
    print(f"{stamp()} 结束")


asyncio.run(main())

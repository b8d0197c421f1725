import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def cook(dish, seconds):
    await asyncio.sleep(seconds)
    return dish


async def main():
    dishes = await asyncio.gather(
        cook("红烧肉", 3),
        cook("凉拌黄瓜", 1),
        cook("番茄炒蛋", 2),
    )
    for dish in dishes:
        print(f"{stamp()} 上菜：{dish}")


asyncio.run(main())

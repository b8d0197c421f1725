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
    tasks = [
        asyncio.create_task(cook("红烧肉", 3)),
        asyncio.create_task(cook("凉拌黄瓜", 1)),
        asyncio.create_task(cook("番茄炒蛋", 2)),
    ]
    for next_done in asyncio.as_completed(tasks):
        dish = await next_done  # 哪道菜先做好，就先上哪道
        print(f"{stamp()} 上菜：{dish}")


asyncio.run(main())

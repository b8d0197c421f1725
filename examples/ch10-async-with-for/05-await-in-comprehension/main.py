import asyncio
import time

MENU = [("汤", 3), ("米饭", 1), ("炒青菜", 2)]


async def cook(dish, seconds):
    await asyncio.sleep(seconds)
    print(f"{dish}做好了")
    return dish


async def main():
    start = time.perf_counter()
    dishes = [await cook(dish, seconds) for dish, seconds in MENU]
    print(f"推导式里 await：{dishes}，"
          f"用了 {time.perf_counter() - start:.0f} 秒")

    start = time.perf_counter()
    coros = [cook(dish, seconds) for dish, seconds in MENU]  # 还没开始做
    dishes = await asyncio.gather(*coros)
    print(f"交给 gather：{dishes}，"
          f"用了 {time.perf_counter() - start:.0f} 秒")


asyncio.run(main())

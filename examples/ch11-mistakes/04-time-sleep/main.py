import asyncio
import time


async def brew(tea):
    time.sleep(2)  # 阻塞：整个事件循环都停下来等
    print(f"{tea}泡好了")


async def main():
    start = time.perf_counter()
    await asyncio.gather(brew("红茶"), brew("绿茶"))
    print(f"一共 {time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

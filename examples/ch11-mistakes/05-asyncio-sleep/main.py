import asyncio
import time


async def brew(tea):
    await asyncio.sleep(2)  # 让出控制权，别的任务可以运行
    print(f"{tea}泡好了")


async def main():
    start = time.perf_counter()
    await asyncio.gather(brew("红茶"), brew("绿茶"))
    print(f"一共 {time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

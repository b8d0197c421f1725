import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} 下载完了")


async def main():
    start = time.perf_counter()
    await download("a.zip", 2)  # 等 a 下完
    await download("b.zip", 3)  # 才开始下 b
    print(f"一共 {time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

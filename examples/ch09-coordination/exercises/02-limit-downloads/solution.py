import asyncio
import time

limit = asyncio.Semaphore(3)  # 最多 3 个下载同时进行


async def download(name, seconds):
    async with limit:  # 三个名额都占着，就在这里排队
        print(f"开始下载 {name}")
        await asyncio.sleep(seconds)
        print(f"{name} 下载完成")


async def main():
    start = time.perf_counter()
    files = {"1.jpg": 1, "2.jpg": 2, "3.jpg": 3,
             "4.jpg": 3, "5.jpg": 3, "6.jpg": 3}
    await asyncio.gather(*(download(n, s) for n, s in files.items()))
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

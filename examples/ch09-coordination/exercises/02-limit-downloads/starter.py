import asyncio
import time


async def download(name, seconds):
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

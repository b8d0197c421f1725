import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} 下载完了")


async def main():
    start = time.perf_counter()
    await asyncio.gather(
        download("a.zip", 2),
        download("b.zip", 3),
    )
    print(f"一共 {time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

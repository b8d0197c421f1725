import asyncio
import time


async def download(seconds):
    await asyncio.sleep(seconds)
    name = asyncio.current_task().get_name()
    print(f"{name}：下载完成，用了 {seconds} 秒")


async def main():
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(download(seconds), name=f"下载-{number}")
        for number, seconds in enumerate([3, 1, 2], start=1)
    ]
    for task in tasks:
        await task
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

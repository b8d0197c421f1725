import asyncio
import time


async def download(seconds):
    await asyncio.sleep(seconds)
    name = asyncio.current_task().get_name()
    print(f"{name}：下载完成，用了 {seconds} 秒")


async def main():
    start = time.perf_counter()
    for seconds in [3, 1, 2]:
        await download(seconds)
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

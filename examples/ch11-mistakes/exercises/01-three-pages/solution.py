import asyncio
import time


async def fetch(page):
    await asyncio.sleep(1)  # 模拟下载一页，要 1 秒
    print(f"第 {page} 页下载完了")


async def main():
    start = time.perf_counter()
    await asyncio.gather(fetch(1), fetch(2), fetch(3))
    print(f"一共 {time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

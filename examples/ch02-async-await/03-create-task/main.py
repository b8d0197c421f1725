import asyncio
import time


async def download_file():
    print("开始下载……")
    await asyncio.sleep(5)
    print("下载完成！")


async def print_numbers():
    for i in range(1, 6):
        print(i)
        await asyncio.sleep(1)


async def main():
    start = time.perf_counter()
    # create_task 把协程对象交给事件循环：任务马上排进日程
    download = asyncio.create_task(download_file())
    numbers = asyncio.create_task(print_numbers())
    # 两个任务已经在并发运行，这里只是等它们结束
    await download
    await numbers
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

import asyncio
import time


# 定义协程函数
async def download_file():
    print("开始下载……")
    await asyncio.sleep(5)  # 模拟下载：等待期间，事件循环可以运行别的任务
    print("下载完成！")


async def print_numbers():
    for i in range(1, 6):
        print(i)
        await asyncio.sleep(1)  # 模拟耗时操作


# 主协程
async def main():
    start = time.perf_counter()
    # gather 把两个协程对象包装成任务，让它们并发运行
    await asyncio.gather(
        download_file(),
        print_numbers(),
    )
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


# 运行
asyncio.run(main())

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
    await download_file()  # 等它整个做完……
    await print_numbers()  # ……才轮到它
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

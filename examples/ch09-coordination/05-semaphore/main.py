import asyncio
import time

limit = asyncio.Semaphore(2)  # 最多 2 个下载同时进行
running = 0  # 此刻正在下载的个数


async def download(name, seconds):
    global running
    async with limit:  # 名额满了就在这里排队
        running += 1
        print(f"开始下载 {name}，正在下载：{running} 个")
        await asyncio.sleep(seconds)
        running -= 1
        print(f"{name} 下载完成")


async def main():
    start = time.perf_counter()
    files = {"a.zip": 4, "b.zip": 1, "c.zip": 2, "d.zip": 3, "e.zip": 1}
    await asyncio.gather(*(download(n, s) for n, s in files.items()))
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def download(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    tasks = [
        asyncio.create_task(download(3), name="大图"),
        asyncio.create_task(download(1), name="小图"),
        asyncio.create_task(download(2), name="中图"),
    ]
    try:
        async for task in asyncio.as_completed(tasks):  # Python 3.13 起
            print(f"{stamp()} {task.get_name()}下载完了，用了 "
                  f"{task.result()} 秒；是原来的任务吗？{task in tasks}")
    except TypeError as error:  # Python 3.11、3.12 不能这样写
        print(f"TypeError: {error}")
        for task in tasks:
            task.cancel()  # 不等它们了


asyncio.run(main())

import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name}（{seconds} 秒）"


async def main():
    tasks = [
        asyncio.create_task(download("大图", 3)),
        asyncio.create_task(download("小图", 1)),
        asyncio.create_task(download("中图", 2)),
    ]
    for next_done in asyncio.as_completed(tasks):
        result = await next_done  # 等“下一个完成的”
        print(f"{stamp()} 收到{result}")
        print(f"{stamp()} 是原来的任务吗？{next_done in tasks}")


asyncio.run(main())

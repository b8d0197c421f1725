import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(1):
            time.sleep(3)  # 阻塞调用：事件循环停住了，计时器没法响
            print(f"第 {loop.time() - start:.0f} 秒：阻塞调用结束")
            # 到了下一个 await，取消才送到
            await asyncio.sleep(1)
            print("这一行不会打印")
    except TimeoutError:
        print(f"第 {loop.time() - start:.0f} 秒才超时，而不是第 1 秒")


asyncio.run(main())

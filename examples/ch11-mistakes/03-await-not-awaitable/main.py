import asyncio
import time


async def main():
    print("开始烧水")
    try:
        await time.sleep(3)  # 错：time.sleep() 不是协程函数
        print("水开了")
    except TypeError as error:
        print(f"TypeError: {error}")


asyncio.run(main())

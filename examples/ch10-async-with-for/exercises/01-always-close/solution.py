import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def open_tap():
    print("拧开水龙头")
    await asyncio.sleep(1)
    try:
        yield  # async with 里的异常，会从这里抛出来
    finally:  # 不管有没有异常，都关水龙头
        print("关水龙头")
        await asyncio.sleep(1)
        print("水龙头关好了")


async def main():
    try:
        async with open_tap():
            await asyncio.sleep(1)
            raise ValueError("水壶打翻了")
    except ValueError as error:
        print(f"main 接住了：{error!r}")


asyncio.run(main())

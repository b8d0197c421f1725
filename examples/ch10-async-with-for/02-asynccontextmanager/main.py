import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def open_tap(name):
    print(f"拧开{name}……")
    await asyncio.sleep(1)
    print(f"{name}来水了")
    try:
        yield name  # async with 里的代码，在这里运行
    finally:
        print(f"关{name}")
        await asyncio.sleep(1)
        print(f"{name}关好了")


async def main():
    async with open_tap("厨房的水龙头") as tap:
        await asyncio.sleep(2)
        print(f"用{tap}接满了一壶水")
    try:
        async with open_tap("浴室的水龙头"):
            raise ValueError("水管漏了")
    except ValueError as error:
        print(f"main 接住了：{error!r}")


asyncio.run(main())

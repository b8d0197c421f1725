import asyncio


class Tap:
    """拧开要等一会儿、关上也要等一会儿的水龙头"""

    async def __aenter__(self):
        print("拧开水龙头……")
        await asyncio.sleep(1)  # 进门的时候可以等待
        print("水来了")
        return self  # 交给 as 后面的名字

    async def __aexit__(self, exc_type, exc, tb):
        print(f"关水龙头，异常：{exc!r}")
        await asyncio.sleep(1)  # 出门的时候也可以等待
        print("水龙头关好了")
        return False  # 不吞掉异常

    async def fill(self, what):
        await asyncio.sleep(2)
        print(f"接满了{what}")


async def main():
    async with Tap() as tap:
        await tap.fill("一壶水")
    try:
        async with Tap():
            raise ValueError("水壶打翻了")
    except ValueError as error:
        print(f"main 接住了：{error!r}")


asyncio.run(main())

import asyncio


class SushiBelt:
    """回转寿司的传送带：每隔一秒转过来一盘"""

    def __init__(self, dishes):
        self.dishes = list(dishes)

    def __aiter__(self):
        return self  # 它自己就是异步迭代器

    async def __anext__(self):
        if not self.dishes:
            raise StopAsyncIteration  # 没有了：async for 到此结束
        await asyncio.sleep(1)  # 等下一盘转过来
        return self.dishes.pop(0)


async def main():
    async for dish in SushiBelt(["三文鱼", "金枪鱼", "玉子烧"]):
        print(f"取下一盘{dish}")
    print("传送带上没有菜了")
    try:
        for dish in SushiBelt(["鳗鱼"]):
            print(dish)
    except TypeError as error:
        print(f"普通的 for 不行：{error}")


asyncio.run(main())

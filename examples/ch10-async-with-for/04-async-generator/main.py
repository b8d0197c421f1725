import asyncio


async def sushi_belt(dishes):
    for dish in dishes:
        await asyncio.sleep(1)  # 等下一盘转过来
        yield dish  # 交出一盘，在这里停下，等人来取下一盘


async def main():
    belt = sushi_belt(["三文鱼", "金枪鱼", "玉子烧", "鳗鱼"])
    print(f"得到的是：{type(belt).__name__}")
    print(f"aiter(belt) is belt：{aiter(belt) is belt}")
    first = await anext(belt)
    print(f"先用 anext 取一盘：{first}")
    rest = [dish async for dish in belt]
    print(f"其余的用异步推导式取完：{rest}")
    last = await anext(belt, "没有了")  # 用完了：返回默认值
    print(f"再取一盘：{last}")


asyncio.run(main())

import asyncio
from contextlib import aclosing


async def sushi_belt(dishes):
    try:
        for dish in dishes:
            await asyncio.sleep(1)
            yield dish
    finally:
        print("传送带停了，收拾干净")


async def main():
    dishes = ["三文鱼", "金枪鱼", "玉子烧", "鳗鱼"]
    async with aclosing(sushi_belt(dishes)) as belt:
        async for dish in belt:
            print(f"取下一盘{dish}")
            if dish == "金枪鱼":
                print("吃饱了，不取了")
                break
    await asyncio.sleep(2)  # 坐着聊会儿天
    print("结账走人")


asyncio.run(main())

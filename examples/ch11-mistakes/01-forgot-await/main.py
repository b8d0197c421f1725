import asyncio


async def boil_water():
    await asyncio.sleep(3)
    print("水开了")


async def main():
    boil_water()  # 忘了写 await
    print("泡茶")


asyncio.run(main())

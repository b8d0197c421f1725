import asyncio


async def boil_water():
    await asyncio.sleep(3)
    print("水开了")


async def main():
    await boil_water()  # 等水烧开
    print("泡茶")


asyncio.run(main())

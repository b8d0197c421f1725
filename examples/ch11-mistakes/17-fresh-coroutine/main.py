import asyncio


async def fetch():
    await asyncio.sleep(1)
    return "数据"


async def main():
    print(await fetch())
    print(await fetch())  # 再调用一次，得到新的协程对象


asyncio.run(main())

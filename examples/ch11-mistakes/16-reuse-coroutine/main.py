import asyncio


async def fetch():
    await asyncio.sleep(1)
    return "数据"


async def main():
    coro = fetch()
    print(await coro)
    try:
        print(await coro)  # 想再取一次
    except RuntimeError as error:
        print(f"RuntimeError: {error}")


asyncio.run(main())

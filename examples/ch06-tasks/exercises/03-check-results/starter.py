import asyncio


async def check(site, seconds, ok):
    await asyncio.sleep(seconds)
    if not ok:
        raise ConnectionError(f"{site}连不上")
    return f"{site}正常"


async def main():
    tasks = [
        asyncio.create_task(check("甲站", 1, True)),
        asyncio.create_task(check("乙站", 2, False)),
        asyncio.create_task(check("丙站", 3, True)),
    ]
    for task in tasks:
        print(await task)


asyncio.run(main())

import asyncio


async def fetch(site, seconds):
    try:
        await asyncio.sleep(seconds)
        print(f"{site}：完成")
    except asyncio.CancelledError:
        print(f"{site}：被取消")
        raise  # 清理完，让取消继续向外传递


async def main():
    try:
        async with asyncio.timeout(2):  # 整组最多 2 秒
            async with asyncio.TaskGroup() as group:
                group.create_task(fetch("甲站", 1))
                group.create_task(fetch("乙站", 5))
    except TimeoutError:
        print("2 秒到了，没做完的都取消了")


asyncio.run(main())

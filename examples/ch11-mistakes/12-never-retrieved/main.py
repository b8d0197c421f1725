import asyncio


async def fetch():
    await asyncio.sleep(1)
    raise ConnectionError  # 网络断了


async def main():
    task = asyncio.create_task(fetch())
    await asyncio.sleep(2)
    print(f"任务完成了吗？{task.done()}")


asyncio.run(main())

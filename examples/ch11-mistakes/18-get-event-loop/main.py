import asyncio


async def main():
    await asyncio.sleep(1)
    print("完成")


# 旧教程里的写法
loop = asyncio.get_event_loop()
loop.run_until_complete(main())

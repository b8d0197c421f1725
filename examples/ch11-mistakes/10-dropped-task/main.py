import asyncio


async def save_log():
    await asyncio.sleep(1)
    print("日志保存好了")


async def main():
    asyncio.create_task(save_log())  # 交出去就不管了
    print("main 结束")


asyncio.run(main())

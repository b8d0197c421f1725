import asyncio


async def save_log():
    await asyncio.sleep(1)
    print("日志保存好了")


async def main():
    task = asyncio.create_task(save_log())  # 留着任务对象
    print("先做别的事")
    await task  # 结束前等它做完
    print("main 结束")


asyncio.run(main())

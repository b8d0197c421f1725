import asyncio


async def job():
    print("任务开始运行")


async def no_pause():
    # 没有任何会暂停的 await，直接返回
    return "await 了一个不暂停的协程"


async def main():
    task = asyncio.create_task(job())  # 任务排进了日程
    print(await no_pause())
    print("任务还没有开始")
    await asyncio.sleep(0)  # 真正暂停：控制权交给事件循环
    print("回到 main")
    await task


asyncio.run(main())

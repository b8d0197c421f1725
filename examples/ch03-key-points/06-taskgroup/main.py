import asyncio


async def work(name, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name}被取消了")
        raise  # 取消要继续向外传递
    print(f"{name}完成")


async def fail(seconds):
    await asyncio.sleep(seconds)
    raise ValueError("任务出错了")


async def main():
    try:
        async with asyncio.TaskGroup() as group:  # Python 3.11 新增
            group.create_task(work("任务甲", 2))
            group.create_task(fail(1))
    except* ValueError as errors:
        print(f"TaskGroup 抛出了：{errors.exceptions[0]!r}")
    await asyncio.sleep(2)  # 多等一会儿：任务甲不会再完成了
    print("结束")


asyncio.run(main())

import asyncio


async def work(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name}完成")
    return name


async def fail(seconds):
    await asyncio.sleep(seconds)
    raise ValueError("任务出错了")


async def main():
    # 1. 默认 return_exceptions=False：第一个异常立刻交给 await gather 的地方……
    try:
        await asyncio.gather(work("任务甲", 2), fail(1))
    except ValueError as error:
        print(f"gather 抛出了：{error!r}")
    # ……但任务甲没有被取消，还在继续运行
    await asyncio.sleep(2)

    # 2. return_exceptions=True：异常和普通结果一样，按顺序放进结果列表
    results = await asyncio.gather(
        work("任务乙", 1), fail(1), return_exceptions=True
    )
    print(results)


asyncio.run(main())

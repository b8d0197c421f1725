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
    # 等全部完成；异常先放进结果，不抛出（第 3 章）
    await asyncio.gather(*tasks, return_exceptions=True)
    for task in tasks:
        error = task.exception()  # 任务已完成：不会引发 InvalidStateError
        if error is None:
            print(task.result())
        else:
            print(f"出错了：{error!r}")


asyncio.run(main())

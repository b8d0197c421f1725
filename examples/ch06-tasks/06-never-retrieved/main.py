import asyncio


async def fetch():
    await asyncio.sleep(1)
    raise ConnectionError  # 网络断了


async def main():
    task = asyncio.create_task(fetch())
    await asyncio.sleep(2)  # 任务在第 1 秒就失败了，可是没人过问
    print(f"任务完成了吗？{task.done()}")
    del task  # 最后一个引用没了：任务马上被销毁，asyncio 报告没人取走的异常
    print("main 结束")


asyncio.run(main())

import asyncio


async def stubborn_download():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        # 错误的写法：接住了 CancelledError，却没有再引发
        print("收到取消……假装没看见")
    await asyncio.sleep(2)
    print("固执的下载完成了")


async def broken_site():
    await asyncio.sleep(1)
    raise ConnectionError("甲站连不上")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(1):
            await stubborn_download()
        print("没有 TimeoutError：超时失灵了")
    except TimeoutError:
        print("超时了")
    took = loop.time() - start
    print(f"说好最多 1 秒，用了 {took:.0f} 秒")

    start = loop.time()
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(broken_site())
            group.create_task(stubborn_download())
    except* ConnectionError as errors:
        print(f"任务组报告：{errors.exceptions[0]!r}")
    took = loop.time() - start
    print(f"甲站 1 秒就出错了，任务组却用了 {took:.0f} 秒")


asyncio.run(main())

import asyncio


async def receive(chunk):
    if chunk < 5:
        await asyncio.sleep(1)  # 前 4 块，每块 1 秒
    else:
        await asyncio.sleep(60)  # 第 5 块：连接卡住了


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(2) as deadline:
            for chunk in range(1, 6):
                await receive(chunk)
                # 收到数据，期限推迟到 2 秒以后
                deadline.reschedule(loop.time() + 2)
                later = deadline.when() - start
                print(f"收到第 {chunk} 块，期限推迟到第 {later:.0f} 秒")
    except TimeoutError:
        now = loop.time() - start
        print(f"第 {now:.0f} 秒：2 秒没有新数据，放弃")
    print(f"expired() = {deadline.expired()}")


asyncio.run(main())

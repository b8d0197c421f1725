import asyncio


async def worker():
    for i in range(1, 4):
        try:
            await asyncio.sleep(1)
            print(f"第 {i} 轮做完了")
        except asyncio.CancelledError:
            print("收到取消，收拾一下")
            raise  # 收拾完，把取消继续传出去


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"任务取消了吗？{task.cancelled()}")


asyncio.run(main())

import asyncio


async def worker():
    for i in range(1, 4):
        try:
            await asyncio.sleep(1)
            print(f"第 {i} 轮做完了")
        except asyncio.CancelledError:
            print("收到取消，不理它")  # 把取消吞掉了


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1.5)
    task.cancel()
    await task
    print(f"任务取消了吗？{task.cancelled()}")


asyncio.run(main())

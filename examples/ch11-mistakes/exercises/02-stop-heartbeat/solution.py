import asyncio


async def heartbeat():
    for n in range(1, 6):
        try:
            await asyncio.sleep(1)
            print(f"心跳 {n}")
        except asyncio.CancelledError:
            print("收到取消")
            raise  # 把取消传出去，任务才会停下


async def main():
    task = asyncio.create_task(heartbeat())
    await asyncio.sleep(2.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(f"心跳停了吗？{task.cancelled()}")


asyncio.run(main())

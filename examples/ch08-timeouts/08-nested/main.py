import asyncio


async def step():
    task = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"  step() 被取消，cancelling() = {task.cancelling()}")
        raise  # 清理完，让取消继续向外传递


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    for outer, inner in [(3, 1), (2, 5)]:
        print(f"外层期限 {outer} 秒，内层期限 {inner} 秒")
        start = loop.time()
        try:
            async with asyncio.timeout(outer):  # 整件事的期限
                try:
                    async with asyncio.timeout(inner):  # 这一步的期限
                        await step()
                except TimeoutError:
                    print(f"  内层超时，用了 {loop.time() - start:.0f} 秒")
        except TimeoutError:
            print(f"  外层超时，用了 {loop.time() - start:.0f} 秒")
        print(f"  结束时 cancelling() = {task.cancelling()}")


asyncio.run(main())

import asyncio


async def background():
    print("后台任务：开始，要花 10 秒")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("后台任务：被取消了")
        raise  # 取消要继续向外传递
    print("后台任务：完成")


async def main():
    # 创建后台任务，但不等它结束
    task = asyncio.create_task(background())
    await asyncio.sleep(1)
    print(f"main 结束了，后台任务结束了吗？{task.done()}")


asyncio.run(main())
print("asyncio.run 返回了")

import asyncio


async def boil_water():
    try:
        print("开始烧水")
        await asyncio.sleep(10)
        print("水开了")  # 不会打印
    finally:
        # 取消从这里开始：最里层先清理
        print("关火")


async def make_tea():
    try:
        await boil_water()
        print("泡茶")  # 不会打印
    finally:
        print("把茶叶放回罐子")


async def main():
    task = asyncio.create_task(make_tea())
    await asyncio.sleep(3)
    task.cancel(msg="客人走了")
    try:
        await task
    except asyncio.CancelledError as error:
        print(f"main 收到 CancelledError，消息：{error.args}")
    print(f"task.cancelled() = {task.cancelled()}")


asyncio.run(main())

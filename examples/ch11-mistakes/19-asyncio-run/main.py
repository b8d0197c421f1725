import asyncio


async def main():
    await asyncio.sleep(1)
    print("完成")


asyncio.run(main())  # 创建事件循环、运行、关闭，一步完成

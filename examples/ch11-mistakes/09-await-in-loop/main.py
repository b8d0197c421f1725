import asyncio


async def greet():
    return "你好"


async def main():
    # 已经在事件循环里了：直接 await
    print(await greet())


asyncio.run(main())

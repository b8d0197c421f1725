import asyncio


async def greet():
    return "你好"


async def main():
    try:
        # 事件循环已经在运行了，又调用一次 asyncio.run()
        print(asyncio.run(greet()))
    except RuntimeError as error:
        print(f"RuntimeError: {error}")


asyncio.run(main())

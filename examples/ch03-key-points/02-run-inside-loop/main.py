import asyncio


async def inner():
    return "来自 inner 的结果"


async def main():
    coro = inner()
    try:
        asyncio.run(coro)  # 错误：事件循环已经在运行了
    except RuntimeError as error:
        print(f"出错了：{error}")
        coro.close()  # 这个协程对象没机会运行了，关掉它，免得收到警告
    # 在协程里，直接 await 就好
    print(f"正确的写法：{await inner()}")


asyncio.run(main())

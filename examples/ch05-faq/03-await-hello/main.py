import asyncio


async def hello():
    print("Hello")
    return "World"


async def main():
    result = await hello()  # 这里才真正执行 hello() 里的代码
    print(f"结果：{result}")


asyncio.run(main())

import asyncio


async def main():
    print("Hello")
    return 42


# 传给 asyncio.run 的是协程对象 main()，不是协程函数 main
result = asyncio.run(main())
print(f"asyncio.run 的返回值：{result}")

import asyncio


async def hello():
    print("Hello")
    return "World"


result = hello()
print(result)

import asyncio


async def hello():
    return "World"


result = await hello()  # 普通脚本的顶层不能 await

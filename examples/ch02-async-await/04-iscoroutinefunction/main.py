import asyncio
import inspect


async def hello():
    return "World"


print(inspect.iscoroutinefunction(hello))  # 所有版本都可以用
print(asyncio.iscoroutinefunction(hello))  # Python 3.14 起已弃用

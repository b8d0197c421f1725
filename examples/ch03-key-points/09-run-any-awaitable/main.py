import asyncio


class Greeting:
    """不是协程对象，但可以 await：它有 __await__ 方法"""

    def __await__(self):
        yield from asyncio.sleep(1).__await__()
        return "你好"


try:
    print(asyncio.run(Greeting()))
except ValueError as error:  # Python 3.13 及以前：只接受协程对象
    print(f"出错了：{error}")

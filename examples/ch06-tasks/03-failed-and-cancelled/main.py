import asyncio


async def bake():
    await asyncio.sleep(1)
    raise ValueError("面粉不够")


async def stew():
    await asyncio.sleep(10)
    return "一锅汤"


async def main():
    failed = asyncio.create_task(bake())
    slow = asyncio.create_task(stew())
    await asyncio.sleep(2)
    print(f"出错的任务：done() = {failed.done()}，"
          f"cancelled() = {failed.cancelled()}")
    print(f"exception() 返回：{failed.exception()!r}")
    try:
        failed.result()
    except ValueError as error:
        print(f"result() 引发：{error!r}")

    slow.cancel()  # 请求取消：任务下一次运行时收到 CancelledError
    try:
        await slow
    except asyncio.CancelledError:
        print("await 被取消的任务，得到 CancelledError")
    print(f"取消以后：done() = {slow.done()}，"
          f"cancelled() = {slow.cancelled()}")
    for method in (slow.result, slow.exception):
        try:
            method()
        except asyncio.CancelledError:
            print(f"{method.__name__}() 也引发 CancelledError")


asyncio.run(main())

import asyncio


async def brew_tea():
    await asyncio.sleep(3)
    return "一壶茶"


async def main():
    task = asyncio.create_task(brew_tea())
    print(f"任务是 Future 吗？{isinstance(task, asyncio.Future)}")
    print(f"刚创建：done() = {task.done()}，"
          f"cancelled() = {task.cancelled()}")
    try:
        task.result()  # 还没完成就要结果
    except asyncio.InvalidStateError as error:
        print(f"result() 太早了：{error!r}")
    try:
        task.exception()  # 还没完成就问异常
    except asyncio.InvalidStateError as error:
        print(f"exception() 太早了：{error!r}")
    tea = await task  # 等它完成
    print(f"await 得到：{tea}")
    print(f"完成后：done() = {task.done()}，"
          f"cancelled() = {task.cancelled()}，result() = {task.result()}")
    print(f"没有出错，exception() = {task.exception()}")


asyncio.run(main())

import asyncio


async def save_order():
    print("开始保存订单")
    await asyncio.sleep(3)
    print("订单已保存")
    return "42 号订单"


async def main():
    task = asyncio.create_task(save_order())  # 留住引用
    try:
        async with asyncio.timeout(1):
            await asyncio.shield(task)
    except TimeoutError:
        print(f"等了 1 秒就不等了，保存还在继续：done() = {task.done()}")
    print(f"最后还是拿到了：{await task}")


asyncio.run(main())

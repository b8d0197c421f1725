import asyncio


async def worker(seconds):
    me = asyncio.current_task()  # 正在运行的是哪个任务？
    print(f"{me.get_name()} 开始，要忙 {seconds} 秒")
    await asyncio.sleep(seconds)
    print(f"{me.get_name()} 完成")


async def main():
    print(f"main 也在任务里：{asyncio.current_task().get_name()}")
    unnamed = asyncio.create_task(worker(2))
    named = asyncio.create_task(worker(1), name="烧水")
    print(f"没起名字的：{unnamed.get_name()}")
    print(f"起了名字的：{named.get_name()}")
    names = sorted(task.get_name() for task in asyncio.all_tasks())
    print(f"all_tasks()：{names}")
    await unnamed
    await named
    names = sorted(task.get_name() for task in asyncio.all_tasks())
    print(f"都完成以后：{names}")


asyncio.run(main())

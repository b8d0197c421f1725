import asyncio


async def cook(dish, seconds):
    print(f"开始做{dish}")
    await asyncio.sleep(seconds)
    return dish


def ring_bell(task):
    # 回调只有一个参数：完成了的任务
    print(f"叮！{task.get_name()} 完成了：{task.result()}")


async def main():
    task = asyncio.create_task(
        cook("番茄炒蛋", 2), name="炒菜"
    )
    task.add_done_callback(ring_bell)
    first = await task
    print(f"第一次 await：{first}")
    second = await task  # 任务已经完成：不会再做一遍
    print(f"第二次 await：{second}")
    print(f"是同一个结果吗？{first is second}")


asyncio.run(main())

import asyncio

background_tasks = set()


async def save_log(line, seconds):
    await asyncio.sleep(seconds)
    print(f"已保存：{line}")


async def main():
    for number, seconds in enumerate([3, 1, 2], start=1):
        task = asyncio.create_task(save_log(f"日志 {number}", seconds))
        background_tasks.add(task)  # 留住引用
        task.add_done_callback(background_tasks.discard)  # 完成后自己删掉
    print("日志都交给后台了")
    await asyncio.gather(*background_tasks)  # 退出前等后台任务做完
    print(f"后台任务都完成了，还剩 {len(background_tasks)} 个")


asyncio.run(main())

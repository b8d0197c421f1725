import asyncio

background_tasks = set()  # 替事件循环“记住”后台任务


async def send_email(to, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"给 {to} 的邮件没发出去：任务被取消了")
        raise  # 取消要继续向外传递
    print(f"邮件已发给 {to}")


def fire_and_forget(coro):
    task = asyncio.create_task(coro)
    background_tasks.add(task)  # 强引用：任务不会半路消失
    # 完成以后，任务把自己从集合里删掉，集合不会越来越大
    task.add_done_callback(background_tasks.discard)


async def main():
    fire_and_forget(send_email("小王", 2))
    fire_and_forget(send_email("小李", 1))
    fire_and_forget(send_email("小张", 5))
    print(f"发出去了，后台任务：{len(background_tasks)} 个")
    await asyncio.sleep(3)  # 主程序接着忙自己的事
    print(f"3 秒以后，后台任务：{len(background_tasks)} 个")


asyncio.run(main())

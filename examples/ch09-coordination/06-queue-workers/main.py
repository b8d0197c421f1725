import asyncio
import time


async def take_orders(counter, dishes, gap, queue):
    for dish in dishes:
        await asyncio.sleep(gap)  # 隔一会儿来一位客人
        await queue.put(dish)  # 订单放进队列就走，不等厨师
        print(f"{counter} 收到订单：{dish}")


async def cook(name, queue):
    try:
        while True:
            dish = await queue.get()  # 没有订单就在这里等
            print(f"{name} 开始做 {dish}")
            await asyncio.sleep(5)  # 每道菜做 5 秒
            print(f"{name} 做好了 {dish}")
            queue.task_done()  # 告诉队列：这一份做完了
    except asyncio.CancelledError:
        print(f"{name} 下班了")
        raise  # 取消要继续向外传递


async def main():
    start = time.perf_counter()
    queue = asyncio.Queue()
    cooks = [asyncio.create_task(cook(name, queue), name=name)
             for name in ("厨师甲", "厨师乙")]
    # 堂食每 2 秒来一位客人，外卖每 5 秒来一位
    orders = [("堂食", ["炒饭", "面条", "饺子"], 2),
              ("外卖", ["汤", "包子"], 5)]
    counters = [asyncio.create_task(take_orders(name, dishes, gap, queue),
                                    name=name)
                for name, dishes, gap in orders]
    await asyncio.gather(*counters)
    print("订单收完了，等厨师把菜做完")
    await queue.join()  # 每份订单都 task_done() 了才返回
    print(f"全部做完：第 {time.perf_counter() - start:.0f} 秒")
    for task in cooks:
        task.cancel()  # 厨师还在 get() 里等，不取消就永远等下去
    await asyncio.gather(*cooks, return_exceptions=True)


asyncio.run(main())

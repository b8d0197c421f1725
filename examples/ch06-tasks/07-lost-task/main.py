import asyncio
import gc


async def wait_for_reply():
    # 等一个只有这个任务自己拿着的 Future，就像等一个永远不来的回复
    reply = asyncio.get_running_loop().create_future()
    print("开始等回复")
    await reply
    print("收到回复")  # 永远不会打印


async def nap():
    await asyncio.sleep(2)
    print("睡醒了：在 sleep 里等的任务没有消失")


async def main():
    asyncio.create_task(wait_for_reply())  # 没有保存引用！
    asyncio.create_task(nap())  # 也没有保存引用
    await asyncio.sleep(1)
    print(f"第 1 秒，all_tasks() 里有：{len(asyncio.all_tasks())} 个")
    gc.collect()  # 垃圾回收随时可能发生，这里让它马上发生
    print(f"回收以后，all_tasks() 里有：{len(asyncio.all_tasks())} 个")
    await asyncio.sleep(2)


asyncio.run(main())

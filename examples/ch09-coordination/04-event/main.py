import asyncio

boiled = asyncio.Event()  # 一开始“没有发生”


async def wait_for_tea(name):
    print(f"{name} 拿着茶杯等水开")
    await boiled.wait()  # 水没开就在这里等；开了立刻返回
    print(f"{name} 泡上了茶")


async def kettle():
    await asyncio.sleep(3)  # 烧水要 3 秒
    print("水开了！")
    boiled.set()  # 叫醒所有在等的人


async def main():
    print(f"水开了吗？{boiled.is_set()}")
    await asyncio.gather(wait_for_tea("小王"), wait_for_tea("小李"), kettle())
    print(f"水开了吗？{boiled.is_set()}")
    await wait_for_tea("晚来的小张")  # 已经发生了：不用等


asyncio.run(main())

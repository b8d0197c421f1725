import asyncio

stock = 2  # 库存：最后两件
lock = asyncio.Lock()  # 一把锁，守着库存


async def buy(customer):
    global stock
    async with lock:  # 拿到锁才能进来，出去时自动还锁
        left = stock
        if left == 0:
            print(f"{customer}：卖完了")
            return
        print(f"{customer} 看到还剩 {left} 件，去付款")
        await asyncio.sleep(1)  # 付款时别人进不来
        stock = left - 1
        print(f"{customer} 买到了，库存记为 {stock}")


async def main():
    await asyncio.gather(buy("小王"), buy("小李"), buy("小张"))
    print(f"最后的库存：{stock}")


asyncio.run(main())

import asyncio

stock = 2  # 库存：最后两件


async def buy(customer):
    global stock
    left = stock  # 读：看看还剩几件
    if left == 0:
        print(f"{customer}：卖完了")
        return
    print(f"{customer} 看到还剩 {left} 件，去付款")
    await asyncio.sleep(1)  # 付款要 1 秒：读和写之间有一个 await
    stock = left - 1  # 写：按刚才读到的数减一
    print(f"{customer} 买到了，库存记为 {stock}")


async def main():
    await asyncio.gather(buy("小王"), buy("小李"), buy("小张"))
    print(f"最后的库存：{stock}，可是卖出了 3 件")


asyncio.run(main())

import asyncio

stock = 2  # 库存：最后两件


async def buy(customer):
    global stock
    # 读、判断、写之间没有 await：这三步中间不会换别的任务
    if stock == 0:
        print(f"{customer}：卖完了")
        return
    stock = stock - 1
    print(f"{customer} 留下了一件，库存记为 {stock}，去付款")
    await asyncio.sleep(1)  # 付款可以同时进行
    print(f"{customer} 付好了")


async def main():
    await asyncio.gather(buy("小王"), buy("小李"), buy("小张"))
    print(f"最后的库存：{stock}")


asyncio.run(main())

import asyncio

balance = 0  # 账户余额
lock = asyncio.Lock()  # 守着余额的锁


async def deposit(who, amount):
    global balance
    async with lock:  # 读、核对、写，整个过程别人进不来
        current = balance  # 读余额
        await asyncio.sleep(1)  # 银行核对要 1 秒
        balance = current + amount  # 写余额
    print(f"{who} 存入 {amount} 元")


async def main():
    await asyncio.gather(
        deposit("爸爸", 100), deposit("妈妈", 100), deposit("奶奶", 100)
    )
    print(f"余额：{balance} 元")


asyncio.run(main())

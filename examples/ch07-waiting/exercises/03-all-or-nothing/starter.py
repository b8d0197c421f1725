import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def book(item, seconds, ok=True):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{stamp()} 撤销：{item}")
        raise  # 取消要继续向外传递
    if not ok:
        raise RuntimeError(f"{item}卖完了")
    print(f"{stamp()} 订好了：{item}")


async def main():
    try:
        await asyncio.gather(
            book("酒店", 2), book("火车票", 1, ok=False)
        )
    except RuntimeError as error:
        print(f"{stamp()} 行程取消：{error}")
    await asyncio.sleep(2)  # 去收拾行李
    print(f"{stamp()} 收拾完了")


asyncio.run(main())

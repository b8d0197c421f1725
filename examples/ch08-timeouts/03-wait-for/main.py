import asyncio


async def brew(tea, seconds):
    name = asyncio.current_task().get_name()
    print(f"泡{tea}（在任务 {name} 里运行）")
    try:
        await asyncio.sleep(seconds)
        return f"一杯{tea}"
    finally:
        print(f"收拾泡{tea}的茶具")  # 被取消时也会运行


async def main():
    cup = await asyncio.wait_for(brew("绿茶", 1), timeout=2)
    print(f"拿到了{cup}")
    try:
        await asyncio.wait_for(brew("普洱", 5), timeout=2)
    except TimeoutError:
        print("普洱等了 2 秒还没好，不等了")


asyncio.run(main())

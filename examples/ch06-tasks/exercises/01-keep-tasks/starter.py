import asyncio


async def save_log(line, seconds):
    await asyncio.sleep(seconds)
    print(f"已保存：{line}")


async def main():
    for number, seconds in enumerate([3, 1, 2], start=1):
        asyncio.create_task(save_log(f"日志 {number}", seconds))
    print("日志都交给后台了")


asyncio.run(main())

import asyncio


async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name}完成（{seconds} 秒）")
    return name


async def main():
    results = await asyncio.gather(
        fetch("慢任务", 3),
        fetch("中任务", 2),
        fetch("快任务", 1),
    )
    # 完成的先后是 快、中、慢，结果的顺序却和参数一致
    print(results)


asyncio.run(main())

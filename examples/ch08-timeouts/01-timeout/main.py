import asyncio


async def download(name, seconds):
    print(f"开始下载{name}")
    await asyncio.sleep(seconds)
    print(f"{name}下载完成")


async def main():
    async with asyncio.timeout(3):  # 这个代码块最多等 3 秒
        await download("小图片", 1)
    print("小图片没有超时")

    try:
        async with asyncio.timeout(3):
            await download("大视频", 10)
            print("这一行不会打印")
    except TimeoutError:
        print("大视频超时了，不等了")

    same = asyncio.TimeoutError is TimeoutError
    print(f"asyncio.TimeoutError is TimeoutError：{same}")


asyncio.run(main())

import asyncio


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name}：下载完成"


async def main():
    for name, seconds in [("甲文件", 1), ("乙文件", 10), ("丙文件", 2)]:
        try:
            async with asyncio.timeout(3):  # 每个文件最多等 3 秒
                print(await download(name, seconds))
        except TimeoutError:
            print(f"{name}：超时，跳过")


asyncio.run(main())

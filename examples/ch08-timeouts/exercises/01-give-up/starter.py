import asyncio


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name}：下载完成"


async def main():
    for name, seconds in [("甲文件", 1), ("乙文件", 10), ("丙文件", 2)]:
        print(await download(name, seconds))


asyncio.run(main())

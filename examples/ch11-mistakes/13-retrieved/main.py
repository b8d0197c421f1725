import asyncio


async def fetch():
    await asyncio.sleep(1)
    raise ConnectionError  # 网络断了


async def main():
    task = asyncio.create_task(fetch())
    await asyncio.sleep(2)
    try:
        await task  # 取走结果，也就取走了异常
    except ConnectionError as error:
        print(f"下载失败：{error!r}")


asyncio.run(main())

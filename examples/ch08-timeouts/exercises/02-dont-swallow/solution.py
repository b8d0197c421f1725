import asyncio


async def convert():
    print("开始转换视频")
    try:
        await asyncio.sleep(5)
        print("转换完成")
    except asyncio.CancelledError:
        print("转换被取消，删除临时文件")
        raise  # 清理完，让取消继续向外传递


async def main():
    try:
        async with asyncio.timeout(2):
            await convert()
        print("视频已就绪")
    except TimeoutError:
        print("超时，改天再转")


asyncio.run(main())

import asyncio
import time


async def brew(tea):
    time.sleep(2)  # 阻塞：整个事件循环都停下来等
    print(f"{tea}泡好了")


async def main():
    red = asyncio.create_task(brew("红茶"))
    green = asyncio.create_task(brew("绿茶"))
    await red
    await green


asyncio.run(main(), debug=True)  # 打开调试模式

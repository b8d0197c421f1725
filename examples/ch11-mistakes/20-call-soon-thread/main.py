import asyncio
import threading
import time


def worker(loop, done):
    time.sleep(1)  # 在另一个线程里干活
    try:
        loop.call_soon(done.set)  # 错：从别的线程调用事件循环
    except RuntimeError as error:
        print(f"线程里出错：{error}")


async def main():
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    threading.Thread(target=worker, args=(loop, done)).start()
    try:
        await asyncio.wait_for(done.wait(), timeout=2)
        print("收到线程的通知")
    except TimeoutError:
        print("等了 2 秒，还没收到通知")


asyncio.run(main(), debug=True)  # 调试模式会检查是哪个线程在调用

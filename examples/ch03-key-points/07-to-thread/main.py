import asyncio
import threading
from pathlib import Path


def read_notes(path):
    # 普通的阻塞函数：读文件时，当前线程只能等磁盘
    print(f"读文件的线程：{threading.current_thread().name}")
    return Path(path).read_text(encoding="utf-8")


async def main():
    print(f"事件循环的线程：{threading.current_thread().name}")
    # to_thread 在线程池里运行阻塞函数，await 期间事件循环可以运行别的任务
    text = await asyncio.to_thread(read_notes, "notes.txt")
    print(text, end="")


# 先写好要读的文件：这时事件循环还没有运行，阻塞一下也不影响谁
Path("notes.txt").write_text(
    "读文件交给线程，事件循环照常运转。\n",
    encoding="utf-8",
)
asyncio.run(main())

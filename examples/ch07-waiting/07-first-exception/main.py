import asyncio
import time

START = time.perf_counter()


def stamp():
    """从程序开始到现在过了几秒"""
    return f"[{time.perf_counter() - START:.0f} 秒]"


async def upload(name, seconds, ok=True):
    await asyncio.sleep(seconds)
    if not ok:
        raise ConnectionError(f"{name}上传时断线了")
    print(f"{stamp()} {name}：上传完成")


async def main():
    tasks = [
        asyncio.create_task(upload("照片", 1)),
        asyncio.create_task(upload("视频", 2, ok=False)),
        asyncio.create_task(upload("文档", 4)),
    ]
    done, pending = await asyncio.wait(
        tasks, return_when=asyncio.FIRST_EXCEPTION
    )
    print(f"{stamp()} wait 返回：完成 {len(done)} 个，"
          f"未完成 {len(pending)} 个")
    for task in tasks:
        if task in done and task.exception() is not None:
            print(f"{stamp()} 出错的：{task.exception()!r}")
    # 剩下的要不要取消，由我们决定；这里让它做完
    done, pending = await asyncio.wait(pending)  # 默认 ALL_COMPLETED
    print(f"{stamp()} 再等一次：完成 {len(done)} 个，"
          f"未完成 {len(pending)} 个")


asyncio.run(main())

import asyncio
import time


async def main():
    start = time.perf_counter()
    value = await asyncio.sleep(1, result="一秒过去了")
    print(value)
    print(await asyncio.sleep(0))  # 不给 result，得到 None
    print(f"总耗时：{time.perf_counter() - start:.1f} 秒")


asyncio.run(main())

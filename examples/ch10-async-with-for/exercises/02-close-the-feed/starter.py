import asyncio


async def news_feed():
    number = 0
    try:
        while True:  # 一直推送下去
            number += 1
            await asyncio.sleep(1)
            yield f"第 {number} 条新闻"
    finally:
        print("新闻推送断开了")


async def main():
    feed = news_feed()
    count = 0
    async for headline in feed:
        print(headline)
        count += 1
        if count == 3:  # 只看三条
            break
    await asyncio.sleep(2)  # 去泡杯茶
    print("关掉电视")


asyncio.run(main())

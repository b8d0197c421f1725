import asyncio
import time

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
async def ping():
    return {"pong": True}


@app.get("/async-sleep")
async def async_sleep():
    await asyncio.sleep(1)  # 正确：await 让出事件循环，别的请求照常处理
    return {"slept": 1}


@app.get("/blocking-in-async")
async def blocking_in_async():
    time.sleep(1)  # 错误：阻塞调用卡住了整个事件循环
    return {"slept": 1}


@app.get("/blocking-in-def")
def blocking_in_def():
    time.sleep(1)  # 普通 def 接口在线程池里运行，只占住一个线程
    return {"slept": 1}

import asyncio
import threading

from fastapi import FastAPI

app = FastAPI()
started = threading.Event()  # 慢接口开始处理请求时置位
pinged = threading.Event()  # 客户端收到 /ping 的响应后置位


@app.get("/ping")
async def ping():
    return {"pong": True}


@app.get("/to-thread")
async def to_thread():
    started.set()
    # 正确：阻塞调用交给线程，await 让出事件循环
    await asyncio.to_thread(pinged.wait)
    return {"pinged": pinged.is_set()}


@app.get("/blocking-in-async")
async def blocking_in_async():
    started.set()
    # 错误：阻塞调用卡住了整个事件循环，不设超时就会永远等下去
    pinged.wait(timeout=1)
    return {"pinged": pinged.is_set()}


@app.get("/blocking-in-def")
def blocking_in_def():
    started.set()
    pinged.wait()  # 普通 def 接口在线程池里运行，只占住一个线程
    return {"pinged": pinged.is_set()}

import threading

from fastapi.testclient import TestClient

from app import app, pinged, started


def race(client, slow_path):
    """先发慢请求，服务器开始处理后再请求 /ping，返回两者的完成顺序。"""
    started.clear()
    pinged.clear()
    slow = {}

    def slow_request():
        slow.update(client.get(slow_path).json())

    thread = threading.Thread(target=slow_request)
    thread.start()
    started.wait()  # 慢请求已经在处理了
    client.get("/ping")
    pinged.set()  # 告诉慢接口：/ping 已经完成
    thread.join()
    # 慢接口结束时，/ping 已经完成了吗？
    return ["/ping", slow_path] if slow["pinged"] else [slow_path, "/ping"]


with TestClient(app) as client:  # 所有请求共用同一个事件循环
    for path in ["/to-thread", "/blocking-in-async", "/blocking-in-def"]:
        order = " → ".join(race(client, path))
        print(f"{path:<18} 完成顺序：{order}")

import threading
import time

from fastapi.testclient import TestClient

from app import app


def race(client, slow_path):
    """先发一个慢请求，0.2 秒后再发 /ping，记下谁先完成。"""
    finished = []

    def request(path):
        client.get(path)
        finished.append(path)

    slow = threading.Thread(target=request, args=(slow_path,))
    slow.start()
    time.sleep(0.2)
    request("/ping")
    slow.join()
    return finished


with TestClient(app) as client:  # 所有请求共用同一个事件循环
    for path in ["/async-sleep", "/blocking-in-async", "/blocking-in-def"]:
        order = " → ".join(race(client, path))
        print(f"{path:<18} 完成顺序：{order}")

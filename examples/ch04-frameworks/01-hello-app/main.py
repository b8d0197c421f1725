# 不用启动服务器也能试：TestClient 直接把请求交给 app
from fastapi.testclient import TestClient

from app import app

client = TestClient(app)
response = client.get("/")
print(response.status_code, response.json())

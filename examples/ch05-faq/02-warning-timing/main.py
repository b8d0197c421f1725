async def hello():
    print("Hello")
    return "World"


hello()  # 返回的协程对象没人接住，马上就被回收了
print("这一行在警告之后打印")

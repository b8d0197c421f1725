import asyncio
from concurrent.futures import ProcessPoolExecutor


def count_primes(limit):
    # 纯计算，没有任何等待：CPU 密集型
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit)
    )


async def main():
    loop = asyncio.get_running_loop()
    # 每个进程有自己的解释器，多核可以真正同时计算
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(
            loop.run_in_executor(pool, count_primes, 10_000),
            loop.run_in_executor(pool, count_primes, 20_000),
        )
    print(f"10000 以内的质数有 {results[0]} 个")
    print(f"20000 以内的质数有 {results[1]} 个")


if __name__ == "__main__":  # 进程池要求主模块可以被安全地再次导入
    asyncio.run(main())

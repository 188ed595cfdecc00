import time
from concurrent.futures import ThreadPoolExecutor


def download(url):
    time.sleep(0.3)  # stands for waiting on the network: the GIL is released
    return url


if __name__ == "__main__":
    urls = [f"https://example.com/{i}" for i in range(8)]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as executor:
        pages = list(executor.map(download, urls))
    elapsed = time.perf_counter() - start
    print(f"{len(pages)} downloads, speedup over one thread: {8 * 0.3 / elapsed:.1f}")
#> 8 downloads, speedup over one thread: <float>

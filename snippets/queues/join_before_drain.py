from multiprocessing import Process, Queue


def child(q):
    q.put(b"x" * 1_000_000)  # 1 MB: far more than a pipe holds (64 KiB on Linux)


if __name__ == "__main__":
    q = Queue()
    p = Process(target=child, args=(q,))
    p.start()
    p.join(timeout=2)  # (1)!
    print(f"join(timeout=2) returned: alive={p.is_alive()} exitcode={p.exitcode}")
    data = q.get(timeout=10)  # (2)!
    p.join()
    print(f"got {len(data):,} bytes, then join(): exitcode={p.exitcode}")
#> join(timeout=2) returned: alive=True exitcode=None
#> got 1,000,000 bytes, then join(): exitcode=0

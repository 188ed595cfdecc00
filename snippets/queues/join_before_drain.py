from multiprocessing import Event, Process, Queue


def child(q, returning):
    q.put(b"x" * 1_000_000)  # 1 MB: far more than a pipe holds (64 KiB on Linux)
    returning.set()  # the function's last line; the process's exit comes next


if __name__ == "__main__":
    q = Queue()
    returning = Event()
    p = Process(target=child, args=(q, returning))
    p.start()
    returning.wait(timeout=60)
    p.join(timeout=0.5)  # (1)!
    print(f"0.5 s after child() returned: alive={p.is_alive()} exitcode={p.exitcode}")
    data = q.get(timeout=10)  # (2)!
    p.join()
    print(f"got {len(data):,} bytes, then join(): exitcode={p.exitcode}")
#> 0.5 s after child() returned: alive=True exitcode=None
#> got 1,000,000 bytes, then join(): exitcode=0

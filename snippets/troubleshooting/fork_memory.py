import multiprocessing as mp


def vm_size_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) // 1024  # (1)!


def report(queue):
    queue.put(vm_size_mb())


if __name__ == "__main__":
    big = bytearray(500 * 1024 * 1024)  # 500 MB of data in the parent
    print(f"parent: more than 500 MB: {vm_size_mb() > 500}")
    for method in ("fork", "spawn", "forkserver"):
        ctx = mp.get_context(method)
        queue = ctx.Queue()
        child = ctx.Process(target=report, args=(queue,))
        child.start()
        size = queue.get(timeout=20)
        child.join()
        print(f"{method} child: more than 500 MB: {size > 500}")
#> parent: more than 500 MB: True
#> fork child: more than 500 MB: True
#> spawn child: more than 500 MB: False
#> forkserver child: more than 500 MB: False

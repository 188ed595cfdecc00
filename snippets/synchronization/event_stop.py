import multiprocessing as mp


def monitor(stop, samples):
    while True:
        samples.value += 1  # take a sample (here: just count it)
        if stop.wait(timeout=60):  # (1)!
            break


if __name__ == "__main__":
    stop = mp.Event()
    samples = mp.Value("i", 0)
    p = mp.Process(target=monitor, args=(stop, samples))
    p.start()
    total = sum(i * i for i in range(100_000))  # the main process's real work
    stop.set()  # stop signal
    p.join(timeout=20)  # (2)!
    if p.is_alive():
        p.terminate()
        p.join()
    print(f"monitor exit code: {p.exitcode}, samples taken: {samples.value}")
#> monitor exit code: 0, samples taken: 1

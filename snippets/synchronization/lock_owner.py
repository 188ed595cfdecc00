import multiprocessing as mp


def release(lock):
    kind = type(lock).__name__
    try:
        lock.release()  # (1)!
    except AssertionError as exc:
        print(f"child: {kind}: AssertionError: {exc}")
    else:
        print(f"child: released a {kind} that its parent acquired")


def release_in_child(lock):
    p = mp.Process(target=release, args=(lock,))
    p.start()
    p.join()


if __name__ == "__main__":
    lock = mp.Lock()
    lock.acquire()
    release_in_child(lock)
    print(f"parent: the Lock is free again: {lock.acquire(timeout=0)}")  # (2)!
    lock.release()

    rlock = mp.RLock()
    rlock.acquire()
    release_in_child(rlock)
    rlock.release()  # the owner releases it
#> child: released a Lock that its parent acquired
#> parent: the Lock is free again: True
#> child: RLock: AssertionError: attempt to release recursive lock not owned by thread

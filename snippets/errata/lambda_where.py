import multiprocessing as mp


def call(func):
    func()


def process_target(ctx, func):
    p = ctx.Process(target=func)
    p.start()
    p.join()
    return f"exit code {p.exitcode}"


def process_args(ctx, func):
    p = ctx.Process(target=call, args=(func,))
    p.start()
    p.join()
    return f"exit code {p.exitcode}"


def pool_initializer(ctx, func):
    with ctx.Pool(1, initializer=func) as pool:
        return f"result {pool.apply(abs, (-1,))}"


def pool_task(ctx, func):
    with ctx.Pool(1) as pool:
        return f"result {pool.apply(func)}"


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        ctx = mp.get_context(method)  # (1)!
        for use in (process_target, process_args, pool_initializer, pool_task):
            try:
                outcome = f"ran, {use(ctx, lambda: 1)}"  # (2)!
            except Exception as exc:
                outcome = type(exc).__name__
            print(f"{method:<10} {use.__name__:<16} {outcome}")
#> fork       process_target   ran, exit code 0
#> fork       process_args     ran, exit code 0
#> fork       pool_initializer ran, result 1
#> fork       pool_task        PicklingError
#> spawn      process_target   PicklingError
#> spawn      process_args     PicklingError
#> spawn      pool_initializer PicklingError
#> spawn      pool_task        PicklingError
#> forkserver process_target   PicklingError
#> forkserver process_args     PicklingError
#> forkserver pool_initializer PicklingError
#> forkserver pool_task        PicklingError

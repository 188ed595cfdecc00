# test: max_python="3.13.7"
import multiprocessing as mp

print(f"main module body runs as {__name__}")  # (1)!


def work():
    pass


if __name__ == "__main__":
    ctx = mp.get_context("forkserver")
    for _ in range(3):
        p = ctx.Process(target=work)
        p.start()
        p.join()
#> main module body runs as __main__
#> main module body runs as __mp_main__
#> main module body runs as __mp_main__
#> main module body runs as __mp_main__

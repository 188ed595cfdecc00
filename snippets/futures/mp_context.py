import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def where():
    return multiprocessing.current_process().name


if __name__ == "__main__":
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as executor:
        print(f"worker: {executor.submit(where).result()}")
#> worker: SpawnProcess-1

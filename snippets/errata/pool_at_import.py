from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def fetch(title):
    return title.title()


def load_views():  # (1)!
    class Music:
        pool = Pool(1)  # "written in the class": created while the views load

        def search(self, titles):
            return self.pool.map(fetch, titles)

    return Music


def handle_request(titles):  # a process that loads the views and runs a search
    music = load_views()
    try:
        return music().search(titles)
    finally:
        music.pool.terminate()


if __name__ == "__main__":
    with ProcessPoolExecutor(1) as executor:  # (2)!
        found = executor.submit(handle_request, ["yesterday"]).result()
        print(f"in a ProcessPoolExecutor worker: {found}")
    pool = Pool(1)
    try:
        pool.apply(handle_request, (["yesterday"],))
    except AssertionError as exc:
        print(f"in a Pool worker: AssertionError: {exc}")
    finally:
        pool.close()  # (3)!
        pool.join()
#> in a ProcessPoolExecutor worker: ['Yesterday']
#> in a Pool worker: AssertionError: daemonic processes are not allowed to have children

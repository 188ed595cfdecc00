from multiprocessing import Pool


class Music:
    def __init__(self):
        self.pool = Pool(2)

    def fetch(self, title):
        return title.title()

    def search(self, titles):
        return self.pool.map(self.fetch, titles)  # (1)!


if __name__ == "__main__":
    music = Music()
    try:
        print(music.search(["yesterday", "let it be"]))
    except NotImplementedError as exc:
        print(f"NotImplementedError: {exc}")
    finally:
        music.pool.terminate()
#> NotImplementedError: pool objects cannot be passed between processes or pickled

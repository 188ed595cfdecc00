from multiprocessing import Pool


def fetch(title):  # module level: pickled by name, carries no Pool with it
    return title.title()


class Music:
    def __init__(self, pool):
        self.pool = pool

    def search(self, titles):
        return self.pool.map(fetch, titles)


if __name__ == "__main__":
    with Pool(2) as pool:  # one pool for the whole program, made once
        music = Music(pool)
        print(music.search(["yesterday", "let it be"]))
#> ['Yesterday', 'Let It Be']

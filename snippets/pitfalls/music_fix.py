from multiprocessing import Pool


class Music:
    def __init__(self, source):
        self.source = source  # only picklable state

    def fetch(self, name):
        return f"{self.source}:{name}"

    def search(self, names):
        with Pool(2) as pool:  # the pool is a local variable, not an attribute
            return pool.map(self.fetch, names)


if __name__ == "__main__":
    print(Music("song").search(["a", "b"]))
#> ['song:a', 'song:b']

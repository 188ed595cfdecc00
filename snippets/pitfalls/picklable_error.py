from multiprocessing import Pool


class QuotaError(Exception):
    def __init__(self, user, limit):
        super().__init__(user, limit)  # (1)!
        self.user = user
        self.limit = limit

    def __str__(self):
        return f"{self.user} is over the limit of {self.limit}"


def work():
    raise QuotaError("ada", 10)


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            pool.apply(work)
        except QuotaError as exc:
            print(f"caught in the parent: {exc} (user={exc.user!r})")
#> caught in the parent: ada is over the limit of 10 (user='ada')

from multiprocessing import Manager, Process


def add_tag(tags):
    tags["python"].append("multiprocessing")  # (1)!


if __name__ == "__main__":
    with Manager() as manager:
        tags = manager.dict({"python": []})
        child = Process(target=add_tag, args=(tags,))
        child.start()
        child.join()
        print(tags["python"])
        tags["python"].append("also lost")  # the same happens in this process
        print(tags["python"])
#> []
#> []

from multiprocessing import Manager, Process


def add_tag_reassign(tags, lock):
    with lock:  # (1)!
        values = tags["python"]  # a copy
        values.append("multiprocessing")
        tags["python"] = values  # send the whole list back


def add_tag_nested(tags):
    tags["python"].append("multiprocessing")  # (2)!


if __name__ == "__main__":
    with Manager() as manager:
        lock = manager.Lock()
        copied = manager.dict({"python": []})
        nested = manager.dict({"python": manager.list()})  # (3)!
        workers = [
            Process(target=add_tag_reassign, args=(copied, lock)),
            Process(target=add_tag_reassign, args=(copied, lock)),
            Process(target=add_tag_nested, args=(nested,)),
            Process(target=add_tag_nested, args=(nested,)),
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(f"reassigned: {copied['python']}")
        print(f"nested proxy: {list(nested['python'])}")
        print(type(nested["python"]).__name__)
#> reassigned: ['multiprocessing', 'multiprocessing']
#> nested proxy: ['multiprocessing', 'multiprocessing']
#> ListProxy

import pickle


def square(x):
    return x * x


def make_adder(n):
    def add(x):
        return x + n

    return add


if __name__ == "__main__":
    data = pickle.dumps(square)
    print(data)  # (1)!
    print(f"unpickled to the very same function: {pickle.loads(data) is square}")
    for func in (lambda x: x * x, make_adder(1)):
        try:
            pickle.dumps(func)
        except (pickle.PicklingError, AttributeError):
            print(f"{func.__qualname__!r}: no importable name, cannot be pickled")
#> b'\x80\x04\x95\x17\x00\x00\x00\x00\x00\x00\x00\x8c\x08__main__\x94\x8c\x06square\x94\x93\x94.'
#> unpickled to the very same function: True
#> '<lambda>': no importable name, cannot be pickled
#> 'make_adder.<locals>.add': no importable name, cannot be pickled

import pickle
import pickletools


def square(x):
    return x * x


def cube(x):
    return x * x * x


if __name__ == "__main__":
    data = pickle.dumps(square)
    pickletools.dis(data)  # (1)!
    globals()["square"] = cube  # the name now points to another function
    print(f"pickle.loads(data) applied to 3: {pickle.loads(data)(3)}")  # (2)!
    print(f"qualified name of a lambda: {(lambda x: x).__qualname__}")  # (3)!
#>     0: \x80 PROTO      4
#>     2: \x95 FRAME      23
#>    11: \x8c SHORT_BINUNICODE '__main__'
#>    21: \x94 MEMOIZE    (as 0)
#>    22: \x8c SHORT_BINUNICODE 'square'
#>    30: \x94 MEMOIZE    (as 1)
#>    31: \x93 STACK_GLOBAL
#>    32: \x94 MEMOIZE    (as 2)
#>    33: .    STOP
#> highest protocol among opcodes = 4
#> pickle.loads(data) applied to 3: 27
#> qualified name of a lambda: <lambda>

from multiprocessing import Array, Lock, RawArray, RawValue, Value

if __name__ == "__main__":
    print(repr(Value("i", 7)))
    print(repr(Value("i", 7, lock=False)))
    print(repr(RawValue("i", 7)))
    print(type(Array("d", 3)).__name__, type(RawArray("d", 3)).__name__)
    shared = Lock()
    a, b = Value("i", 0, lock=shared), Value("i", 0, lock=shared)
    print(f"one lock for both: {a.get_lock() is b.get_lock()}")
    print(f"RawValue has get_lock(): {hasattr(RawValue('i', 7), 'get_lock')}")
#> <Synchronized wrapper for c_int(7)>
#> c_int(7)
#> c_int(7)
#> SynchronizedArray c_double_Array_3
#> one lock for both: True
#> RawValue has get_lock(): False

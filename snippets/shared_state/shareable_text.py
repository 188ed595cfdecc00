from multiprocessing.shared_memory import ShareableList


def text_list(texts):
    """A ShareableList whose str slots are sized by UTF-8 bytes, not characters."""
    items = ShareableList([" " * len(text.encode()) for text in texts])  # (1)!
    for i, text in enumerate(texts):
        items[i] = text  # assignment checks the encoded length
    return items


if __name__ == "__main__":
    texts = ["你好世界", "v2版本更新"]
    print([(len(text), len(text.encode())) for text in texts])  # characters, bytes
    items = ShareableList(texts)  # (2)!
    try:
        print(repr(items[1]))
        items[0]  # (3)!
    except UnicodeDecodeError as exc:
        print(f"UnicodeDecodeError: {exc}")
    finally:
        items.shm.close()
        items.shm.unlink()

    as_bytes = ShareableList([text.encode() for text in texts])  # (4)!
    padded = text_list(texts)
    try:
        print([value.decode() for value in as_bytes], list(padded))
    finally:
        for fixed in (as_bytes, padded):
            fixed.shm.close()
            fixed.shm.unlink()
#> [(4, 12), (6, 14)]
#> 'v2版本'
#> UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 6-7: unexpected end of data
#> ['你好世界', 'v2版本更新'] ['你好世界', 'v2版本更新']

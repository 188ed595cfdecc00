"""The zh search dictionary (docs/search/jieba_user_dict.txt) against the glossary."""

from __future__ import annotations

import logging

import jieba
import pytest
import yaml

from harness.blocks import ROOT
from harness.glossary import DICTIONARY, GLOSSARY, dictionary, glossary_terms


def test_dictionary_is_generated_from_the_glossary():
    if not GLOSSARY.exists():
        pytest.skip(
            f"{GLOSSARY} is not beside this clone (set MP_DOCS_GLOSSARY): the committed "
            "dictionary is used as it is"
        )
    expected = dictionary(GLOSSARY.read_text("utf-8"))
    assert DICTIONARY.read_text("utf-8") == expected, (
        f"{DICTIONARY.relative_to(ROOT)} differs from {GLOSSARY}: run `make jieba-dict`"
    )


def test_glossary_parser_reads_the_chinese_column():
    table = (
        "| English | 中文 | note |\n| --- | --- | --- |\n"
        "| process pool | 进程池 | `Pool` stays |\n"
        "| chunk size | 分块大小（`chunksize`） | 不是术语 |\n"
        "| safe importing | 安全导入主模块 | too long: a phrase |\n"
    )
    assert glossary_terms(table) == ["进程池", "分块大小"]


def test_every_term_is_one_word_for_jieba():
    jieba.setLogLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    # its dictionary cache where the site build keeps it (docs/hooks/serve_cache.py), not in
    # the session's temporary folder, which must be empty at the end
    tokenizer.tmp_dir = str(ROOT / ".cache" / "jieba")
    (ROOT / ".cache" / "jieba").mkdir(parents=True, exist_ok=True)
    tokenizer.load_userdict(str(DICTIONARY))
    terms = [line.split()[0] for line in DICTIONARY.read_text("utf-8").splitlines()[1:]]
    assert len(terms) >= 60
    split = {t: list(tokenizer.cut(f"关于{t}的说明")) for t in terms}
    bad = {t: "/".join(cut) for t, cut in split.items() if t not in cut}
    assert not bad, f"terms jieba still splits: {bad}"


def test_the_zh_build_uses_the_dictionary():
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert (ROOT / search["jieba_dict_user"]).resolve() == DICTIONARY

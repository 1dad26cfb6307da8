"""vnplans.data.values.fold: the fast ways give the result of the definition, _fold_text; and the
stated-role check's whole-word search gives the result of the regular expression it replaces."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from vnplans.data.values import _FOLD_BY_CHARACTER, _FOLD_TABLE_END, _fold_text, fold
from vnplans.data.xref import _mentions, _quoted, _written_as_is

DOMAIN = [chr(c) for c in range(_FOLD_TABLE_END) if _FOLD_BY_CHARACTER.fullmatch(chr(c))]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sở Tài chính", "so tai chinh"),
        ("ĐOÀN THANH NIÊN đ", "doan thanh nien d"),
        ("Quý II/2021 – “thường xuyên”", "quy ii/2021 – “thuong xuyen”"),
        ("İstanbul ẞ", "istanbul ß"),
        ("ΑΣ Σ", "ας σ"),  # Greek: folded whole (final sigma depends on the next character)
        ("Sở\u0301 x\u0323", "so x"),
        ("", ""),
    ],
)
def test_examples(text: str, folded: str) -> None:
    assert fold(text) == folded == _fold_text(text)


def test_the_table_covers_only_characters_that_fold_alone() -> None:
    # the two facts that make folding one character at a time equal to folding the whole text
    for char in DOMAIN:
        for part in unicodedata.normalize("NFD", char):
            assert unicodedata.combining(part) == 0 or unicodedata.category(part) == "Mn", f"U+{ord(char):04X}"
        assert char != "\u03a3"


@pytest.mark.parametrize("seed", range(20))
def test_random_text_folds_as_the_definition(seed: int) -> None:
    rng = random.Random(seed)
    vietnamese = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ "
    pools = [
        vietnamese + "0123456789.,;:-/()",  # the ASCII way
        vietnamese + "–—“”‘’…\u00a0«»°",  # the table
        "".join(DOMAIN),  # the table, every character it covers
        vietnamese + "ΑΣΣσςπ\u0345\u05b0漢字한국",  # the definition itself
        vietnamese + "\u0300\u0301\u0303\u0309\u0323\u0345",  # loose combining marks
    ]
    for pool in pools:
        for _ in range(200):
            text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
            assert fold(text) == _fold_text(text), repr(text)


@pytest.mark.parametrize("seed", range(10))
def test_whole_word_search_is_the_regex_search(seed: int) -> None:
    # the stated-role check finds a name as whole words with str.find; it must answer as re would
    rng = random.Random(seed)
    pool = ["so", "noi", "vu", "sở", "x", "_", "1", " ", ",", "-", "漢", "ό", "\u0301", "٣"]
    for _ in range(500):
        context = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        name = "".join(rng.choice(pool) for _ in range(rng.randint(0, 3)))
        folded = fold(name)
        expected = re.search(r"(?<!\w)" + re.escape(folded) + r"(?!\w)", context) is not None
        assert _mentions(context, name) == expected, (context, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ΟΣ.A", "ΟΣ"),  # '.' lets the final-sigma rule see the A: folded, the name is not there
        ("ΟΣ'A", "ΟΣ"),
        ("x\u0301Sở", "Sở"),  # a loose accent folds away: 'xsở' has no whole word 'sở'
    ],
)
def test_the_shortcut_stops_where_folding_would_differ(text: str, name: str) -> None:
    assert not _mentions(fold(text), name)
    assert not _written_as_is(text, name)


@pytest.mark.parametrize("seed", range(10))
def test_a_name_written_as_is_is_found_as_by_folding(seed: int) -> None:
    # the shortcut for names written exactly as in data/agencies.yaml must never find more than folding
    rng = random.Random(seed)
    pool = ["Sở", "Nội", "vụ", "SỞ", "sở", "ΟΣ", "Σ", " ", ",", ".", "'", ":", "-", "(", "\u0301", "x", "_", "1"]
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
        name = "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
        if _written_as_is(text, name):
            assert _mentions(fold(text), name), (text, name)


@pytest.mark.parametrize("seed", range(10))
def test_words_quoted_in_a_text_are_found_as_by_folding(seed: int) -> None:
    rng = random.Random(seed)
    pool = ["Quý", "II", "/2021", "quý", "ΟΣ", "Σ", "σ", " ", ".", "'", "\u0301", "\u0345", "x", "ẞ", "İ"]
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        words = "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
        assert _quoted(words, text) == (fold(words) in fold(text)), (words, text)

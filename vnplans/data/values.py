"""The few value forms that YAML cannot type for us: dates, deadlines, ids, and folded text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from .messages import Message, msg

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> dt.date | Message:
    """A date from ``DD/MM/YYYY`` or ``YYYY-MM-DD``; on failure, the reason."""
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN.match(text)
        if not match:
            return msg("'{text}' is not a date", text=text)
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return msg("'{text}' is not a real date: {problem}", text=text, problem=_date_problem(year, month, day))


def _date_problem(year: int, month: int, day: int) -> Message:
    if not 1 <= month <= 12:
        return msg("there is no month {month}", month=month)
    return msg("month {month} of {year} has no day {day}", month=month, year=year, day=day)


_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def fold(text: str) -> str:
    """Lowercase and strip Vietnamese diacritics (đ → d): ``Sở Tài chính`` → ``so tai chinh``.

    The same result as :func:`_fold_text`, the definition, by a faster way where one is proven equal
    (a test compares them on every character they cover): text whose decomposed form is ASCII letters
    and combining marks drops the marks by encoding to ASCII; text of Latin letters, combining marks
    and general punctuation is folded character by character from a table.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    if _NOT_ASCII_OR_MARK.search(decomposed) is None:
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    if _FOLD_BY_CHARACTER.fullmatch(text):
        return text.translate(_fold_table())
    return _fold_text(text)


def _fold_text(text: str) -> str:
    """The definition of :func:`fold`: replace đ, decompose, drop the combining marks (Mn), lowercase."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


_NOT_ASCII_OR_MARK = re.compile("[^\\x00-\\x7f\\u0300-\\u036f]")
#: Folding character by character equals folding the whole text for these characters: none
#: decomposes into a mark that canonical reordering could move past a kept character (every mark
#: with a combining class here is a dropped Mn), and none lowercases by its context, as Greek capital
#: sigma does.
_FOLD_BY_CHARACTER = re.compile("[\\x00-\\u036f\\u1e00-\\u1eff\\u2000-\\u20cf]*")
_FOLD_TABLE_END = 0x20D0


def folds_by_character(text: str) -> bool:
    """Whether ``text`` folds one character at a time (so, written inside a text, it folds the same there)."""
    return _FOLD_BY_CHARACTER.fullmatch(text) is not None


@cache
def _fold_table() -> list[str]:
    """Each character's fold, indexed by code point (a list: ``str.translate`` reads it fastest)."""
    return [_fold_text(chr(code)) for code in range(_FOLD_TABLE_END)]


def normalize_deadline(text: str) -> str | None:
    """The normalised form of a deadline written in words, or ``None`` when it has none.

    ``Quý II/2021`` → ``2021-Q2``; ``trước ngày 30/6/2021`` → ``2021-06-30``; ``năm 2022`` → ``2022``;
    ``thường xuyên`` → ``thuong-xuyen``; ``định kỳ`` → ``dinh-ky``; ``hằng năm`` → ``hang-nam``.
    """
    folded = fold(text).strip()
    quarter = re.search(r"\bquy\s+([iv]+|[1-4])\s*(?:/|nam\s+)\s*(\d{4})\b", folded)
    if quarter and quarter.group(1) in _ROMAN_QUARTERS:
        return f"{quarter.group(2)}-Q{_ROMAN_QUARTERS[quarter.group(1)]}"
    date = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", folded)
    if date:
        parsed = parse_date(date.group(0))
        if isinstance(parsed, dt.date):
            return parsed.isoformat()
    if re.search(r"\bhang nam\b", folded):
        return "hang-nam"
    year = re.search(r"\bnam\s+(\d{4})\b", folded) or re.fullmatch(r"(\d{4})", folded)
    if year:
        return year.group(1)
    if "thuong xuyen" in folded:
        return "thuong-xuyen"
    if "dinh ky" in folded:
        return "dinh-ky"
    return None


def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug of a text: ``Hướng dẫn biên tập`` → ``huong-dan-bien-tap`` (đ → d).

    The one slug folding: heading anchors (the Markdown ``toc`` slugify function, so anchors are
    shareable and stable), the id the validator suggests for a misspelt one, and the ids the
    importer proposes. With the default separator the result is in the :data:`ID_PATTERN` form (or
    empty).
    """
    return re.sub(r"[^a-z0-9]+", separator, fold(text)).strip(separator)


#: The form of every id (plans, agencies, groups, documents): lowercase ASCII words joined by
#: single hyphens. Ids are public URLs. ``schemas/common.schema.json`` states the same pattern
#: (a test keeps the two equal). Each pattern of the schemas ends ``$(?!\n)``: in Python ``$`` also
#: matches before a final line break, so "so-noi-vu\n" would pass; JavaScript (editors' IDEs) has no
#: ``\Z``, but both read this alike.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$(?!\n)"
_ID = re.compile(ID_PATTERN)


def is_id(text: str) -> bool:
    """Whether ``text`` is in the id form: ``2021-lien-hiep-hoi-khkt``, ``so-noi-vu``."""
    return _ID.match(text) is not None


_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
#: A vowel pair that ends a syllable, whose tone Vietnamese writes either on the first vowel ("hòa",
#: "Ủy", the style of official documents) or on the second ("hoà", "Uỷ"). Not after "q" ("quý").
#: Nothing may follow the pair: no letter, and no other mark (the circumflex of "Luật" comes after the dot
#: below in decomposed text, and "uậ" keeps its tone on "â").
_OLD_STYLE = re.compile(rf"(?<![qQ])([oOuU])([{_TONE_MARKS}])([aAeEyY])(?![^\W\d_]|[\u0300-\u036f])")
_NEW_STYLE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONE_MARKS}])(?![^\W\d_]|[\u0300-\u036f])")


def canonical_tones(text: str) -> str:
    """``Uỷ ban``, ``hoà`` → ``Ủy ban``, ``hòa``: one tone placement, so spellings compare equal.

    Only a vowel pair that ends its syllable moves its tone ("đoàn", "hoàn", "quý" stay as they are).
    NFC in, NFC out, same length, so positions found in the result are positions in ``text``.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(r"\1\3\2", decomposed))


def tone_variants(text: str) -> tuple[str, ...]:
    """``text`` in the official tone placement first, then in the other one when it differs."""
    old = canonical_tones(text)
    new = unicodedata.normalize("NFC", _OLD_STYLE.sub(r"\1\3\2", unicodedata.normalize("NFD", old)))
    return (old,) if new == old else (old, new)

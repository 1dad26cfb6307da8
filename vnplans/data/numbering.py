"""The official numbering of a Vietnamese document, and the citation form of a clause.

Sections are numbered I, II, III…; their items 1, 2, 3… (or 1.1, 1.2 under 1); then letters
a, b, c, d, đ, e… (the Vietnamese alphabet); then dash bullets. A clause is cited by its numbers
from the top: "II.2.4", "II.2.a", "II.2.a.-1". The validator (:mod:`.records`) and the importer
number clauses with the one function here, :func:`clause_ref`, so an imported plan is cited as the
site cites it.
"""

from __future__ import annotations

import re

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
#: Vietnamese documents letter their items with the Vietnamese alphabet: a b c d đ e g h i k ...
LETTERS = (
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
)
DASHES = ("-", "+")

_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")


def is_roman(number: str) -> bool:
    """Whether ``number`` is a Roman numeral (a section number): ``II``, ``XIV``."""
    return number in ROMAN or bool(_ROMAN_NUMERAL.fullmatch(number))


def clause_ref(number: str, parent: tuple[str, str] | None, dash_index: int = 0) -> str:
    """The citation form of a clause numbered ``number`` under ``parent`` (its ref and number).

    ``dash_index`` is the 1-based position of a dash bullet among the dashes of its list (0 for a
    numbered clause). "2.4" under "2" under "II" is "II.2.4" (the top-level part plus the printed
    number, since 2.4 already says it is under 2); "a" under "II.2.4" is "II.2.4.a"; the first dash
    under that, "II.2.4.a.-1".
    """
    if dash_index:
        return f"{parent[0]}.-{dash_index}" if parent else f"-{dash_index}"
    if parent is None:
        return number
    parent_ref, parent_number = parent
    if "." in number or (parent_number and is_roman(parent_number)):
        top = parent_ref.split(".")[0]
        return f"{top}.{number}" if is_roman(top) else number
    return f"{parent_ref}.{number}"

"""The one normalisation of Vietnamese search text, applied to the index here and to queries in the
browser (``assets/search.js`` has the same rules; ``tests/browser/test_search_text.py`` checks that
both give the same tokens for a list of tricky strings).

1. **Folding**, character by character (one character in, one out, so offsets still point into the
   original text for highlighting): decompose, drop the combining marks (tones and vowel marks),
   ``đ``/``Đ`` → ``d`` (NFD does not decompose them), lowercase. A character that does not fold to
   exactly one character becomes a space.
2. **Tokens**: runs of letters and digits, joined by ``-``, ``/``, ``.`` or ``&`` when there is no
   space around them, so document and clause numbers stay whole: ``42-CT/TW`` → ``42-ct/tw``,
   ``1795/QĐ-TTg`` → ``1795/qd-ttg``, ``II.2.4`` → ``ii.2.4``, ``Sở TT&TT`` → ``so``, ``tt&tt``. A
   spaced dash (``kinh tế - xã hội``) and any other punctuation separate words.
3. **Parts** (index only): a joined token is also indexed as its parts at the same position, so
   "2015" finds ``83/2015/QH13`` and "xa hoi" finds ``kinh tế-xã hội`` written without spaces.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

_TOKEN = re.compile(r"[^\W_]+(?:[-/.&][^\W_]+)*")
_SPLIT = re.compile(r"[-/.&]")


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on demand: each code point folds to one character or a space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            folded = "d"
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
            folded = base.lower()
        value = folded if len(folded) == 1 else " "
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``Sở Tài chính`` → ``so tai chinh``; as long as the (NFC) input, character for character."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The search tokens of ``text``, in order: what a query is turned into."""
    return _TOKEN.findall(fold(text))


def index_terms(text: str) -> Iterator[tuple[int, str]]:
    """(position, term) for indexing: each token, and the parts of a joined token at its position."""
    for position, token in enumerate(tokens(text)):
        for term in _terms_of(token):
            yield position, term


@functools.lru_cache(maxsize=65536)
def _terms_of(token: str) -> tuple[str, ...]:
    """The token, then its distinct parts if it is joined (a portfolio has a few thousand tokens)."""
    if not _SPLIT.search(token):
        return (token,)
    return (token, *(part for part in dict.fromkeys(_SPLIT.split(token)) if part != token))

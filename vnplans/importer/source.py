"""Reading the plain text of a plan: decoding, refusing what is not text, and cleaning extraction debris.

Texts come from PDF or Word exports and web pages. What is tidied here is layout, never wording:
Markdown bold markers, lone page numbers, non-breaking and zero-width spaces, Windows line ends,
form feeds (a page break becomes a blank line, which the parser treats as a possible mid-sentence
break). Every string is normalised to Unicode NFC, as the data files are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5_000_000


class SourceError(Exception):
    """The input cannot be imported. The message names the file, says why, and how to fix it."""


@dataclass(frozen=True)
class Line:
    """One non-blank line of the source. ``raw`` keeps tabs and runs of spaces (column layouts)."""

    no: int  # 1-based line number in the source file
    text: str  # stripped, single-spaced
    raw: str
    blank_before: bool  # a blank line (or page break) separates it from the previous line


_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$", re.IGNORECASE)
_BOLD = re.compile(r"\*\*|__")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def read_source(path: Path) -> str:
    """The text of ``path`` as NFC Unicode with ``\\n`` line ends; :class:`SourceError` if it is not text."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{name}: cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise SourceError(
            f"{name}: the file has {len(raw):,} bytes; a plan's text is far smaller "
            f"(limit {MAX_BYTES:,}). Is this the right file?"
        )
    if not raw.strip():
        raise SourceError(f"{name}: the file is empty; export the plan's text into it first")
    return decode_source(raw, name)


def decode_source(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (or UTF-16 with a byte order mark) and refuse binary files."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(f"{name}: the file starts like UTF-16 text but cannot be decoded") from None
    else:
        if b"\x00" in raw[:4096] or raw.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise SourceError(
                f"{name}: this is a binary file, not plain text (a PDF or Word document?); "
                "export the document as plain text (.txt, UTF-8) and import that"
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise SourceError(
                f"{name}:{line}: the file is not UTF-8 text (it may be in Windows-1258, TCVN3 or VNI); "
                "convert it to UTF-8 (e.g. with Unikey's converter, or 'Save as… UTF-8') and import again"
            ) from None
    controls = sum(1 for c in text[:4096] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > 8:
        raise SourceError(f"{name}: the file contains binary data, not plain text")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\u00a0", " ")
    if not text.strip():
        raise SourceError(f"{name}: the file has no text, only blank space")
    return text


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, cleaned, with the blank-line structure kept as a flag."""
    out: list[Line] = []
    blank = False
    for no, raw in enumerate(text.split("\n"), start=1):
        raw = _BOLD.sub("", raw).rstrip()
        raw = re.sub(r"^#{1,6}\s+", "", raw.lstrip()) if raw.lstrip().startswith("#") else raw
        stripped = " ".join(raw.split())
        if not stripped or set(stripped) <= set("-_=*~.· "):
            blank = True  # blank lines and drawn separators ("-------", "___") both end a paragraph
            continue
        if _PAGE_NUMBER.match(stripped):
            blank = True
            continue
        out.append(Line(no, stripped, raw, blank or not out))
        blank = False
    return out

"""Reading the plain text of a plan: decoding, refusing what is not text, and taking out page furniture.

Texts come from PDF or Word exports, web pages and the Công báo. What is tidied here is layout, never
wording: Markdown bold markers, page numbers alone on a line ("2", "- 2 -", "Trang 2/4"), the running
header of the Công báo ("CÔNG BÁO/Số 1123 + 1124/Ngày 26-9-2025 17"), the lines of a digital signature
stamp ("Người ký: …", "Cơ quan: …", "Thời gian ký: …"), non-breaking and zero-width spaces, Windows
line ends and form feeds. Where furniture stood, the next line is marked as coming after a page
break, so that a sentence cut by the break is joined back (and the join marked for checking).

Footnotes are taken out too: a line that starts with a marker ("¹", "[1]") which the text before it
carries after a word ("… của tỉnh¹ và …") is the note of that marker, and so are the lines after it,
up to the end of the page. They are returned apart, to be attached to the clause that carries the
marker. Every string is normalised to Unicode NFC, as the data files are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..data.messages import Message, msg

MAX_BYTES = 5_000_000


class SourceError(Exception):
    """The input cannot be imported. The message names the file, says why, and how to fix it."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message.render()


@dataclass(frozen=True)
class Line:
    """One non-blank line of the source. ``raw`` keeps tabs and runs of spaces (column layouts)."""

    no: int  # 1-based line number in the source file
    text: str  # stripped, single-spaced
    raw: str
    blank_before: bool  # a blank line, drawn separator or page break separates it from the previous line
    page_break_before: bool = False  # page furniture (or a form feed) stood between it and the previous line


@dataclass(frozen=True)
class Footnote:
    """A footnote's marker as printed ("¹", "[1]"), its words, and the source line it starts on."""

    marker: str
    text: str
    line: int


@dataclass
class Source:
    """The lines of the document body, its footnotes, and how many lines of furniture were dropped."""

    lines: list[Line]
    footnotes: list[Footnote] = field(default_factory=list)
    furniture: int = 0


_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$", re.IGNORECASE)
#: The running header of the Công báo, with the page number before or after it.
_GAZETTE = re.compile(r"^(?:\d{1,4}\s+)?CÔNG BÁO\s*/\s*Số\b.*/\s*Ngày\b[^/]*?(?:\s+\d{1,4})?$")
#: The first line of a digital signature stamp, then the lines that may follow it.
_STAMP_START = re.compile(r"^(?:Người ký|Ký bởi)\s*:", re.IGNORECASE)
_STAMP_MORE = re.compile(r"^(?:Cơ quan|Email|Thời gian ký|Ngày ký|Chức vụ)\s*:", re.IGNORECASE)
_BOLD = re.compile(r"\*\*|__")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
#: A footnote marker: superscript digits, or a number in square brackets.
FOOTNOTE_MARKER = r"(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\[\d{1,3}\])"
_NOTE_LINE = re.compile(rf"^(?P<marker>{FOOTNOTE_MARKER})\s*(?P<rest>\S.*)$")


def read_source(path: Path) -> str:
    """The text of ``path`` as NFC Unicode with ``\\n`` line ends; :class:`SourceError` if it is not text."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        # the commonest slip (a mistyped path): say it in the editor's language, not the system's
        raise SourceError(msg("{name}: there is no such file; check the path and the file name", name=name)) from None
    except IsADirectoryError:
        raise SourceError(msg("{name}: this is a folder; give the plan's text file (.txt)", name=name)) from None
    except OSError as exc:
        raise SourceError(
            msg("{name}: cannot read the file ({reason})", name=name, reason=exc.strerror or "")
        ) from None
    if len(raw) > MAX_BYTES:
        raise SourceError(
            msg(
                "{name}: the file has {size} bytes; a plan's text is far smaller (limit {limit}). Is this the right "
                "file?",
                name=name,
                size=format(len(raw), ","),
                limit=format(MAX_BYTES, ","),
            )
        )
    if not raw.strip():
        raise SourceError(msg("{name}: the file is empty; export the plan's text into it first", name=name))
    return decode_source(raw, name)


def decode_source(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (or UTF-16 with a byte order mark) and refuse binary files."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(
                msg("{name}: the file starts like UTF-16 text but cannot be decoded", name=name)
            ) from None
    else:
        if b"\x00" in raw[:4096] or raw.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise SourceError(
                msg(
                    "{name}: this is a binary file, not plain text (a PDF or Word document?); export the document "
                    "as plain text (.txt, UTF-8) and import that",
                    name=name,
                )
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise SourceError(
                msg(
                    "{name}:{line}: the file is not UTF-8 text (it may be in Windows-1258, TCVN3 or VNI); convert "
                    "it to UTF-8 (e.g. with Unikey's converter, or 'Save as… UTF-8') and import again",
                    name=name,
                    line=line,
                )
            ) from None
    controls = sum(1 for c in text[:4096] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > 8:
        raise SourceError(msg("{name}: the file contains binary data, not plain text", name=name))
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n").replace("\u00a0", " ")
    if not text.replace("\f", "").strip():
        raise SourceError(msg("{name}: the file has no text, only blank space", name=name))
    return text


def is_furniture(text: str) -> bool:
    """A whole line that is page furniture: a page number or the Công báo's running header."""
    return bool(_PAGE_NUMBER.match(text) or _GAZETTE.match(text))


def read_lines(text: str) -> Source:
    """The body lines of ``text``, cleaned, with page furniture and footnotes taken out."""
    raw_lines = text.split("\n")
    kept: list[tuple[int, str, str, bool, bool]] = []  # (no, text, raw, blank before, page break before)
    blank = False
    page_break = False
    furniture = 0
    stamp = False
    for no, raw in enumerate(raw_lines, start=1):
        if raw.strip() == "\f":
            page_break = blank = True
            continue
        raw = _BOLD.sub("", raw).rstrip()
        raw = re.sub(r"^#{1,6}\s+", "", raw.lstrip()) if raw.lstrip().startswith("#") else raw
        stripped = " ".join(raw.split())
        if stamp and _STAMP_MORE.match(stripped):
            furniture += 1
            continue
        stamp = False
        if not stripped or set(stripped) <= set("-_=*~.· "):
            blank = True  # blank lines and drawn separators ("-------", "___") both end a paragraph
            continue
        if is_furniture(stripped) or _STAMP_START.match(stripped):
            stamp = bool(_STAMP_START.match(stripped))
            furniture += 1
            blank = page_break = True
            continue
        kept.append((no, stripped, raw, blank or not kept, page_break))
        blank = page_break = False
    lines, footnotes = _take_footnotes(kept)
    return Source(lines, footnotes, furniture)


def split_lines(text: str) -> list[Line]:
    """The body lines of ``text`` (without furniture and footnotes); see :func:`read_lines`."""
    return read_lines(text).lines


def _take_footnotes(kept: list[tuple[int, str, str, bool, bool]]) -> tuple[list[Line], list[Footnote]]:
    """Split off footnote lines: a marker line whose marker the text before it carries after a word,
    and the lines that go on from it up to a page break, a blank line, or the next marker line."""
    lines: list[Line] = []
    notes: list[Footnote] = []
    seen = ""  # the text so far, to find markers already used after a word
    i = 0
    carried_break = False
    while i < len(kept):
        no, text, raw, blank, page_break = kept[i]
        found = _NOTE_LINE.match(text)
        if found and _marker_used(found.group("marker"), seen):
            parts = [found.group("rest")]
            i += 1
            while i < len(kept):
                _, more, _, more_blank, more_break = kept[i]
                if more_blank or more_break or _NOTE_LINE.match(more):
                    break
                parts.append(more)
                i += 1
            notes.append(Footnote(found.group("marker"), join_wrapped(parts), no))
            carried_break = True  # the page foot ends here: what follows comes after the break
            continue
        lines.append(Line(no, text, raw, blank or (carried_break and not lines), page_break or carried_break))
        carried_break = False
        seen += " " + text
        i += 1
    return lines, notes


def _marker_used(marker: str, text: str) -> bool:
    """Whether ``text`` carries ``marker`` right after a word or a closing bracket (not as a list number)."""
    return re.search(r"[\w).,;:\"”]" + re.escape(marker), text) is not None


def join_wrapped(parts: list[str]) -> str:
    """Lines of one paragraph joined as a reader reads them: a line that ends in a hyphen glued to a
    letter or digit ("1520/QĐ-" + "UBND") goes on without a space; any other break is a space."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif glued(out):
            out += part
        else:
            out += " " + part
    return out


def glued(text: str) -> bool:
    """A line cut inside a word joined by a hyphen: "318/QĐ-", "Quyết định số 1520/QĐ-"."""
    return re.search(r"[^\W_]-$", text) is not None

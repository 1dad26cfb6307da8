"""From lines of text to the parts of a plan: header, title, clause tree, closing, recipients, signature.

The layout rules are those of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP on the
form of documents, and the Party's own rules for Party documents): a header with the issuing body,
"Số:" and place and date; the type line in capitals (KẾ HOẠCH, CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ,
KẾ HOẠCH TRIỂN KHAI) and the title under it; the body numbered I. → 1. → 1.1. → a) → dash bullets
(Party documents: I- → 1-); an unnumbered closing paragraph; "Nơi nhận:" with dash lines; the
signature block (TM. / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name). A plan may come inside another document:
a Quyết định or Nghị quyết that issues it ("Điều 1. Ban hành kèm theo …"), or a Công văn it is
attached to ("Kính gửi: …"). Tasks may be written as blocks ("Cơ quan chủ trì: …") or as rows of a
table in a Phụ lục, whose group rows ("I | Hoàn thiện thể chế") head the rows below them.

This module only finds structure and keeps the words; linking names and documents is done later.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from ..data.messages import msg
from ..data.numbering import LETTERS, ROMAN
from ..data.values import fold
from ..data.vocab import DocType
from .source import Footnote, Line, SourceError, glued, join_wrapped

#: Document types by the words of their type line (the vocabulary's labels in capitals), longest first.
TYPE_WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(((t.label.upper(), t.value) for t in DocType), key=lambda item: -len(item[0]))
)
#: Types whose document issues or carries a plan attached after it, rather than being the plan.
WRAPPER_TYPES = ("quyet-dinh", "nghi-quyet")

_ROMAN_LINE = re.compile(r"^(?P<num>[IVX]{1,5})\s*[.-]\s*(?P<rest>\S.*)$")
_DOTTED_LINE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<rest>\S.*)$")
_ARABIC_LINE = re.compile(r"^(?P<num>\d{1,2})\s*(?:\.|-(?=\s))\s*(?P<rest>\S.*)$")
_LETTER_LINE = re.compile(r"^(?P<num>[a-zđ])\s*(?P<mark>[).])\s+(?P<rest>\S.*)$")
_DASH_LINE = re.compile(r"^(?P<num>[-+–—•*])\s*(?P<rest>\S.*)$")
_DASHES = {"-": "-", "–": "-", "—": "-", "•": "-", "*": "-", "+": "+"}

#: Lines giving a task's lead, partners, time: they belong to the task above, not to a dash list.
ATTRIBUTE = re.compile(
    r"^[-+–•]?\s*(?:(?:[Cc]ơ quan|[Đđ]ơn vị)(?:,\s*(?:đơn vị|cơ quan))?\s+(?:chủ trì|phối hợp|thực hiện|trình)"
    r"|[Cc]hủ trì|[Pp]hối hợp|[Cc]ấp trình|[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ|[Kk]inh phí|[Ss]ản phẩm|[Kk]ết quả)"
    r"[^:\n]{0,30}:"
)
_NOI_NHAN = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_KINH_GUI = re.compile(r"^Kính gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T\.M|K\.T)\s*[./]?\s+\S")
_POSITION = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG|CỤC TRƯỞNG|"
    r"CHI CỤC TRƯỞNG|TRƯỞNG PHÒNG|TỔNG GIÁM ĐỐC|THỦ TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CHÁNH THANH TRA|"
    r"CHỈ HUY TRƯỞNG|TRƯỞNG ĐOÀN|CHÁNH ÁN|VỤ TRƯỞNG|TỔNG CỤC TRƯỞNG|PHÓ TRƯỞNG BAN)(?:\s+\S+){0,6}$"
)
_SIGNED_MARK = re.compile(
    r"^[(\[]\s*(?:đã ký|ký|ký tên|ký, đóng dấu|ký và đóng dấu|đã ký và đóng dấu|daky)[^)\]]*[)\]]$", re.IGNORECASE
)
_APPENDIX = re.compile(r"^PHỤ LỤC(?:\s+[IVX\d]+)?\b")
_ATTACHED = re.compile(r"^\(\s*(?:Ban hành\s+)?[Kk]èm theo\b")
_ENACTING = re.compile(r"^(?:QUYẾT ĐỊNH|CHỈ THỊ|QUYẾT NGHỊ)\s*:$")
_ARTICLE = re.compile(r"^Điều\s+(?P<num>\d+)\s*[.:]\s*(?P<rest>.*)$")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "dang cong san viet nam")
_HEADER_DATE = re.compile(
    r"ngày\s+(?:(?P<d>\d{1,2}|[.…_]+)\s+)?tháng\s+(?:(?P<m>\d{1,2}|[.…_]+)\s+)?năm\s+(?P<y>\d{4})", re.IGNORECASE
)
_HEADER_NUMBER = re.compile(r"^Số\s*(?::\s*(?P<num>.*)|\s(?P<bare>\d.*))$", re.IGNORECASE)
_SUBJECT = re.compile(r"^V/v\b", re.IGNORECASE)
_OPENERS = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo|Nhằm|Để|Trên cơ sở|Ủy ban|Uỷ ban|UBND|Xét|Ngày \d|Trước|Dự báo|Qua|Năm \d"
    r"|Thời gian qua|Trong (?:những năm|thời gian))\b"
)
_CLOSING_STARTS = re.compile(
    r"^(?:Trên đây là|Trong quá trình|Quá trình triển khai|Yêu cầu (?:các|Thủ trưởng|Giám đốc)"
    r"|Đề nghị (?:các|Thủ trưởng)|(?:Ủy|Uỷ) ban nhân dân (?:tỉnh|thành phố|huyện) (?:yêu cầu|đề nghị)"
    r"|UBND (?:tỉnh|thành phố|huyện) (?:yêu cầu|đề nghị))"
)
_CELL_SPLIT = re.compile(r"\t+|\s{3,}")
_SENTENCE_END = (".", ";", ":", "!", "?", "./.", "…")


@dataclass
class Para:
    """A paragraph: one line, or lines joined where a page break or wrap cut a sentence."""

    text: str
    line: int
    checks: list[str] = field(default_factory=list)
    cells: list[str] | None = None  # a table row


@dataclass
class Node:
    """A numbered item of the body, its words, and the items under it."""

    number: str  # as the schema writes it: "II", "2", "2.4", "a", "-", "+"
    kind: str  # roman, arabic, dotted, letter, dash
    head: Para  # the words on the numbered line
    line: int
    paras: list[Para] = field(default_factory=list)  # unnumbered paragraphs that follow
    attributes: list[Para] = field(default_factory=list)  # "Cơ quan chủ trì: …" lines of the task
    children: list[Node] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    note: str | None = None
    heading_only: bool = False  # a table group row: a title, never a text
    numbering: str | None = None  # bo-so / lap-so when the official number breaks the order

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class Header:
    issuer_lines: list[str] = field(default_factory=list)
    number: str | None = None
    number_written: bool = False  # a "Số:" line exists (possibly with the number left blank)
    date: dt.date | None = None
    date_text: str | None = None
    date_month: tuple[int, int] | None = None  # (month, year) when the day is left blank
    subject: str | None = None  # a Công văn's "V/v …" line
    line: int = 0


@dataclass
class Signature:
    authority: list[str] = field(default_factory=list)
    position: str | None = None
    name: str | None = None


@dataclass
class Article:
    number: str
    text: str


@dataclass
class Decision:
    """The document that issues the plan (a Quyết định, a Nghị quyết) or carries it (a Công văn)."""

    header: Header
    title: str
    authority: str | None
    preamble: list[str]
    articles: list[Article]
    recipients: list[str]
    signature: Signature
    type: str = "quyet-dinh"
    to: list[str] = field(default_factory=list)  # a Công văn's "Kính gửi" lines
    paragraphs: list[str] = field(default_factory=list)  # a Công văn's body


@dataclass
class Table:
    """A table of tasks: in a Phụ lục (no ``owner``; ``caption`` holds its title lines) or in the body
    under ``owner``."""

    caption: list[str]
    columns: list[str]
    rows: list[tuple[int, list[str]]]  # (source line, cells)
    line: int
    owner: Node | None = None


@dataclass
class ParsedPlan:
    name: str  # the source file, for messages
    header: Header
    doc_type: str
    type_line: str
    title: str
    attached_note: str | None  # "(Ban hành kèm theo Quyết định số …)"
    opening: list[Para]
    sections: list[Node]
    closing: list[Para]
    recipients: list[str]
    signature: Signature | None
    decision: Decision | None = None
    tables: list[Table] = field(default_factory=list)  # tables in the body, each under its clause
    appendices: list[Table] = field(default_factory=list)  # Phụ lục tables after the signature
    notes: list[str] = field(default_factory=list)  # plan-level points for the editor
    footnotes: list[Footnote] = field(default_factory=list)
    joins: int = 0
    body_text: str = ""  # the words of the plan's body, to find names of places in


def split_cells(raw: str) -> list[str]:
    """Cells of a line laid out in columns: by ``|`` if it has any, else by tabs or runs of spaces."""
    stripped = raw.strip()
    parts = stripped.strip("|").split("|") if "|" in stripped else _CELL_SPLIT.split(stripped)
    return [" ".join(c.split()) for c in parts if c.strip()]


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def type_line(line: Line) -> tuple[str, str] | None:
    """``(doc type, the line as printed)`` for a document type line ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG
    CỦA CHÍNH PHỦ", "KẾ HOẠCH TRIỂN KHAI"), else ``None``. The enacting line "QUYẾT ĐỊNH:" is not one."""
    text = line.text
    if not _is_caps(text) or text.endswith(":") or any(c.isdigit() for c in text) or len(text) > 90:
        return None
    for words, doc_type in TYPE_WORDS:
        if text == words or text.startswith(words + " "):
            return doc_type, text
    return None


def type_of(line: Line) -> str | None:
    found = type_line(line)
    return found[0] if found else None


def numbered(text: str) -> tuple[str, str, str] | None:
    """``(kind, number, rest)`` for a numbered line, else ``None``."""
    if (match := _ROMAN_LINE.match(text)) and match.group("num") in ROMAN:
        return "roman", match.group("num"), match.group("rest")
    if match := _DOTTED_LINE.match(text):
        return "dotted", match.group("num"), match.group("rest")
    if match := _ARABIC_LINE.match(text):
        return "arabic", str(int(match.group("num"))), match.group("rest")
    if match := _LETTER_LINE.match(text):
        return "letter" if match.group("mark") == ")" else "letter.", match.group("num"), match.group("rest")
    if (match := _DASH_LINE.match(text)) and not text.startswith(("--", "**")):
        return "dash", _DASHES[match.group("num")], match.group("rest")
    return None


def is_signature_line(text: str) -> bool:
    return (
        text == text.upper()
        and any(c.isalpha() for c in text)
        and (bool(_AUTHORITY.match(text)) or bool(_POSITION.match(text)))
    )


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or any(c.isdigit() for c in text) or text.endswith((":", ";", ",", ".")):
        return False
    if text == text.upper():
        return False
    return all(w[0].isupper() for w in words)


def _starts_lower(text: str) -> bool:
    return text[:1].isalpha() and text[:1].islower()


# --- the whole document ---------------------------------------------------------------------------


def parse_plan(lines: list[Line], name: str, footnotes: list[Footnote] | None = None) -> ParsedPlan:
    """The parts of the plan in ``lines``; :class:`SourceError` when there is no plan to find."""
    types = [(i, found) for i, line in enumerate(lines) if (found := type_line(line))]
    if not types:
        if any(_KINH_GUI.match(line.text) for line in lines):
            raise SourceError(
                msg(
                    "{name}: this is a Công văn (it has 'Kính gửi') with no plan attached to it (no 'KẾ HOẠCH' or "
                    "'CHƯƠNG TRÌNH' line after its signature); import the text of the plan, with the Công văn "
                    "before it if it carries the plan",
                    name=name,
                )
            )
        if not any(numbered(line.text) for line in lines):
            raise SourceError(
                msg(
                    "{name}: this does not look like a plan: there is no document type line (KẾ HOẠCH, QUYẾT ĐỊNH, "
                    "CHƯƠNG TRÌNH …) and no numbered sections (I., 1., 1.1.)",
                    name=name,
                )
            )
        raise SourceError(
            msg(
                "{name}: no document type line was found (a line 'KẾ HOẠCH', 'QUYẾT ĐỊNH', 'CHƯƠNG TRÌNH' … in "
                "capitals above the title); add it from the official text and import again",
                name=name,
            )
        )
    decision = None
    first, (first_type, _) = types[0]
    plan_at = first
    kinh_gui = next((i for i in range(first) if _KINH_GUI.match(lines[i].text)), None)
    if kinh_gui is not None:
        # a Công văn carrying the plan: its header, "Kính gửi", its body and signature come first
        decision, header_at = _parse_cong_van(lines, kinh_gui, first, name)
        header = parse_header(lines[header_at:first])
    elif first_type in WRAPPER_TYPES:
        attached = next((i for i, (t, _) in types[1:] if t not in WRAPPER_TYPES), None)
        if attached is None:
            label = DocType(first_type).label
            raise SourceError(
                msg(
                    "{name}: this is a {type} with no plan attached to it (no 'KẾ HOẠCH' or 'CHƯƠNG TRÌNH' line after "
                    "its articles); import the text of the plan itself",
                    name=name,
                    type=label,
                )
            )
        decision, attached_header_at = _parse_decision(lines, first, attached, name, first_type)
        header = parse_header(lines[attached_header_at:attached])
        plan_at = attached
    else:
        header = parse_header(lines[:first])
    doc_type, printed, title_at = _type_lines(lines, plan_at)
    title, attached_note, body_at, title_joined = _parse_title(lines, title_at, name, printed)
    stop = _body_end(lines, body_at)
    body = lines[body_at:stop]
    paras, joins = make_paragraphs(body)
    opening, sections, tables, notes = build_tree(paras)
    if not sections:
        raise SourceError(
            msg(
                "{name}: no numbered sections were found after the title (lines starting 'I.', '1.', '1.1.', 'a)'); "
                "the importer builds the clause tree from them. Is the body of the plan in this file?",
                name=name,
            )
        )
    mark_numbering(sections)
    closing = take_closing(sections)
    recipients, signature, after = parse_tail(lines, stop, _next_stop(lines, stop))
    at = after
    appendices: list[Table] = []
    while at < len(lines):
        if _APPENDIX.match(lines[at].text):
            table, at = _parse_appendix(lines, at)
            appendices.append(table)
        else:
            if not is_signature_line(lines[at].text) and not _is_name(lines[at].text):
                notes.append(f"dòng {lines[at].no} sau phần chữ ký chưa được nhập: «{_short(lines[at].text)}»")
            at += 1
    return ParsedPlan(
        name=name,
        header=header,
        doc_type=doc_type,
        type_line=printed,
        title=title,
        attached_note=attached_note,
        opening=opening,
        sections=sections,
        closing=closing,
        recipients=recipients,
        signature=signature,
        decision=decision,
        tables=tables,
        appendices=appendices,
        notes=notes,
        footnotes=list(footnotes or []),
        joins=joins + title_joined,
        body_text=" ".join(line.text for line in lines[body_at:]),
    )


def _type_lines(lines: list[Line], at: int) -> tuple[str, str, int]:
    """The type and the type line as printed, with a suffix broken onto the next line ("CHƯƠNG TRÌNH HÀNH
    ĐỘNG" / "CỦA CHÍNH PHỦ"), and where the title starts."""
    found = type_line(lines[at])
    assert found is not None
    doc_type, printed = found
    following = lines[at + 1] if at + 1 < len(lines) else None
    if following is not None and _is_caps(following.text) and following.text.startswith("CỦA "):
        return doc_type, f"{printed} {following.text}", at + 2
    return doc_type, printed, at + 1


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _next_stop(lines: list[Line], start: int) -> int:
    """Where the signature part ends: at an appendix or the next document (type line)."""
    for i in range(start, len(lines)):
        if _APPENDIX.match(lines[i].text) or (i > start and type_of(lines[i])):
            return i
    return len(lines)


def _body_end(lines: list[Line], start: int) -> int:
    for i in range(start, len(lines)):
        text = lines[i].text
        if _NOI_NHAN.match(text) or is_signature_line(text) or _APPENDIX.match(text) or type_of(lines[i]):
            return i
        cells = split_cells(lines[i].raw)
        if len(cells) > 1 and (_NOI_NHAN.match(cells[0]) or is_signature_line(cells[-1])):
            return i
    return len(lines)


# --- header and title -----------------------------------------------------------------------------


def parse_header(lines: list[Line]) -> Header:
    """Issuer, number and date from the lines above the type line (in two columns, a table, or one)."""
    header = Header(line=lines[0].no if lines else 0)
    for line in lines:
        date = _HEADER_DATE.search(line.text)  # whole line: a blank day may be a run of spaces
        if date and header.date_text is None:
            header.date_text = line.text
            day, month, year = date.group("d") or "", date.group("m") or "", int(date.group("y"))
            if day.isdigit() and month.isdigit():
                try:
                    header.date = dt.date(year, int(month), int(day))
                except ValueError:
                    header.date = None
            elif month.isdigit():
                header.date_month = (int(month), year)
        for cell in split_cells(line.raw) or [line.text]:
            folded = fold(cell)
            if _SUBJECT.match(cell):
                header.subject = cell
                continue
            if header.subject is not None and _starts_lower(cell) and not _HEADER_DATE.search(cell):
                header.subject += " " + cell  # a "V/v" line wrapped onto the next
                continue
            if any(m in folded for m in _MOTTO) or _HEADER_DATE.search(cell) or cell == "*":
                continue
            if number := _HEADER_NUMBER.match(cell):
                header.number_written = True
                value = (number.group("num") or number.group("bare") or "").strip(" .")
                if re.match(r"^\d+[\w\-/.&]*$", value) and re.search(r"[^\W\d_]", value):
                    header.number = value
                continue
            if re.search(r"(?:^|,\s*)ngày\b|\btháng\s+\S+\s+năm\b", cell):
                continue  # the rest of a date cell split at a blank day
            if _is_caps(cell) and header.number is None and not header.number_written:
                header.issuer_lines.append(cell)
    return header


def _parse_title(lines: list[Line], at: int, name: str, printed: str) -> tuple[str, str | None, int, int]:
    """The title under the type line, the "(kèm theo …)" note, where the body starts, joins made."""
    i = at
    parts: list[str] = []
    joins = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        if (numbered(text) and not _DASH_LINE.match(text)) or _ATTACHED.match(text) or type_of(line):
            break
        if parts:
            continues = _starts_lower(text) or glued(parts[-1])
            wrapped = not line.blank_before and not _OPENERS.match(text) and not _is_caps(text)
            if not (continues or wrapped):
                break
            joins += line.blank_before
        elif _is_caps(text) and not _ATTACHED.match(text):
            break  # no title: the next line is an authority or a heading
        parts.append(text)
        i += 1
    if not parts:
        raise SourceError(
            msg(
                "{name}:{line}: there is no title under '{type}'; the title (trích yếu) is the line(s) right below "
                "the document type",
                name=name,
                line=lines[at - 1].no,
                type=printed,
            )
        )
    attached = None
    if i < len(lines) and _ATTACHED.match(lines[i].text):
        words = [lines[i].text]
        while not words[-1].endswith(")") and i + 1 < len(lines) and len(words) < 4:
            i += 1
            words.append(lines[i].text)
        attached = join_wrapped(words)
        i += 1
    return join_wrapped(parts), attached, i, joins


# --- paragraphs and the clause tree --------------------------------------------------------------


def make_paragraphs(lines: list[Line]) -> tuple[list[Para], int]:
    """Paragraphs of the body. A line continues the one before when it starts in lower case, when the
    line before ends in a comma or a hyphen glued to a word, or when the text is wrapped at a width
    and the line before reached it without ending its sentence. Across a page break the join is marked
    for checking."""
    paras: list[Para] = []
    joins = 0
    width = _wrap_width(lines)
    previous_line = ""
    for line in lines:
        text = line.text
        # in a text wrapped at ``width``, a line that reaches the width was cut by the wrapping
        cut = (
            width is not None
            and not (line.blank_before and not line.page_break_before)
            and len(previous_line) >= 0.75 * width
            and not previous_line.endswith(_SENTENCE_END)
        )
        open_end = previous_line.endswith((",", " và", " của", " với")) or glued(previous_line)
        previous_line = text
        kind = numbered(text)
        if paras and kind is not None and kind[0] == "dash" and (cut or open_end) and _starts_lower(kind[2]):
            kind = None  # "khoa học\n- công nghệ": a hyphen that a wrapped line happens to start with
        if paras and kind is None and not ATTRIBUTE.match(text) and not _table_row(line):
            previous = paras[-1]
            if previous.cells is None and (_starts_lower(text) or cut or open_end):
                if line.blank_before:
                    joins += 1
                    previous.checks.append(
                        f"đoạn bị ngắt (dòng {line.no}, có thể do sang trang) đã được nối lại: "
                        f"«…{_tail(previous.text)}» + «{_short(text, 4)}»"
                    )
                previous.text = join_wrapped([previous.text, text])
                continue
        paras.append(Para(text, line.no, cells=table_cells(line.raw) if _table_row(line) else None))
    return paras, joins


def _tail(text: str, words: int = 4) -> str:
    return " ".join(text.split()[-words:])


def _wrap_width(lines: list[Line]) -> int | None:
    """The width a text was wrapped at (PDF exports break paragraphs into lines of about equal
    length), or ``None`` for a text with one line per paragraph."""
    lengths = sorted(len(line.text) for line in lines)
    if len(lengths) < 10:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= 0.75 * width)
    adjacent = sum(1 for line in lines if not line.blank_before)
    if 50 <= width <= 110 and near >= 0.3 * len(lengths) and adjacent > len(lines) / 2:
        return width
    return None


def _table_row(line: Line) -> bool:
    return line.raw.count("|") >= 2 or line.raw.strip().count("\t") >= 2


def table_cells(raw: str) -> list[str]:
    if "|" in raw:
        return [c.strip() for c in raw.strip().strip("|").split("|")]
    return [c.strip() for c in raw.strip().split("\t")]


def build_tree(paras: list[Para]) -> tuple[list[Para], list[Node], list[Table], list[str]]:
    """Opening paragraphs, the numbered sections, tables in the body, and plan-level notes."""
    opening: list[Para] = []
    roots: list[Node] = []
    stack: list[Node] = []
    notes: list[str] = []
    tables: list[Table] = []
    table: Table | None = None
    for para in paras:
        if para.cells is not None:
            if table is None:
                table = Table([], [], [], para.line, stack[-1] if stack else None)
                tables.append(table)
            add_row(table, para.line, para.cells)
            continue
        table = None
        found = None if ATTRIBUTE.match(para.text) else numbered(para.text)
        if found and found[0] == "letter.":
            # "a. …" is a letter item only where a letter list can be: after "a." or at its start
            found = ("letter", found[1], found[2]) if _letter_fits(found[1], stack) else None
        if found is None:
            _attach_paragraph(para, stack, opening)
            continue
        kind, number, rest = found
        node = Node(number, kind, Para(rest, para.line, para.checks), para.line)
        parent = _find_parent(node, stack, roots)
        if parent is False:
            para_text = Para(
                para.text,
                para.line,
                para.checks
                + [
                    f"dòng {para.line} bắt đầu bằng số «{number}» nhưng không khớp cách đánh số của các mục xung quanh; "
                    "đã giữ như một đoạn văn"
                ],
            )
            _attach_paragraph(para_text, stack, opening)
            continue
        if parent is None:
            roots.append(node)
            stack[:] = [node]
        else:
            parent.children.append(node)
            stack.append(node)
    for table in tables:
        if table.owner is None:
            notes.append(f"bảng ở dòng {table.line} đứng trước mục đánh số đầu tiên; chưa nhập")
    return opening, roots, [t for t in tables if t.owner is not None], notes


def _letter_fits(letter: str, stack: list[Node]) -> bool:
    if letter == "a":
        return True
    top = next((n for n in reversed(stack) if n.kind == "letter"), None)
    if top is None or letter not in LETTERS:
        return False
    return LETTERS.index(letter) > 0 and top.number == LETTERS[LETTERS.index(letter) - 1]


def _attach_paragraph(para: Para, stack: list[Node], opening: list[Para]) -> None:
    if not stack:
        opening.append(para)
        return
    if ATTRIBUTE.match(para.text):
        while len(stack) > 1 and stack[-1].kind == "dash":
            stack.pop()
        owner = stack[-1]
        if owner.children:
            owner.checks.append(f"dòng «{_short(para.text)}» đứng sau các mục con trong văn bản gốc")
        owner.attributes.append(para)
        return
    top = stack[-1]
    if top.kind == "dash" and top.paras == [] and not para.checks:
        para.checks.append(
            "đoạn không đánh số sau gạch đầu dòng được ghép vào gạch đầu dòng này; kiểm tra xem đoạn thuộc mục nào"
        )
    top.paras.append(para)


def _find_parent(node: Node, stack: list[Node], roots: list[Node]) -> Node | Literal[False] | None:
    """The node's parent on ``stack`` (popping closed items), ``None`` for a top-level item, ``False``
    when the number fits nowhere (then the line is kept as a paragraph)."""
    has_roman = any(r.kind == "roman" for r in roots)
    if node.kind == "roman":
        return None
    if node.kind == "arabic":
        while stack and stack[-1].kind != "roman":
            stack.pop()
        return stack[-1] if stack else (False if has_roman else None)
    if node.kind == "dotted":
        prefix = node.number.rsplit(".", 1)[0]
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].kind in ("arabic", "dotted") and stack[depth].number == prefix:
                del stack[depth + 1 :]
                return stack[depth]
        return False
    if node.kind == "letter":
        while stack and stack[-1].kind in ("letter", "dash"):
            stack.pop()
        return stack[-1] if stack else False
    # dash bullets: "-" and "+" nest by the order they first appear under an item
    while stack and stack[-1].kind == "dash":
        top = stack[-1]
        if top.number == node.number:
            stack.pop()
            return stack[-1] if stack else False
        chain = [n.number for n in reversed(stack) if n.kind == "dash"]
        if node.number in chain:
            stack.pop()
            continue
        return top
    return stack[-1] if stack else False


def _order_position(node: Node) -> int | None:
    """Where a number stands in its list (0-based), or ``None`` for a dash."""
    if node.kind == "roman":
        return ROMAN.index(node.number) if node.number in ROMAN else None
    if node.kind == "letter":
        return LETTERS.index(node.number) if node.number in LETTERS else None
    if node.kind in ("arabic", "dotted"):
        last = node.number.split(".")[-1]
        return int(last) - 1 if last.isdigit() else None
    return None


def mark_numbering(nodes: list[Node], *, nested: bool = True) -> None:
    """Mark each number that does not follow the one before it in the same list (the official text
    skips or repeats it), so that the plan keeps the number as printed and says why; with ``nested``,
    in the lists under them too."""
    previous: int | None = None
    used: set[str] = set()
    for node in nodes:
        position = _order_position(node)
        if position is not None:
            expected = 0 if previous is None else previous + 1
            if node.number in used:
                node.numbering = "lap-so"
                node.note = f"Văn bản gốc lặp lại số mục «{node.number}»."
                node.checks.append(f"số mục «{node.number}» lặp lại trong văn bản gốc; kiểm tra lại bản gốc")
            elif position != expected:
                node.numbering = "bo-so"
                node.note = f"Văn bản gốc đánh số «{node.number}» ngay sau mục trước (không theo thứ tự liền nhau)."
                node.checks.append(
                    f"số mục «{node.number}» không liền với mục trước trong văn bản gốc; kiểm tra lại bản gốc"
                )
            previous = position
            used.add(node.number)
        if nested:
            mark_numbering(node.children)


def take_closing(sections: list[Node]) -> list[Para]:
    """Remove and return the closing paragraph(s) that follow the last item of the body."""
    last = sections[-1]
    while last.children:
        last = last.children[-1]
    paras = last.paras
    body_of_heading = _looks_like_heading(last.head.text)
    for i, para in enumerate(paras):
        # the last paragraph ending "./." closes the document, unless it is the words of a heading above it
        ends = para.text.endswith(("./.", "/."))
        if _CLOSING_STARTS.match(para.text) or (i == len(paras) - 1 and ends and (i > 0 or not body_of_heading)):
            rest = paras[i:]
            del paras[i:]
            return rest
    return []


def _looks_like_heading(text: str) -> bool:
    stripped = text.rstrip()
    return not stripped.endswith((".", ";", "!", "?", "…", ":"))


# --- recipients and signature ---------------------------------------------------------------------


def parse_tail(lines: list[Line], start: int, stop: int) -> tuple[list[str], Signature | None, int]:
    """ "Nơi nhận" lines and the signature block between ``start`` and ``stop`` (either may be in the
    left and right columns of the same lines). Returns where the tail ends."""
    recipients: list[str] = []
    signature = Signature()
    in_recipients = False
    signed = False
    i = start
    while i < stop:
        line = lines[i]
        cells = split_cells(line.raw) if ("\t" in line.raw or "   " in line.raw or "|" in line.raw) else [line.text]
        consumed = not cells  # an empty table row
        for cell in cells:
            if match := _NOI_NHAN.match(cell):
                in_recipients = True
                consumed = True
                if match.group("rest"):
                    recipients.append(match.group("rest").lstrip("-+ ").strip())
            elif is_signature_line(cell):
                _add_signature_line(signature, cell)
                consumed = True
            elif _SIGNED_MARK.match(cell):
                consumed = True
            elif (signature.authority or signature.position) and signature.name is None and _is_name(cell):
                signature.name = cell
                consumed = signed = True
            elif in_recipients and (cell[:1] in "-+•" or cell.startswith("Lưu")):
                recipients.append(cell.lstrip("-+• ").strip())
                consumed = True
            elif in_recipients and recipients and (_starts_lower(cell) or cell[:1].isdigit()):
                recipients[-1] = f"{recipients[-1]} {cell}"
                consumed = True
        if not consumed:
            break
        i += 1
        if signed and (
            i >= stop
            or not any(
                _NOI_NHAN.match(c) or c[:1] in "-+•" or c.startswith("Lưu") or _SIGNED_MARK.match(c)
                for c in split_cells(lines[i].raw)
            )
        ):
            break
    has_signature = bool(signature.authority or signature.position or signature.name)
    return recipients, signature if has_signature else None, i


def _add_signature_line(signature: Signature, text: str) -> None:
    if _AUTHORITY.match(text):
        signature.authority.append(text)
    elif signature.position is None:
        signature.position = text
    else:
        signature.authority.append(signature.position)
        signature.position = text


# --- the document that issues or carries the plan ------------------------------------------------


def _join_lines(texts: list[Line], start_new: re.Pattern[str]) -> list[str]:
    """Lines of the preamble or articles as paragraphs: a line that starts in lower case, follows a
    line cut by a hyphen or a comma, or (in a wrapped text) follows a line that did not end its
    sentence, continues the paragraph; a line matching ``start_new`` always starts one."""
    out: list[str] = []
    width = _wrap_width(texts) or _width_of(texts)
    previous_line = ""
    for line in texts:
        text = line.text
        cut = width is not None and len(previous_line) >= 0.75 * width and not previous_line.endswith(_SENTENCE_END)
        joins = _starts_lower(text) or glued(previous_line) or previous_line.endswith(",") or cut
        previous_line = text
        if out and joins and not start_new.match(text):
            out[-1] = join_wrapped([out[-1], text])
            continue
        out.append(text)
    return out


def _width_of(lines: list[Line]) -> int | None:
    """The wrap width of a short passage: the longest line, when several lines come close to it."""
    lengths = sorted((len(line.text) for line in lines), reverse=True)
    if len(lengths) >= 3 and 60 <= lengths[0] <= 110 and lengths[2] >= 0.85 * lengths[0]:
        return lengths[0]
    return None


def _parse_decision(lines: list[Line], at: int, attached: int, name: str, doc_type: str) -> tuple[Decision, int]:
    header = parse_header(lines[:at])
    i = at + 1
    title_parts: list[str] = []
    while i < attached and not _ENACTING.match(lines[i].text):
        text = lines[i].text
        if title_parts and (_is_caps(text) or _OPENERS.match(text)):
            break
        if title_parts and not (_starts_lower(text) or glued(title_parts[-1]) or not lines[i].blank_before):
            break
        title_parts.append(text)
        i += 1
    authority = []
    while i < attached and _is_caps(lines[i].text) and not _ENACTING.match(lines[i].text):
        authority.append(lines[i].text)
        i += 1
    preamble_lines: list[Line] = []
    while i < attached and not _ENACTING.match(lines[i].text) and not _ARTICLE.match(lines[i].text):
        preamble_lines.append(lines[i])
        i += 1
    preamble = _join_lines(preamble_lines, re.compile(r"^(?:Căn cứ|Theo đề nghị|Xét|Thực hiện)\b"))
    if i < attached and _ENACTING.match(lines[i].text):
        i += 1
    article_lines: list[Line] = []
    while i < attached:
        text = lines[i].text
        cells = split_cells(lines[i].raw)
        if _NOI_NHAN.match(text) or is_signature_line(text) or (cells and is_signature_line(cells[-1])):
            break
        if cells and _NOI_NHAN.match(cells[0]):
            break
        article_lines.append(lines[i])
        i += 1
    articles: list[Article] = []
    for paragraph in _join_lines(article_lines, _ARTICLE):
        if article := _ARTICLE.match(paragraph):
            articles.append(Article(article.group("num"), article.group("rest")))
        elif articles:
            articles[-1].text += "\n" + paragraph
    if not articles:
        raise SourceError(
            msg(
                "{name}:{line}: the {type} has no articles (Điều 1., Điều 2. …) before the attached plan; check that "
                "the whole text was exported",
                name=name,
                line=lines[at].no,
                type=DocType(doc_type).label,
            )
        )
    recipients, signature, end = parse_tail(lines, i, attached)
    decision = Decision(
        header,
        join_wrapped(title_parts),
        " ".join(authority) or None,
        preamble,
        articles,
        recipients,
        signature or Signature(),
        type=doc_type,
    )
    return decision, end


def _parse_cong_van(lines: list[Line], kinh_gui: int, plan_at: int, name: str) -> tuple[Decision, int]:
    """A Công văn the plan is attached to: its header and "V/v" line, "Kính gửi:" and the addressees,
    its body paragraphs, "Nơi nhận" and signature. Returns it and where the plan's own header starts."""
    header = parse_header(lines[:kinh_gui])
    to: list[str] = []
    first = _KINH_GUI.match(lines[kinh_gui].text)
    if first and first.group("rest"):
        to.append(first.group("rest").lstrip("-+• ").strip())
    i = kinh_gui + 1
    while i < plan_at and lines[i].text[:1] in "-+•" and not numbered(lines[i].text[1:].strip() or "x"):
        to.append(lines[i].text.lstrip("-+• ").strip())
        i += 1
    body_lines: list[Line] = []
    while i < plan_at:
        text = lines[i].text
        cells = split_cells(lines[i].raw)
        if _NOI_NHAN.match(text) or is_signature_line(text) or (cells and is_signature_line(cells[-1])):
            break
        body_lines.append(lines[i])
        i += 1
    paragraphs = _join_lines(body_lines, re.compile(r"^$"))
    recipients, signature, end = parse_tail(lines, i, plan_at)
    if signature is None:
        raise SourceError(
            msg(
                "{name}:{line}: the Công văn before the plan has no signature; check that the whole text was exported",
                name=name,
                line=lines[kinh_gui].no,
            )
        )
    decision = Decision(
        header,
        header.subject or "",
        None,
        [],
        [],
        recipients,
        signature,
        type="cong-van",
        to=to,
        paragraphs=paragraphs,
    )
    return decision, end


# --- tables in a Phụ lục -------------------------------------------------------------------------


def _parse_appendix(lines: list[Line], at: int) -> tuple[Table, int]:
    table = Table([], [], [], lines[at].no)
    i = at
    caption_lines: list[str] = []
    while i < len(lines):
        line = lines[i]
        if i > at and (_APPENDIX.match(line.text) or type_of(line)):
            break
        if _table_row(line):
            add_row(table, line.no, table_cells(line.raw))
        elif not table.rows and not table.columns:
            if (
                caption_lines
                and (
                    (_starts_lower(line.text) and not _is_caps(caption_lines[-1])) or caption_lines[-1].startswith("(")
                )
                and not caption_lines[-1].endswith(")")
            ):
                caption_lines[-1] = join_wrapped([caption_lines[-1], line.text])
            else:
                caption_lines.append(line.text)
        i += 1
    table.caption = caption_lines
    return table, i


def appendix_heading(table: Table) -> tuple[str, str | None]:
    """An appendix's title (its lines above the table, "PHỤ LỤC" first, kept one per line) and its
    caption, the line "(Kèm theo Kế hoạch số …)" with any lines it runs over."""
    at = next((i for i, text in enumerate(table.caption) if _ATTACHED.match(text)), len(table.caption))
    title = "\n".join(table.caption[:at]) or "PHỤ LỤC"
    return title, " ".join(table.caption[at:]) or None


def add_row(table: Table, line: int, cells: list[str]) -> None:
    """Add a row; the first row names the columns, a row repeating them (a table going on over a page
    break) is dropped, and a row with no number continues the row above."""
    if all(set(c) <= set("-: ") for c in cells):
        return  # a Markdown rule under the header row
    if not table.columns:
        table.columns = cells
    elif [" ".join(c.split()) for c in cells] == table.columns:
        return
    elif not cells[0] and table.rows:
        previous = table.rows[-1][1]
        for k, cell in enumerate(cells):
            if cell and k < len(previous):
                previous[k] = f"{previous[k]} {cell}".strip()
            elif cell:
                previous.append(cell)
    else:
        table.rows.append((line, cells))

"""From lines of text to the parts of a plan: header, title, clause tree, closing, recipients, signature.

The layout rules are those of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP on the
form of documents): a header with the issuing body, "Số:" and place and date; the type in capitals
(KẾ HOẠCH) and the title under it; the body numbered I. → 1. → 1.1. → a) → dash bullets; an
unnumbered closing paragraph; "Nơi nhận:" with dash lines; the signature block (KT. CHỦ TỊCH /
PHÓ CHỦ TỊCH / name). A Quyết định may carry the plan "ban hành kèm theo" it, after its Điều 1-3;
tasks may be written as blocks ("Cơ quan chủ trì: …") or as rows of a table in a Phụ lục.

This module only finds structure and keeps the words; linking names and documents is done later.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from ..data.numbering import LETTERS, ROMAN
from ..data.values import fold
from .source import Line, SourceError

#: Document type lines (in capitals, alone on a line) and their type in the data.
DOC_TYPES = {
    "KẾ HOẠCH": "ke-hoach",
    "QUYẾT ĐỊNH": "quyet-dinh",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "chuong-trinh-hanh-dong",
    "CHƯƠNG TRÌNH": "chuong-trinh",
    "ĐỀ ÁN": "de-an",
    "CHỈ THỊ": "chi-thi",
    "NGHỊ QUYẾT": "nghi-quyet",
    "HƯỚNG DẪN": "huong-dan",
    "QUY CHẾ": "quy-che",
    "THÔNG BÁO": "thong-bao",
}

_ROMAN_LINE = re.compile(r"^(?P<num>[IVX]{1,5})\s*\.\s*(?P<rest>\S.*)$")
_DOTTED_LINE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<rest>\S.*)$")
_ARABIC_LINE = re.compile(r"^(?P<num>\d{1,2})\s*\.\s+(?P<rest>\S.*)$")
_LETTER_LINE = re.compile(r"^(?P<num>[a-zđ])\s*(?P<mark>[).])\s+(?P<rest>\S.*)$")
_DASH_LINE = re.compile(r"^(?P<num>[-+–—•*])\s*(?P<rest>\S.*)$")
_DASHES = {"-": "-", "–": "-", "—": "-", "•": "-", "*": "-", "+": "+"}

#: Lines giving a task's lead, partners, time: they belong to the task above, not to a dash list.
ATTRIBUTE = re.compile(
    r"^[-+–•]?\s*(?:(?:[Cc]ơ quan|[Đđ]ơn vị)\s+(?:chủ trì|phối hợp|thực hiện)|[Cc]hủ trì|[Pp]hối hợp"
    r"|[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ|[Kk]inh phí|[Ss]ản phẩm|[Kk]ết quả)[^:\n]{0,30}:"
)
_NOI_NHAN = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T\.M|K\.T)\s*[./]?\s+\S")
_POSITION = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG|CỤC TRƯỞNG|"
    r"CHI CỤC TRƯỞNG|TRƯỞNG PHÒNG|TỔNG GIÁM ĐỐC|THỦ TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CHÁNH THANH TRA|"
    r"CHỈ HUY TRƯỞNG|TRƯỞNG ĐOÀN|CHÁNH ÁN|VIỆN TRƯỞNG|PHÓ TRƯỞNG BAN)(?:\s+\S+){0,6}$"
)
_SIGNED_MARK = re.compile(
    r"^[(\[]\s*(?:đã ký|ký|ký tên|ký, đóng dấu|ký và đóng dấu|đã ký và đóng dấu|daky)[^)\]]*[)\]]$", re.IGNORECASE
)
_APPENDIX = re.compile(r"^PHỤ LỤC(?:\s+[IVX\d]+)?\b")
_ATTACHED = re.compile(r"^\(\s*(?:Ban hành\s+)?[Kk]èm theo\b")
_ENACTING = re.compile(r"^(?:QUYẾT ĐỊNH|CHỈ THỊ|QUYẾT NGHỊ)\s*:$")
_ARTICLE = re.compile(r"^Điều\s+(?P<num>\d+)\s*[.:]\s*(?P<rest>.*)$")
_MOTTO = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap - tu do - hanh phuc",
    "dang cong san viet nam",
)
_HEADER_DATE = re.compile(
    r"ngày\s+(?:(?P<d>\d{1,2}|[.…_]+)\s+)?tháng\s+(?:(?P<m>\d{1,2}|[.…_]+)\s+)?năm\s+(?P<y>\d{4})", re.IGNORECASE
)
_HEADER_NUMBER = re.compile(r"^Số\s*:\s*(?P<num>.*)$", re.IGNORECASE)
_OPENERS = re.compile(r"^(?:Căn cứ|Thực hiện|Theo|Nhằm|Để|Trên cơ sở|Ủy ban|Uỷ ban|UBND|Xét)\b")
_CLOSING_STARTS = re.compile(
    r"^(?:Trên đây là|Trong quá trình|Quá trình triển khai|Yêu cầu (?:các|Thủ trưởng|Giám đốc)"
    r"|Đề nghị (?:các|Thủ trưởng)|Ủy ban nhân dân tỉnh (?:yêu cầu|đề nghị)|UBND tỉnh (?:yêu cầu|đề nghị))"
)
_CELL_SPLIT = re.compile(r"\t+|\s{3,}")


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
    """A Quyết định that issues the plan attached to it."""

    header: Header
    title: str
    authority: str | None
    preamble: list[str]
    articles: list[Article]
    recipients: list[str]
    signature: Signature


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
    joins: int = 0


def split_cells(raw: str) -> list[str]:
    """Cells of a line laid out in columns: by ``|`` if it has any, else by tabs or runs of spaces."""
    stripped = raw.strip()
    parts = stripped.strip("|").split("|") if "|" in stripped else _CELL_SPLIT.split(stripped)
    return [" ".join(c.split()) for c in parts if c.strip()]


def type_of(line: Line) -> str | None:
    return DOC_TYPES.get(line.text)


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
    if not 2 <= len(words) <= 6 or any(c.isdigit() for c in text) or text.endswith((":", ";", ",")):
        return False
    if text == text.upper() and re.search(r"ỦY BAN|UBND|TỈNH|CỘNG HÒA|SỞ |BAN |HỘI ĐỒNG|NHÂN DÂN", text):
        return False
    return all(w[0].isupper() for w in words)


def _starts_lower(text: str) -> bool:
    return text[:1].isalpha() and text[:1].islower()


# --- the whole document ---------------------------------------------------------------------------


def parse_plan(lines: list[Line], name: str) -> ParsedPlan:
    """The parts of the plan in ``lines``; :class:`SourceError` when there is no plan to find."""
    type_lines = [i for i, line in enumerate(lines) if type_of(line)]
    if not type_lines:
        if not any(numbered(line.text) for line in lines):
            raise SourceError(
                f"{name}: this does not look like a plan: there is no document type line (KẾ HOẠCH, QUYẾT ĐỊNH, "
                "CHƯƠNG TRÌNH …) and no numbered sections (I., 1., 1.1.)"
            )
        raise SourceError(
            f"{name}: no document type line was found (a line 'KẾ HOẠCH', 'QUYẾT ĐỊNH', 'CHƯƠNG TRÌNH' … in "
            "capitals above the title); add it from the official text and import again"
        )
    first = type_lines[0]
    decision = None
    plan_at = first
    if DOC_TYPES[lines[first].text] == "quyet-dinh":
        attached = next((i for i in type_lines[1:] if DOC_TYPES[lines[i].text] != "quyet-dinh"), None)
        if attached is None:
            raise SourceError(
                f"{name}: this is a Quyết định with no plan attached to it (no 'KẾ HOẠCH' or 'CHƯƠNG TRÌNH' line "
                "after its articles); import the text of the plan itself"
            )
        decision, attached_header_at = _parse_decision(lines, first, attached, name)
        header = parse_header(lines[attached_header_at:attached])
        plan_at = attached
    else:
        header = parse_header(lines[:first])
    doc_type = DOC_TYPES[lines[plan_at].text]
    title, attached_note, body_at, title_joined = _parse_title(lines, plan_at, name)
    stop = _body_end(lines, body_at)
    body = lines[body_at:stop]
    paras, joins = make_paragraphs(body)
    opening, sections, tables, notes = build_tree(paras)
    if not sections:
        raise SourceError(
            f"{name}: no numbered sections were found after the title (lines starting 'I.', '1.', '1.1.', 'a)'); "
            "the importer builds the clause tree from them. Is the body of the plan in this file?"
        )
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
    plan = ParsedPlan(
        name=name,
        header=header,
        doc_type=doc_type,
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
        joins=joins + title_joined,
    )
    return plan


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
    """Issuer, number and date from the lines above the type line (often in two columns)."""
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
            if any(m in folded for m in _MOTTO) or cell.startswith("V/v") or _HEADER_DATE.search(cell):
                continue
            if number := _HEADER_NUMBER.match(cell):
                header.number_written = True
                value = number.group("num").strip(" .")
                if re.match(r"^\d+[\w\-/.&]*$", value) and re.search(r"[^\W\d_]", value):
                    header.number = value
                continue
            if re.search(r"(?:^|,\s*)ngày\b|\btháng\s+\S+\s+năm\b", cell):
                continue  # the rest of a date cell split at a blank day
            if cell == cell.upper() and any(c.isalpha() for c in cell) and header.number is None:
                header.issuer_lines.append(cell)
    return header


def _parse_title(lines: list[Line], at: int, name: str) -> tuple[str, str | None, int, int]:
    """The title under the type line, the "(kèm theo …)" note, where the body starts, joins made."""
    i = at + 1
    parts: list[str] = []
    joins = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        if (numbered(text) and not _DASH_LINE.match(text)) or _ATTACHED.match(text) or type_of(line):
            break
        if parts:
            wrapped = not line.blank_before and not _OPENERS.match(text)
            if not (_starts_lower(text) or wrapped):
                break
            joins += line.blank_before
        parts.append(text)
        i += 1
    if not parts:
        raise SourceError(
            f"{name}:{lines[at].no}: there is no title under '{lines[at].text}'; "
            "the title (trích yếu) is the line(s) right below the document type"
        )
    attached = None
    if i < len(lines) and _ATTACHED.match(lines[i].text):
        words = [lines[i].text]
        while not words[-1].endswith(")") and i + 1 < len(lines) and len(words) < 4:
            i += 1
            words.append(lines[i].text)
        attached = " ".join(words)
        i += 1
    return " ".join(parts), attached, i, joins


# --- paragraphs and the clause tree --------------------------------------------------------------


def make_paragraphs(lines: list[Line]) -> tuple[list[Para], int]:
    """Paragraphs of the body. A line starting in lower case continues the one before: across a blank
    line this is a page break cutting a sentence, and the join is marked for checking."""
    paras: list[Para] = []
    joins = 0
    width = _wrap_width(lines)
    previous_line = ""
    for line in lines:
        text = line.text
        # in a text wrapped at ``width``, a line that reaches the width was cut by the wrapping
        cut = (
            width is not None
            and not line.blank_before
            and len(previous_line) >= 0.75 * width
            and not previous_line.endswith((".", ";", ":", "!", "?"))
        )
        previous_line = text
        kind = numbered(text)
        if paras and kind is not None and kind[0] == "dash" and cut and _starts_lower(kind[2]):
            kind = None  # "khoa học\n- công nghệ": a hyphen that a wrapped line happens to start with
        if paras and kind is None and not ATTRIBUTE.match(text) and not _table_row(line):
            previous = paras[-1]
            if _starts_lower(text) or cut:
                if line.blank_before:
                    joins += 1
                    previous.checks.append(
                        f"đoạn bị ngắt (dòng {line.no}, có thể do sang trang) đã được nối lại: "
                        f"«…{_tail(previous.text)}» + «{_short(text, 4)}»"
                    )
                previous.text = f"{previous.text} {text}"
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


def take_closing(sections: list[Node]) -> list[Para]:
    """Remove and return the closing paragraph(s) that follow the last item of the body."""
    last = sections[-1]
    while last.children:
        last = last.children[-1]
    paras = last.paras
    for i, para in enumerate(paras):
        # the last paragraph ending "./." closes the document, unless it is the item's only words
        if _CLOSING_STARTS.match(para.text) or (0 < i == len(paras) - 1 and para.text.endswith(("./.", "/."))):
            rest = paras[i:]
            del paras[i:]
            return rest
    return []


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
        cells = split_cells(line.raw) if ("\t" in line.raw or "   " in line.raw) else [line.text]
        consumed = False
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
            elif in_recipients and recipients and _starts_lower(cell):
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


# --- a Quyết định carrying the plan ---------------------------------------------------------------


def _parse_decision(lines: list[Line], at: int, attached: int, name: str) -> tuple[Decision, int]:
    header = parse_header(lines[:at])
    i = at + 1
    title_parts: list[str] = []
    while (
        i < attached
        and not (lines[i].text == lines[i].text.upper() and title_parts)
        and not _OPENERS.match(lines[i].text)
        and not _ENACTING.match(lines[i].text)
    ):
        title_parts.append(lines[i].text)
        i += 1
    authority = []
    while i < attached and lines[i].text == lines[i].text.upper() and not _ENACTING.match(lines[i].text):
        authority.append(lines[i].text)
        i += 1
    preamble: list[str] = []
    while i < attached and not _ENACTING.match(lines[i].text) and not _ARTICLE.match(lines[i].text):
        if preamble and _starts_lower(lines[i].text):
            preamble[-1] += " " + lines[i].text
        else:
            preamble.append(lines[i].text)
        i += 1
    if i < attached and _ENACTING.match(lines[i].text):
        i += 1
    articles: list[Article] = []
    while i < attached:
        text = lines[i].text
        if _NOI_NHAN.match(text) or is_signature_line(text) or is_signature_line(split_cells(lines[i].raw)[-1]):
            break
        if article := _ARTICLE.match(text):
            articles.append(Article(article.group("num"), article.group("rest")))
        elif articles:
            joiner = " " if _starts_lower(text) else "\n"
            articles[-1].text += joiner + text
        i += 1
    if not articles:
        raise SourceError(
            f"{name}:{lines[at].no}: the Quyết định has no articles (Điều 1., Điều 2. …) before the "
            "attached plan; check that the whole text was exported"
        )
    recipients, signature, end = parse_tail(lines, i, attached)
    decision = Decision(
        header,
        " ".join(title_parts),
        " ".join(authority) or None,
        preamble,
        articles,
        recipients,
        signature or Signature(),
    )
    return decision, end


# --- tables in a Phụ lục -------------------------------------------------------------------------


def _parse_appendix(lines: list[Line], at: int) -> tuple[Table, int]:
    table = Table([], [], [], lines[at].no)
    i = at
    while i < len(lines):
        line = lines[i]
        if i > at and (_APPENDIX.match(line.text) or type_of(line)):
            break
        if _table_row(line):
            add_row(table, line.no, table_cells(line.raw))
        elif not table.rows and not table.columns:
            table.caption.append(line.text)
        i += 1
    return table, i


def appendix_heading(table: Table) -> tuple[str, str | None]:
    """An appendix's title (its lines above the table, "PHỤ LỤC" first, kept one per line) and its
    caption, the line "(Kèm theo Kế hoạch số …)" with any lines it runs over."""
    at = next((i for i, text in enumerate(table.caption) if _ATTACHED.match(text)), len(table.caption))
    title = "\n".join(table.caption[:at]) or "PHỤ LỤC"
    return title, " ".join(table.caption[at:]) or None


def add_row(table: Table, line: int, cells: list[str]) -> None:
    """Add a row; the first row names the columns, a row with no number continues the row above."""
    if all(set(c) <= set("-: ") for c in cells):
        return  # a Markdown rule under the header row
    if not table.columns:
        table.columns = cells
    elif not cells[0] and table.rows:
        previous = table.rows[-1][1]
        for k, cell in enumerate(cells):
            if cell and k < len(previous):
                previous[k] = f"{previous[k]} {cell}".strip()
    else:
        table.rows.append((line, cells))

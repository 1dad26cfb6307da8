"""Legal references in the text ("Chỉ thị số 42-CT/TW, ngày 16/4/2010 của Bộ Chính trị") and their ids.

A reference is a type word, a number with its issuer code, and optionally a date and the issuer
("của …"). Matching follows what makes a document unique: its number *and* its date. A reference
without a date is matched on its number alone only when one document has that number, and then
marked for checking; a later short citation ("Chỉ thị số 42-CT/TW") of a document first cited in full
in the same text is the same document. Anything else is proposed as a new entry of
``data/documents.yaml`` with ``verification: chi-theo-van-ban``; nothing is invented: what the text does
not give is written ``{unknown: reason}``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..data.model import Document, Unknown, format_date
from ..data.values import canonical_tones, fold
from .data import ReferenceData
from .places import slug

#: Type words as written, longest first, and the document type of data/documents.yaml.
TYPE_WORDS = {
    "Chương trình hành động": "chuong-trinh-hanh-dong",
    "Thông tư liên tịch": "thong-tu",
    "Nghị quyết liên tịch": "nghi-quyet",
    "Chương trình": "chuong-trinh",
    "Quyết định": "quyet-dinh",
    "Nghị quyết": "nghi-quyet",
    "Nghị định": "nghi-dinh",
    "Hướng dẫn": "huong-dan",
    "Thông báo": "thong-bao",
    "Công văn": "cong-van",
    "Văn bản": "cong-van",
    "Kết luận": "ket-luan",
    "Kế hoạch": "ke-hoach",
    "Thông tư": "thong-tu",
    "Chỉ thị": "chi-thi",
    "Điều lệ": "dieu-le",
    "Quy chế": "quy-che",
    "Đề án": "de-an",
    "Luật": "luat",
}
ID_PREFIX = {
    "chi-thi": "ct",
    "ket-luan": "kl",
    "ke-hoach": "kh",
    "nghi-quyet": "nq",
    "chuong-trinh-hanh-dong": "ctr",
    "chuong-trinh": "ctr",
    "dieu-le": "dieu-le",
    "luat": "luat",
    "nghi-dinh": "nd",
    "quyet-dinh": "qd",
    "thong-tu": "tt",
    "cong-van": "cv",
    "thong-bao": "tb",
    "de-an": "da",
    "quy-che": "qc",
    "huong-dan": "hd",
}
#: Issuer codes that name one issuer in the whole country; others (TW, UBND, TU …) need the text.
_ISSUER_BY_CODE = (
    (re.compile(r"(?:/|-)TTg$"), "Thủ tướng Chính phủ"),
    (re.compile(r"(?:/|-)CP$"), "Chính phủ"),
    (re.compile(r"/QH\d*$"), "Quốc hội"),
    (re.compile(r"/UBTVQH\d*$"), "Ủy ban Thường vụ Quốc hội"),
)

_TYPE = "|".join(f"[{w[0]}{w[0].lower()}]{re.escape(w[1:])}" for w in sorted(TYPE_WORDS, key=len, reverse=True))
_NUMBER = r"\d+(?:/\d{4})?[/\-][\w&.\-/]*\w"
_DATE = (
    r"(?:,?\s*(?:ban hành\s+)?ngày\s+(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})))"
)
_REFERENCE = re.compile(
    rf"(?<!\w)(?P<type>{_TYPE})(?P<name>(?:\s+[^\s,;.()]+){{0,8}}?)\s+(?:số\s+)?(?P<number>{_NUMBER})(?!\w){_DATE}?"
)
_MORE = re.compile(rf"(?:\s*,\s*|\s+và\s+)số\s+(?P<number>{_NUMBER})(?!\w){_DATE}?")
_ISSUER_START = re.compile(r",?\s+của\s+")
_ISSUER_STOP = re.compile(
    r"\s+(?:về|v/v|ban hành|phê duyệt|quy định|hướng dẫn|triển khai|thực hiện|nhằm|đến|cho|để|theo|trong|tại|"
    rf"khi|đã|được|là|và\s+(?:{_TYPE}))(?!\w)|[,;:.\n)]|\s+\((?![Kk]hóa|[Kk]hoá)"
)


@dataclass(frozen=True)
class Reference:
    """One legal reference as written in a text."""

    start: int
    end: int
    type: str  # a document type of data/documents.yaml
    type_word: str
    number: str
    date: dt.date | None
    issuer: str | None
    citation: str  # the words of the text, for messages


def find_references(text: str) -> list[Reference]:
    """Every reference in ``text``, in order. A type word needs a number with an issuer code to count."""
    out: list[Reference] = []
    pos = 0
    while True:
        match = _REFERENCE.search(text, pos)
        if not match:
            return out
        type_word = match.group("type")
        doc_type = TYPE_WORDS[type_word[0].upper() + type_word[1:]]
        name = match.group("name").strip()
        named = not name or (
            re.search(r"(?<!\w)số$", text[: match.start("number")].rstrip()) and not re.search(_TYPE, name)
        )
        if not named or not re.search(r"[^\W\d_]", match.group("number")):
            # "Kế hoạch triển khai 2021-2025" is no reference: a name between type and number needs "số",
            # and a number without an issuer code ("2021-2025") is a period, not a document
            pos = match.start("name") + 1
            continue
        group = [match]
        end = match.end()
        while more := _MORE.match(text, end):
            group.append(more)
            end = more.end()
        issuer, end = _issuer(text, end)
        for item in group:
            out.append(
                Reference(
                    start=item.start(),
                    end=end if item is group[-1] else item.end(),
                    type=doc_type,
                    type_word=type_word,
                    number=item.group("number"),
                    date=_date(item),
                    issuer=issuer,
                    citation=" ".join(
                        (
                            text[item.start() : end]
                            if item is match
                            else f"{type_word} {text[item.start('number') - 3 : end]}"
                        ).split()
                    ),
                )
            )
        pos = end


def _date(match: re.Match[str]) -> dt.date | None:
    day = match.group("d") or match.group("d2")
    month = match.group("m") or match.group("m2")
    year = match.group("y") or match.group("y2")
    if not day:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _issuer(text: str, pos: int) -> tuple[str | None, int]:
    start = _ISSUER_START.match(text, pos)
    if not start:
        return None, pos
    stop = _ISSUER_STOP.search(text, start.end())
    end = stop.start() if stop else len(text)
    words = text[start.end() : end].split()
    if not words or not words[0][0].isupper() or len(words) > 10:
        return None, pos
    issuer = " ".join(words)
    if text[end : end + 2] == " (":  # "(khóa X)"
        close = text.find(")", end)
        if 0 < close - end < 20:
            issuer += " " + text[end + 1 : close + 1]
            end = close + 1
    return issuer, end


def number_key(number: str) -> str:
    """Numbers compare without case, diacritics or spaces: ``1795/QĐ-TTg`` = ``1795/qd-ttg``."""
    return re.sub(r"\s+", "", fold(number))


@dataclass
class Resolution:
    """What became of one reference: a known id, a proposal id, and what the editor should check."""

    reference: Reference
    document_id: str | None  # an id in data/documents.yaml
    proposal_id: str | None = None  # an id proposed in the proposals file
    check: str | None = None


@dataclass
class DocumentIndex:
    """Matches references to data/documents.yaml and collects proposals for the rest."""

    data: ReferenceData
    proposals: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → documents.yaml entry
    _dated: dict[str, str] = field(default_factory=dict)  # number key → id of a document cited with its date
    _flagged: set[str] = field(default_factory=set)  # number keys already marked "matched by number only"

    def __post_init__(self) -> None:
        self._by_number: dict[str, list[Document]] = {}
        for doc in self.data.documents:
            if isinstance(doc.number, str):
                self._by_number.setdefault(number_key(doc.number), []).append(doc)
        self._proposal_by_key: dict[tuple[str, dt.date | None], str] = {}
        self._ids = {d.id for d in self.data.documents} | set(self.data.plan_ids)

    def resolve(self, ref: Reference, where: str) -> Resolution:
        key = number_key(ref.number)
        known = self._by_number.get(key, [])
        if ref.date is not None:
            same = [d for d in known if isinstance(d.date, dt.date) and d.date == ref.date]
            if same:
                self._dated[key] = same[0].id
                return Resolution(ref, same[0].id)
            undated = [d for d in known if isinstance(d.date, Unknown)]
            if len(known) == 1 and undated:
                return Resolution(
                    ref,
                    undated[0].id,
                    check=(
                        f"«{ref.citation}» được gắn với {undated[0].id} theo số hiệu; data/documents.yaml chưa có ngày "
                        f"của văn bản này, văn bản ghi {format_date(ref.date)}: bổ sung nếu đúng"
                    ),
                )
            proposal = self._propose(ref, where)
            self._dated[key] = proposal
            return Resolution(ref, None, proposal, _proposal_check(ref, proposal))
        if key in self._dated:
            cited = self._dated[key]
            if cited in self._ids:
                return Resolution(ref, cited)
            return Resolution(ref, None, cited, _proposal_check(ref, cited))
        if len(known) == 1:
            if key in self._flagged:  # one check per document: the first citation carries it
                return Resolution(ref, known[0].id)
            self._flagged.add(key)
            return Resolution(
                ref,
                known[0].id,
                check=(
                    f"«{ref.citation}» được gắn với {known[0].id} chỉ theo số hiệu (văn bản không ghi ngày); "
                    "các lần trích dẫn sau trong văn bản được gắn như vậy"
                ),
            )
        if len(known) > 1:
            ids = ", ".join(d.id for d in known)
            return Resolution(
                ref,
                None,
                check=(
                    f"«{ref.citation}»: nhiều văn bản cùng số hiệu ({ids}) và văn bản không ghi ngày; "
                    "chọn một và thêm vào basis"
                ),
            )
        proposal = self._propose(ref, where)
        return Resolution(ref, None, proposal, _proposal_check(ref, proposal))

    def by_title(self, text: str) -> list[tuple[str, str]]:
        """Documents without a number (an Điều lệ) named by their exact title: (id, check)."""
        folded = canonical_tones(text).casefold()
        out = []
        for doc in self.data.documents:
            if (
                isinstance(doc.number, Unknown)
                and isinstance(doc.title, str)
                and len(doc.title) >= 20
                and canonical_tones(doc.title).casefold() in folded
            ):
                out.append((doc.id, f"«{doc.title}» được gắn với {doc.id} theo trích yếu (văn bản không có số hiệu)"))
        return out

    def _propose(self, ref: Reference, where: str) -> str:
        key = (number_key(ref.number), ref.date)
        if key in self._proposal_by_key:
            return self._proposal_by_key[key]
        year = ref.date.year if ref.date else _year_in(ref.number)
        code = re.split(r"[/\-]", ref.number)[-1]
        parts = [ID_PREFIX[ref.type], ref.number.split("/")[0].split("-")[0], slug(code), str(year) if year else ""]
        base = "-".join(p for p in parts if p)
        proposal_id, n = base, 2
        while proposal_id in self._ids or proposal_id in self.proposals:
            proposal_id, n = f"{base}-{n}", n + 1
        issuer = ref.issuer or next((name for pattern, name in _ISSUER_BY_CODE if pattern.search(ref.number)), None)
        notes = [f"Đề xuất bởi công cụ nhập liệu: văn bản được trích dẫn ở {where} là «{ref.citation}»."]
        if issuer is None:
            notes.append("Văn bản trích dẫn không nêu cơ quan ban hành; cần xác định.")
        elif ref.issuer is None:
            notes.append(f"Cơ quan ban hành suy ra từ ký hiệu «{code}» của số hiệu.")
        entry: dict[str, Any] = {
            "id": proposal_id,
            "type": ref.type,
            "number": ref.number,
            "date": format_date(ref.date) if ref.date else {"unknown": "Văn bản trích dẫn không ghi ngày ban hành."},
            "issuer": issuer or "Chưa rõ (văn bản trích dẫn không nêu)",
            "title": {"unknown": "Văn bản trích dẫn không nêu trích yếu."},
            "verification": "chi-theo-van-ban",
            "verification_note": " ".join(notes),
        }
        self.proposals[proposal_id] = entry
        self._proposal_by_key[key] = proposal_id
        return proposal_id


def _year_in(number: str) -> int | None:
    match = re.search(r"/((?:19|20)\d\d)/", number)
    return int(match.group(1)) if match else None


def _proposal_check(ref: Reference, proposal_id: str) -> str:
    return (
        f"«{ref.citation}» chưa có trong data/documents.yaml: đã đề xuất mã {proposal_id} trong tệp đề xuất; "
        "kiểm tra số hiệu, ngày và cơ quan ban hành trước khi chấp nhận"
    )

"""Agency mentions: linking names in the text to ``data/agencies.yaml``, and spotting names it lacks.

Known names are every name, short name and spelling of an agency or group, matched longest first so
"Ban Tuyên giáo Tỉnh ủy" is not read as "Tỉnh ủy". The first letter is matched in either case
("các sở, ngành, địa phương" mid-sentence is the group "Các sở, ngành, địa phương"); the rest must be
written as in the data, except for the old and new placement of tone marks (``Uỷ``/``Ủy``,
``hoá``/``hóa``), which both read as one.

Names the data lacks are found by the way Vietnamese administrative names are built: a head word
(Sở, Ban, Cục, Trung tâm, UBND huyện …) followed by a capitalised word, or a fixed name (Công an
tỉnh, Tỉnh đoàn …), or a collective ("UBND các huyện, thị xã, thành phố"). They are only ever
proposed, never linked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.values import fold, slugify
from .data import ReferenceData

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}


def canonical_tones(text: str) -> str:
    """Old-style tone placement (``hoá``, ``Uỷ``) rewritten to new style (``hóa``, ``Ủy``).

    The result has the same length as ``text``, so positions found in it are positions in ``text``.
    """
    chars = list(text)
    for i in range(len(chars) - 1):
        first, second = chars[i], chars[i + 1]
        if first not in "oOuU":
            continue
        parts = unicodedata.normalize("NFD", second)
        tone = next((c for c in parts[1:] if c in _TONES), None)
        base = parts[0]
        if tone is None or base not in "aAeEyY" or len(parts) != 2:
            continue
        chars[i] = unicodedata.normalize("NFC", first + tone)
        chars[i + 1] = base
    return "".join(chars)


def _expand(name: str) -> str:
    """Common abbreviations written out, for comparing a header line with a full name."""
    out = re.sub(r"\bUBND\b", "Ủy ban nhân dân", name)
    out = re.sub(r"\bHĐND\b", "Hội đồng nhân dân", out)
    out = re.sub(r"\bMTTQ\b", "Mặt trận Tổ quốc", out)
    return " ".join(canonical_tones(out).split()).casefold()


def slug(text: str) -> str:
    """An id in the data's style: ``UBND huyện Tuy Phong`` → ``ubnd-huyen-tuy-phong``."""
    return slugify(fold(text).replace("uy ban nhan dan", "ubnd"))


@dataclass(frozen=True)
class Mention:
    """A name of an agency or group in a text. ``actor_id`` is ``None`` for a name the data lacks."""

    start: int
    end: int
    text: str
    actor_id: str | None
    kind: str | None = None  # proposed agency kind (unknown names only)
    collective: bool = False  # a collective such as "UBND các huyện" (proposed as a group)

    @property
    def proposed_id(self) -> str:
        return slug(self.text)


_HEADS = (
    "Sở",
    "Ban",
    "Bộ",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Trung tâm",
    "Trường",
    "Bệnh viện",
    "Viện",
    "Phòng",
    "Hội",
    "Báo",
    "Đài",
    "Ủy ban",
    "Hội đồng",
    "Quỹ",
    "Văn phòng",
    "Công ty",
    "Ngân hàng",
    "Học viện",
)
_FIXED = (
    "Công an",
    "Tỉnh đoàn",
    "Tỉnh ủy",
    "Thanh tra",
    "Kho bạc Nhà nước",
    "Cục Thuế",
    "Cục Hải quan",
    "Cục Thống kê",
    "Bộ Chỉ huy Quân sự",
    "Bộ Chỉ huy Bộ đội Biên phòng",
    "Liên đoàn Lao động",
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Ngân hàng Nhà nước",
    "Bảo hiểm xã hội",
    "Văn phòng UBND",
    "Văn phòng Ủy ban nhân dân",
    "Văn phòng HĐND",
    "Văn phòng Tỉnh ủy",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
)
#: Words that make a new body out of the agency named after them ("Văn phòng UBND tỉnh", "Thường trực
#: Tỉnh ủy"): a known name after them is part of an unknown one.
_OF_BODY = re.compile(
    r"(?:Văn phòng|Thường trực|Ban Thường vụ|Đảng đoàn|Ban cán sự đảng|Đảng ủy|Công đoàn|Thanh tra"
    r"|Đoàn Đại biểu Quốc hội)\s+$"
)
_LOCALITY = r"(?:tỉnh|huyện|thị xã|thành phố|xã|phường|thị trấn)"
_WORD = r"(?P<word>\w[\w&]*)"
_COLLECTIVES = (
    r"(?:UBND|Ủy ban nhân dân) các huyện, thị xã, thành phố(?: trong tỉnh)?",
    r"(?:UBND|Ủy ban nhân dân) các huyện, thành phố(?: trong tỉnh)?",
    r"(?:UBND|Ủy ban nhân dân) cấp huyện",
    r"(?:UBND|Ủy ban nhân dân) các xã, phường, thị trấn",
    r"[Cc]ác sở, ban, ngành(?:, đoàn thể)?(?:, địa phương| và địa phương)?(?: tỉnh)?(?: có liên quan| liên quan)?",
    r"[Cc]ác sở, ngành(?:, địa phương| và địa phương)?(?: tỉnh)?(?: có liên quan| liên quan)?",
    r"[Cc]ác cơ quan, đơn vị(?:, địa phương)?(?: có liên quan| liên quan)?",
    r"[Cc]ác đơn vị(?: có liên quan| liên quan)",
    r"[Cc]ác cơ quan(?: có liên quan| liên quan)",
    r"[Cc]ác đoàn thể chính trị - xã hội(?: tỉnh)?",
    r"[Cc]ác cơ quan báo chí(?: của tỉnh| địa phương| trên địa bàn tỉnh)?",
    r"[Cc]ác hội, đoàn thể(?: tỉnh)?",
)
# Words that end a name written in running text: verbs and function words that follow a subject.
_STOP_WORDS = frozenset(
    {
        "và",
        "các",
        "những",
        "có",
        "là",
        "được",
        "trong",
        "tại",
        "về",
        "để",
        "cho",
        "với",
        "của",
        "theo",
        "cùng",
        "sẽ",
        "đã",
        "đang",
        "phải",
        "cần",
        "nhằm",
        "khi",
        "nếu",
        "từ",
        "đến",
        "trên",
        "dưới",
        "hoặc",
        "như",
        "gồm",
        "làm",
        "lập",
        "giao",
        "thuộc",
        "thu",
        "xem",
        "tiến",
        "kịp",
        "chịu",
        "chủ",
        "phối",
        "thực",
        "tổ",
        "tham",
        "báo",
        "hướng",
        "triển",
        "xây",
        "kiểm",
        "rà",
        "đôn",
        "tăng",
        "chỉ",
        "bố",
        "nghiên",
        "đề",
        "tổng",
        "tiếp",
        "thường",
        "đảm",
        "bảo",
        "phụ",
        "căn",
        "đẩy",
        "nâng",
        "tuyên",
        "hỗ",
        "tạo",
        "trình",
        "thẩm",
        "cung",
        "lồng",
        "bổ",
        "hoàn",
        "sắp",
        "tập",
        "giám",
        "đánh",
        "ban",
        "phổ",
        "chuẩn",
        "khẩn",
        "quán",
        "này",
        "đó",
        "sau",
        "trước",
        "nhận",
        "gửi",
        "qua",
        "vào",
        "ra",
        "lên",
        "xuống",
        "định",
        "bằng",
        "thì",
        "mà",
        "nên",
        "vì",
        "do",
    }
)


class AgencyIndex:
    """Finds agency and group names in texts, known ones first."""

    def __init__(self, data: ReferenceData) -> None:
        spellings: dict[str, str] = {}
        for agency in data.agencies:
            for name in (agency.name, *agency.short_names, *agency.spellings):
                spellings.setdefault(canonical_tones(name), agency.id)
        for group in data.groups:
            for name in (group.name, *group.spellings):
                spellings.setdefault(canonical_tones(name), group.id)
        self._by_spelling = spellings
        self._by_expanded = {_expand(name): actor for name, actor in spellings.items()}
        alternatives = []
        for name in sorted(spellings, key=len, reverse=True):
            first, rest = name[0], re.escape(name[1:])
            head = f"[{re.escape(first.lower())}{re.escape(first.upper())}]" if first.isalpha() else re.escape(first)
            alternatives.append(head + rest)
        self._known = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)") if alternatives else None
        fixed = sorted(_FIXED, key=len, reverse=True)
        self._unknown = re.compile(
            r"(?<!\w)(?:"
            + r"(?P<collective>"
            + "|".join(_COLLECTIVES)
            + r")"
            + r"|(?P<fixed>(?:"
            + "|".join(map(re.escape, fixed))
            + r"))"
            + r"|(?P<head>(?:(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân) "
            + _LOCALITY
            + r"|"
            + "|".join(map(re.escape, sorted(_HEADS, key=len, reverse=True)))
            + r") "
            + _WORD
            + r")"
            + r")(?!\w)"
        )
        all_heads = sorted({*_HEADS, *_FIXED, "UBND", "HĐND", "Ủy ban nhân dân"}, key=len, reverse=True)
        heads = "|".join(map(re.escape, all_heads))
        self._head_at = re.compile(r"(?:" + heads + r")(?!\w)")

    def actor_for(self, name: str) -> str | None:
        """The id for a whole name (a header line, a table cell), ignoring case and abbreviations."""
        cleaned = canonical_tones(" ".join(name.split())).strip(" .;,")
        if cleaned in self._by_spelling:
            return self._by_spelling[cleaned]
        return self._by_expanded.get(_expand(cleaned))

    def find(self, text: str, masked: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """Every name in ``text`` outside the ``masked`` spans (legal references), in text order."""
        canon = canonical_tones(text)
        taken: list[tuple[int, int]] = list(masked)
        out: list[Mention] = []
        if self._known is not None:
            for match in self._known.finditer(canon):
                if _overlaps(match.span(), taken):
                    continue
                of_body = _OF_BODY.search(canon, max(0, match.start() - 30), match.start())
                if of_body:
                    written = text[of_body.start() : match.end()]
                    out.append(Mention(of_body.start(), match.end(), written, None, kind=guess_kind(written)))
                    taken.append((of_body.start(), match.end()))
                    continue
                name = match.group(0)
                actor = self._by_spelling.get(name) or self._by_spelling.get(name[0].swapcase() + name[1:])
                out.append(Mention(match.start(), match.end(), text[match.start() : match.end()], actor))
                taken.append(match.span())
        for match in self._unknown.finditer(canon):
            if _overlaps(match.span(), taken) or (match.group("word") and not match.group("word")[0].isupper()):
                continue
            end = match.end()
            collective = match.group("collective") is not None
            if not collective:
                end = self._extend(canon, end, taken)
            written = text[match.start() : end].rstrip(" ,-")
            out.append(
                Mention(
                    match.start(),
                    match.start() + len(written),
                    written,
                    None,
                    kind=None if collective else guess_kind(written),
                    collective=collective,
                )
            )
            taken.append((match.start(), end))
        return sorted(out, key=lambda m: m.start)

    def _extend(self, text: str, end: int, taken: Sequence[tuple[int, int]]) -> int:
        """Carry a name on over the words that still belong to it ("Sở Văn hóa, Thể thao và Du lịch")."""
        lowercase = 0
        pos = end
        while True:
            rest = text[pos:]
            step = re.match(r"([ \t]*,[ \t]*|[ \t]+và[ \t]+|[ \t]+-[ \t]+|[ \t]+)([^\s,;:()]+)", rest)
            if not step:
                return pos
            sep, word = step.group(1), step.group(2)
            word_start = pos + step.start(2)
            bare = word.rstrip(",;:.()")
            if not bare or _overlaps((word_start, word_start + 1), taken) or self._head_at.match(text, word_start):
                return pos
            if bare[0].isupper():
                pass
            elif sep.strip() or bare in _STOP_WORDS or lowercase >= 4:
                return pos
            else:
                lowercase += 1
            pos = word_start + len(bare)
            if bare != word:  # the word carried punctuation: the name ends here
                return pos


def guess_kind(name: str) -> str:
    """A first guess at the kind of a proposed agency, from its head word; the editor confirms it."""
    if re.match(r"(UBND|Ủy ban nhân dân) (huyện|thị xã|thành phố)", name):
        return "ubnd-cap-huyen"
    if name.startswith("Sở ") or re.match(r"(Văn phòng (UBND|Ủy ban)|Thanh tra tỉnh|Ban Dân tộc)", name):
        return "so"
    if name.startswith("Ban ") and "Tỉnh ủy" in name:
        return "ban-dang"
    if re.match(
        r"(Tỉnh đoàn|Liên đoàn Lao động|Hội Nông dân|Hội Liên hiệp Phụ nữ|Hội Cựu chiến binh|Ủy ban Mặt trận"
        r"|Đoàn Thanh niên)",
        name,
    ):
        return "doan-the"
    if name.startswith(("Báo ", "Đài ")):
        return "bao-chi"
    if name.startswith("Hội "):
        return "to-chuc-hoi"
    if name.startswith("Bộ ") and not name.startswith("Bộ Chỉ huy"):
        return "trung-uong"
    return "khac"


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)

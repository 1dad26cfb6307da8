"""Names of agencies in a plan's text: the bodies the data has, and those it lacks, at every level.

Known names are every spelling that resolves in the plan's jurisdiction (:class:`~vnplans.data.names.NameIndex`:
the home jurisdiction, its parents, the national level, full names from anywhere), matched longest
first and in either tone placement ("Uỷ"/"Ủy", "hoà"/"hòa"). A standard body is also known by its name
with the place replaced by the unit word ("Ủy ban nhân dân thành phố" in a plan of thành phố Cần Thơ).

Names the data lacks are found by the way Vietnamese administrative names are built:

* a head word (Sở, Bộ, Vụ, Cục, Tổng cục, Ban, Văn phòng, Thanh tra, Viện, Trường, Trung tâm, Hội, Báo,
  Đài, Công an …) and the words of the name after it, as long as they are not the predicate that
  follows a subject: a name runs over lowercase words ("Cục Kiểm tra văn bản quy phạm pháp luật"),
  commas and "và" before words that go on naming ("Sở Văn hóa, Thể thao và Du lịch", "Cục Hộ tịch,
  quốc tịch, chứng thực"), spaced hyphens ("Lao động - Thương binh và Xã hội"), and ends at a verb, at
  a comma or "và" before another name, at a bracket or the end of a sentence;
* a body named after another ("Văn phòng Tỉnh ủy", "Đảng đoàn Hội đồng nhân dân tỉnh");
* groups: "các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố", "các bộ, cơ quan ngang
  bộ, cơ quan thuộc Chính phủ", "các ban xây dựng Đảng Tỉnh ủy", "Trạm Y tế các xã, thị trấn";
* the head of a body stands for it: "Giám đốc Sở Tài chính" is Sở Tài chính, "Chủ tịch UBND các huyện"
  the group of the UBND; the issuer's own leaders stay persons ("Chủ tịch Ủy ban nhân dân tỉnh",
  "Bộ trưởng" of a ministry's plan: "Bộ trưởng Bộ Tư pháp").

Each name the data lacks is described for a proposal: the name to record (abbreviations written out,
the place added: "Sở Ngoại vụ tỉnh Quảng Ngãi"; a unit of a ministry with its ministry: "Văn phòng Bộ
Tư pháp", "Vụ Pháp chế (Bộ Nông nghiệp và Môi trường)"), its kind and its jurisdiction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..data.model import Agency, Group, Jurisdiction, Level
from ..data.names import name_key
from ..data.values import canonical_tones, fold
from .places import Places, slug

__all__ = ["Mention", "NameFinder", "expand", "qualified_name", "slug"]


def qualified_name(name: str, parent: str) -> str:
    """How a unit is named with the body it belongs to: "Văn phòng Bộ" of "Bộ Tư pháp" → "Văn phòng Bộ
    Tư pháp" (the name ends in the parent's head word); "Vụ Pháp chế" → "Vụ Pháp chế (Bộ Tư pháp)"."""
    head, _, rest = parent.partition(" ")
    if rest and name.split()[-1:] == [head]:
        return f"{name} {rest}"
    return f"{name} ({parent})"


_ABBREVIATIONS = (
    (r"\bUBND\b", "Ủy ban nhân dân"),
    (r"\bHĐND\b", "Hội đồng nhân dân"),
    (r"\bMTTQ\b", "Mặt trận Tổ quốc"),
    (r"\bTNCS\b", "Thanh niên Cộng sản"),
    (r"\bHCM\b", "Hồ Chí Minh"),
    (r"\bPT-TH\b", "Phát thanh - Truyền hình"),
)


def expand(name: str) -> str:
    """A name with its common abbreviations written out and the official tone placement: "UBND tỉnh"
    → "Ủy ban nhân dân tỉnh", "Uỷ ban" → "Ủy ban"."""
    out = name
    for pattern, words in _ABBREVIATIONS:
        out = re.sub(pattern, words, out)
    return " ".join(canonical_tones(out).split())


def matching_copy(text: str) -> str:
    """``text`` in one tone placement, with dashes and odd spaces made plain; same length, so a position
    in the copy is a position in ``text``."""
    return canonical_tones(text).translate(_PLAIN)


_PLAIN = str.maketrans("–—\u00a0\t", "--  ")


@dataclass(frozen=True)
class Mention:
    """A name of an agency or group in a text.

    ``actor_id`` is the body of the data (or of a jurisdiction proposed with the plan) it links to; for
    a name the data lacks it is ``None`` and ``name``, ``kind``, ``jurisdiction`` describe the proposal.
    """

    start: int
    end: int
    text: str  # the words of the text (the head of the body included: "Giám đốc Sở Y tế")
    actor_id: str | None
    name: str  # the name to record
    kind: str | None = None  # an agency kind of the vocabulary; None for a group
    group: bool = False
    jurisdiction: str | None = None
    spelling: str | None = None  # the written form, when the name recorded differs from it
    doubt: str | None = None  # why linking or proposing it needs checking
    place_only: bool = False  # "các địa phương", "các xã, phường": a place, not a body
    qualifier: bool = False  # "(Bộ X)" after a unit of that ministry: says whose unit it is, no role

    @property
    def key(self) -> str:
        """One key per body: its id, or its proposed name in its jurisdiction."""
        return self.actor_id or f"?{self.jurisdiction}:{name_key(self.name)}"


# --- the words of names ---------------------------------------------------------------------------

#: Words that start the name of a body (longest first when compiled).
HEADS = (
    "Sở",
    "Bộ",
    "Ban",
    "Cục",
    "Chi cục",
    "Hạt",
    "Tổng cục",
    "Vụ",
    "Viện",
    "Học viện",
    "Trường",
    "Đại học",
    "Trung tâm",
    "Phòng",
    "Văn phòng",
    "Thanh tra",
    "Công an",
    "Hội",
    "Hiệp hội",
    "Liên hiệp",
    "Liên đoàn",
    "Liên minh",
    "Đoàn",
    "Đài",
    "Báo",
    "Tạp chí",
    "Cổng Thông tin điện tử",
    "Cổng thông tin điện tử",
    "Ủy ban",
    "Hội đồng",
    "Quỹ",
    "Kho bạc",
    "Ngân hàng",
    "Bệnh viện",
    "Tòa án",
    "Viện kiểm sát",
    "Đảng đoàn",
    "Ban cán sự đảng",
    "Đảng ủy",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Thị ủy",
    "Tỉnh đoàn",
    "Huyện đoàn",
    "Thành đoàn",
    "Trạm",
    "Bảo hiểm xã hội",
    "Tập đoàn",
    "Tổng công ty",
    "Công ty",
    "Thông tấn xã",
    "Lãnh đạo",
    "Lãnh đạo Bộ",
    "Thường trực",
    "Ban Thường vụ",
    "Trung ương",
    "Bộ Chỉ huy",
    "Bộ đội",
    "Bộ trưởng",
)
#: Heads that are a whole name alone ("Tỉnh ủy", "Huyện đoàn", "Thành đoàn").
STANDALONE = (
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Thị ủy",
    "Tỉnh đoàn",
    "Huyện đoàn",
    "Thành đoàn",
    "Lãnh đạo Bộ",
    "Cổng Thông tin điện tử",
    "Cổng thông tin điện tử",
)
#: Heads whose name is another body's: "Văn phòng Tỉnh ủy", "Đảng đoàn Hội đồng nhân dân tỉnh".
OF_BODY = (
    "Văn phòng",
    "Thường trực",
    "Ban Thường vụ",
    "Ban thường vụ",
    "Đảng đoàn",
    "Ban cán sự đảng",
    "Đảng ủy",
    "Công đoàn",
    "Thanh tra",
    "Lãnh đạo",
    "Đoàn Đại biểu Quốc hội",
)
#: A person at the head of a body: the duty is the body's ("Giám đốc Sở Y tế", "Chủ tịch UBND các huyện").
HEAD_OF = (
    "Giám đốc",
    "Tổng Giám đốc",
    "Phó Giám đốc",
    "Thủ trưởng",
    "Chủ tịch",
    "Chỉ huy trưởng",
    "Cục trưởng",
    "Tổng cục trưởng",
    "Vụ trưởng",
    "Viện trưởng",
    "Hiệu trưởng",
    "Chánh Văn phòng",
    "Chánh Thanh tra",
    "Trưởng ban",
    "Trưởng Ban",
    "Người đứng đầu",
    "người đứng đầu",
)
#: The names of the units of a ministry: named with their ministry ("Vụ Pháp chế (Bộ …)").
UNIT_HEADS = (
    "Vụ",
    "Cục",
    "Tổng cục",
    "Viện",
    "Học viện",
    "Trường",
    "Trung tâm",
    "Văn phòng",
    "Thanh tra",
    "Báo",
    "Tạp chí",
    "Lãnh đạo",
    "Bộ trưởng",
)
LOCALITY_WORDS = ("tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn", "đặc khu")
_PLACE_NOUNS = {"địa phương", "xã", "phường", "thị trấn", "huyện", "tỉnh", "quận", "thành phố", "thị xã", "vùng"}
#: Nouns of a group after "các": "các sở, ban, ngành", "các cơ quan, đơn vị, địa phương".
COLLECTIVE_NOUNS = (
    "bộ",
    "ngành",
    "sở",
    "ban",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "tổ chức",
    "đoàn thể",
    "hội",
    "cấp ủy",
    "huyện ủy",
    "thị ủy",
    "thành ủy",
    "quận ủy",
    "đảng ủy",
    "ban cán sự đảng",
    "đảng đoàn",
    "ban xây dựng",
    "trường",
    "cơ sở",
    "doanh nghiệp",
    "chi bộ",
    "đảng bộ",
    "phòng",
    "tổ",
    "trạm",
    "xã",
    "phường",
    "thị trấn",
    "huyện",
    "thị xã",
    "thành phố",
    "tỉnh",
    "quận",
    "Sở",
    "Bộ",
    "Ban",
)
_COLLECTIVES_BY_LENGTH = sorted((n for n in COLLECTIVE_NOUNS if n[0].islower()), key=lambda n: -len(n.split()))
#: Lowercase words that cannot be inside a name: the predicate after a subject, function words.
STOP_WORDS = frozenset(
    [
        "là",
        "được",
        "có",
        "đã",
        "sẽ",
        "đang",
        "cần",
        "phải",
        "nên",
        "thì",
        "mà",
        "vì",
        "nếu",
        "khi",
        "để",
        "theo",
        "trong",
        "tại",
        "trên",
        "dưới",
        "với",
        "cho",
        "từ",
        "đến",
        "tới",
        "nhằm",
        "qua",
        "sau",
        "trước",
        "bằng",
        "như",
        "hoặc",
        "hay",
        "cùng",
        "gồm",
        "này",
        "đó",
        "kịp",
        "gửi",
        "mở",
        "đưa",
        "lập",
        "làm",
        "ghi",
        "của",
        "nhận",
    ]
)
#: Verbs of two syllables (written "chủ_trì"): the predicate after a subject.
_STOP_PAIRS = frozenset(
    [
        "chủ_trì",
        "phối_hợp",
        "thực_hiện",
        "tham_mưu",
        "báo_cáo",
        "tổng_hợp",
        "hướng_dẫn",
        "xây_dựng",
        "tổ_chức",
        "triển_khai",
        "kiểm_tra",
        "rà_soát",
        "theo_dõi",
        "đôn_đốc",
        "cập_nhật",
        "đề_xuất",
        "ban_hành",
        "bố_trí",
        "cân_đối",
        "tuyên_truyền",
        "vận_động",
        "lồng_ghép",
        "nghiên_cứu",
        "chỉ_đạo",
        "lãnh_đạo",
        "phản_ánh",
        "cung_cấp",
        "bảo_đảm",
        "đảm_bảo",
        "tăng_cường",
        "đẩy_mạnh",
        "nâng_cao",
        "hỗ_trợ",
        "tạo_điều",
        "đăng_tải",
        "nhân_rộng",
        "huy_động",
        "kiện_toàn",
        "xử_lý",
        "điều_tra",
        "chịu_trách",
        "chủ_động",
        "khẩn_trương",
        "sẵn_sàng",
        "tập_huấn",
        "bồi_dưỡng",
        "khảo_sát",
        "lựa_chọn",
        "giới_thiệu",
        "quảng_bá",
        "xúc_tiến",
        "thẩm_định",
        "phê_duyệt",
        "quán_triệt",
        "học_tập",
        "giám_sát",
        "đánh_giá",
        "thống_kê",
        "công_khai",
        "thu_gom",
        "hoàn_thành",
        "hoàn_thiện",
        "duy_trì",
        "tiếp_nhận",
        "tiếp_tục",
        "quản_lý",
        "chuẩn_bị",
        "đề_nghị",
        "yêu_cầu",
        "chấp_hành",
        "ứng_dụng",
        "số_hóa",
        "kết_nối",
        "chia_sẻ",
        "vận_hành",
        "cưỡng_chế",
        "lắp_đặt",
        "khắc_phục",
        "gia_cố",
        "đưa_tin",
        "định_hướng",
        "phát_hiện",
        "tổng_kết",
        "sơ_kết",
        "cụ_thể",
        "thông_báo",
        "phân_công",
        "bao_gồm",
        "thanh_tra",
        "phổ_biến",
        "phát_động",
        "theo_chức",
        "trong_phạm",
        "đôn_đôc",
        "căn_cứ",
        "tiến_hành",
        "thường_xuyên",
        "định_kỳ",
        "kịp_thời",
    ]
)
#: What may follow a group's noun to say which bodies it means.
_QUALIFIER = re.compile(
    r"\s(?:Đảng(?: (?:Tỉnh|Huyện|Thành) ủy)?|(?:có\s+)?liên quan|ngang bộ|thuộc (?:Chính phủ|Bộ|Sở|tỉnh|huyện|Ủy ban nhân dân(?: tỉnh| huyện)?)"
    r"|trực thuộc (?:trung ương|Trung ương|Tỉnh ủy|Huyện ủy|Thành ủy|tỉnh|huyện)|cấp (?:tỉnh|huyện|xã|cơ sở)"
    r"|chính trị - xã hội|xây dựng Đảng(?: (?:Tỉnh|Huyện|Thành) ủy)?|báo chí|chuyên môn|thành viên|đảng"
    r"|trung học cơ sở|trung học phổ thông|tiểu học|mầm non|có thủ tục hành chính|trong tỉnh|trên địa bàn"
    r"|tỉnh|huyện|thành phố|thị xã|trung ương)(?!\w)"
)
_GROUP_LEAD = re.compile(
    r"(?:(?:Ủy|Uỷ) ban nhân dân|UBND|Hội đồng nhân dân|HĐND|[Bb]an [Tt]hường vụ|Thường trực|Trạm Y tế)\s+"
)
_WORD = re.compile(r"[^\W_][\w&/.\-]*[^\W_]|[^\W_]", re.UNICODE)


def _is_capital(word: str) -> bool:
    return word[:1].isupper()


_INITIALS = [
    "ngh",
    "ng",
    "nh",
    "ch",
    "gh",
    "gi",
    "kh",
    "ph",
    "th",
    "tr",
    "qu",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "q",
    "r",
    "s",
    "t",
    "v",
    "x",
]
_FINALS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")


def is_vietnamese_word(word: str) -> bool:
    """Whether ``word`` is a Vietnamese syllable (so a capitalised word inside a name); a foreign or
    brand word ("Viettel", "VNPT") starts a name of its own."""
    if len(word) > 1 and word.isupper():
        return False
    base = fold(word)
    initial = next((i for i in _INITIALS if base.startswith(i)), "")
    rest = base[len(initial) :]
    vowels = re.match(r"[aeiouy]+", rest)
    if not vowels or len(vowels.group(0)) > 3:
        return False
    return rest[vowels.end() :] in _FINALS


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str
    sep: str  # what stands between the previous token and this one: " ", ", ", " - ", "; " …


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    last = 0
    for match in _WORD.finditer(text):
        out.append(_Token(match.start(), match.end(), match.group(0), text[last : match.start()]))
        last = match.end()
    return out


class NameFinder:
    """Finds agency and group names in the texts of one plan, and says what each is."""

    def __init__(self, places: Places) -> None:
        self.places = places
        names = places.names
        self.home = places.home
        spellings = names.spellings_in(self.home) if self.home else {}
        # a unit of another ministry or sở keeps its bare name ("Văn phòng Bộ", "Vụ Pháp chế") to its own
        # plans: here it is found only under its full name
        parents = self._parents = _parents(places)
        own = places.ministry.name if places.ministry is not None else None
        spellings = {
            written: actor
            for written, actor in spellings.items()
            if ((parent := _parent_of(actor.name, parents)) is None or parent == own or parent in written)
            and not self._others_group(written, actor)
        }
        self._known: dict[str, Agency | Group] = {}
        for written, actor in spellings.items():
            self._known.setdefault(name_key(matching_copy(written)), actor)
        self._derived: dict[str, Agency] = {}
        for written, agency in _derived_forms(places).items():
            self._derived.setdefault(name_key(written), agency)
        alternatives = sorted(
            {*(canonical_tones(s) for s in spellings), *_derived_forms(places)}, key=len, reverse=True
        )
        pattern = "|".join(re.escape(matching_copy(a)) for a in alternatives if a)
        self._known_re = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE) if pattern else None
        self._heads = sorted(HEADS, key=len, reverse=True)
        self._head_re = re.compile(r"(?:" + "|".join(map(re.escape, self._heads)) + r")(?!\w)")
        self._head_of_re = re.compile(r"(?:các\s+)?(?:" + "|".join(map(re.escape, HEAD_OF)) + r")\s+")
        self._of_body_re = re.compile(r"(?:" + "|".join(map(re.escape, OF_BODY)) + r")(?!\w)")
        self._units: dict[str, Mention] = {}  # units named with their parent somewhere in the document
        self._places = sorted(
            {tuple(j.proper_name.split()) for j in places.portfolio.jurisdictions if j.level is not Level.NATIONAL},
            key=len,
            reverse=True,
        )

    def _others_group(self, written: str, actor: Agency | Group) -> bool:
        """Whether ``written`` names a group of a parent jurisdiction that, worded as it is, is the plan's
        own: "các cơ quan, đơn vị liên quan" in a district's plan is the district's, not the province's
        group of that name ("các sở, ban, ngành tỉnh" stays the province's)."""
        if not isinstance(actor, Group) or actor.jurisdiction_id == self.home:
            return False
        jurisdiction = self.places.jurisdiction(actor.jurisdiction_id)
        if jurisdiction is None or jurisdiction.level is Level.NATIONAL:
            return False
        own = self._jurisdiction_for(expand(written), group=True)
        return own is not None and own.id == self.home

    # --- finding ------------------------------------------------------------------------------

    def find(self, text: str, masked: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """Every name in ``text`` outside the ``masked`` spans (legal references, quoted titles), in order."""
        canon = matching_copy(text)
        tokens = _tokens(canon)
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if any(s <= token.start < e for s, e in masked):
                i += 1
                continue
            found = self._at(canon, text, tokens, i, masked)
            if found is None:
                i += 1
                continue
            mention, next_index = found
            out.append(mention)
            i = next_index
        return self._qualify(canon, out)

    def learn(self, text: str) -> None:
        """Read the whole document once for units named with their parent in brackets ("Cục An toàn thông
        tin (Bộ Thông tin và Truyền thông)", "Sở X (Chi cục Kiểm lâm)"), so that the same unit written
        alone elsewhere is the same body."""
        self.find(text)

    def _qualify(self, canon: str, mentions: list[Mention]) -> list[Mention]:
        """A unit named with its parent in brackets is recorded with it; the parent in brackets after a
        unit of a ministry only says whose unit it is (``qualifier``)."""
        out = list(mentions)
        for i in range(len(out) - 1):
            first, second = out[i], out[i + 1]
            if canon[first.end : second.start].strip() != "(" or not canon[second.end :].lstrip().startswith(")"):
                continue
            if first.actor_id is None and not first.group and second.name.startswith("Bộ ") and _is_unit(first.text):
                out[i] = self._unit_of(first, second.name)
                out[i + 1] = replace(second, qualifier=True)
            elif second.actor_id is None and not second.group and _is_unit(second.text) and not first.group:
                parent = " ".join(expand(first.text).split())
                out[i + 1] = self._unit_of(second, parent)
        return [self._as_unit(m) if m.actor_id is None else m for m in out]

    def _as_unit(self, mention: Mention) -> Mention:
        """The unit a name stands for when the document names it with its parent elsewhere."""
        unit = self._units.get(name_key(expand(mention.text)))
        if unit is None:
            return mention
        return replace(unit, start=mention.start, end=mention.end, text=mention.text)

    def _unit_of(self, mention: Mention, parent: str) -> Mention:
        written = expand(mention.text)
        national = parent.startswith("Bộ ")
        jurisdiction = (
            next((j.id for j in self.places.portfolio.jurisdictions if j.level is Level.NATIONAL), None)
            if national
            else mention.jurisdiction
        )
        unit = replace(
            mention,
            name=qualified_name(written, parent),
            jurisdiction=jurisdiction,
            kind=kind_of(written, self.places.jurisdiction(jurisdiction or ""), self.places),
            spelling=None,
        )
        self._units[name_key(written)] = unit
        return unit

    def _at(
        self, canon: str, text: str, tokens: list[_Token], i: int, masked: Sequence[tuple[int, int]]
    ) -> tuple[Mention, int] | None:
        start = tokens[i].start
        limit = next((s for s, _ in sorted(masked) if s > start), len(canon))
        head_of = self._head_of_re.match(canon, start)
        candidates: list[tuple[int, Mention]] = []
        known = self._known_match(canon, start, limit)
        if known is not None:
            candidates.append((known.end, known))
        body_at = start
        if head_of is not None and head_of.end() < limit:
            body_at = head_of.end()
            inner = self._known_match(canon, body_at, limit) or self._grammar(canon, tokens, body_at, limit)
            if inner is not None and (known is None or inner.end > known.end):
                inner = replace(inner, start=start, text=text[start : inner.end])
                candidates.append((inner.end, inner))
        grammar = self._grammar(canon, tokens, start, limit)
        if grammar is not None:
            # a known name wins over a longer reading, unless the longer one goes on naming ("… Tỉnh ủy",
            # "… tỉnh Quảng Ngãi") rather than into the sentence
            extra = canon[known.end : grammar.end].strip(" ,") if known is not None else ""
            if known is None or grammar.end <= known.end or extra[:1].isupper() or extra.startswith(LOCALITY_WORDS):
                candidates.append((grammar.end, grammar))
        if not candidates:
            return None
        end, mention = max(candidates, key=lambda c: (c[0], c[1].actor_id is not None))
        mention = replace(mention, text=text[mention.start : mention.end])
        next_index = next((k for k, t in enumerate(tokens) if t.start >= end), len(tokens))
        return mention, next_index

    def _known_match(self, canon: str, start: int, limit: int) -> Mention | None:
        if self._known_re is None:
            return None
        match = self._known_re.match(canon, start)
        if match is None or match.end() > limit:
            return None
        written = match.group(0)
        key = name_key(written)
        actor = self._known.get(key)
        derived = self._derived.get(key) if actor is None else None
        target = actor or derived
        if target is None:
            return None
        if written[0].islower() and target.name[0].isupper() and not isinstance(target, Group):
            return None  # "thanh tra tỉnh …" as a verb is not "Thanh tra tỉnh"
        # a body named after this one ("Văn phòng Tỉnh ủy") is found by the grammar, which is longer
        return Mention(
            match.start(),
            match.end(),
            written,
            target.id,
            target.name,
            group=isinstance(target, Group),
            jurisdiction=target.jurisdiction_id,
            spelling=written if derived is not None else None,
        )

    # --- names the data lacks -------------------------------------------------------------------

    def _grammar(self, canon: str, tokens: list[_Token], start: int, limit: int) -> Mention | None:
        index = next((k for k, t in enumerate(tokens) if t.start == start), None)
        if index is None:
            return None
        group = self._group(canon, tokens, index, limit)
        if group is not None:
            return group
        head = self._head_re.match(canon, start)
        if head is None or head.end() > limit:
            return None
        head_words = len(head.group(0).split())
        following = tokens[index + head_words] if index + head_words < len(tokens) else None
        alone = head.group(0) in STANDALONE
        if head.group(0) == "Bộ trưởng":
            return self._minister(canon, tokens, index, limit)
        # the name goes on with a capital ("Sở Ngoại vụ", "Báo và Phát thanh"): "Báo cáo", "Bộ phận" are no names
        complement = (
            following is not None
            and following.sep == " "
            and following.end <= limit
            and (
                _is_capital(following.word)
                or following.word in LOCALITY_WORDS
                or following.word in ("thành", "thị")
                or (
                    following.word == "và"
                    and index + head_words + 1 < len(tokens)
                    and _is_capital(tokens[index + head_words + 1].word)
                )
            )
        )
        if not complement and not alone:
            return None
        end_index = self._extend(canon, tokens, index, head_words, limit)
        end = tokens[end_index].end
        written = canon[start:end]
        return self._describe(start, end, written, group=_is_group_name(written))

    def _minister(self, canon: str, tokens: list[_Token], index: int, limit: int) -> Mention:
        """ "Bộ trưởng", "Bộ trưởng Bộ Tư pháp": the person at the head of a ministry, as a body."""
        end = tokens[index + 1].end
        if self._known_re is not None and index + 2 < len(tokens) and tokens[index + 2].sep == " ":
            ministry = self._known_re.match(canon, tokens[index + 2].start)
            if ministry is not None and ministry.group(0).startswith("Bộ ") and ministry.end() <= limit:
                end = ministry.end()
        return self._describe(tokens[index].start, end, canon[tokens[index].start : end], group=False)

    def _extend(self, canon: str, tokens: list[_Token], index: int, head_words: int, limit: int) -> int:
        """The index of the last token of the name whose head starts at ``index``."""
        last = index + head_words - 1
        k = last + 1
        words_after_head = 0
        after_ve = False
        complete = False  # a place ended the name ("… tỉnh Quảng Ngãi"): nothing more belongs to it
        while k < len(tokens) and tokens[k].end <= limit and words_after_head < 16:
            token = tokens[k]
            sep = token.sep
            word = token.word
            pair = f"{word.lower()}_{tokens[k + 1].word}" if k + 1 < len(tokens) and tokens[k + 1].sep == " " else ""
            if sep.strip() not in ("", ",", "-") or "(" in sep or ")" in sep or "\n" in sep:
                break
            if complete and sep.strip() != "-":
                break
            if re.match(r"\d", word):
                break
            if sep.strip() == ",":
                # "Sở Văn hóa, Thể thao", "Cục Hộ tịch, quốc tịch": a comma inside the name, unless what
                # follows is another name, a group, a stop word or a word of another kind
                if self._starts_other_name(canon, token) or word in ("các", "và", "Các") or not words_after_head:
                    break
                if word[0].islower() and (word in STOP_WORDS or pair in _STOP_PAIRS):
                    break
                if _is_capital(word) and (not is_vietnamese_word(word) or pair.lower() in _STOP_PAIRS):
                    break
            elif sep.strip() == "-":
                pass  # "Lao động - Thương binh", "Phát thanh - Truyền hình"
            elif word == "và":
                nxt = tokens[k + 1] if k + 1 < len(tokens) else None
                if nxt is None or nxt.sep != " " or not _is_capital(nxt.word) or self._starts_other_name(canon, nxt):
                    break
            elif word == "các" or (word == "Các" and words_after_head):
                if not after_ve and not self._plural_places_at(tokens, k + 1):
                    break
            elif word == "về":
                after_ve = True
            elif _is_capital(word):
                if not is_vietnamese_word(word) and words_after_head:
                    break
                if pair in _STOP_PAIRS and words_after_head:
                    break  # "… huyện Xây dựng chuyên mục": a sentence that a wrapped line glued on
            elif not after_ve and (word in STOP_WORDS or pair in _STOP_PAIRS):
                break
            elif word in STOP_WORDS or pair in _STOP_PAIRS:
                after_ve = False  # "về xây dựng pháp luật": a verb after "về" names the field
            place = self._proper_place_at(tokens, k) if _is_capital(word) else None
            if place is not None:
                # "Báo Quảng Ngãi", "Viettel Nghệ An": the name of a place ends the name
                last = k = place
                words_after_head += 1
                complete = True
                k += 1
                continue
            # a unit word right before another is a word of the name: "Liên minh Hợp tác xã tỉnh"
            unit_after = k + 1 < len(tokens) and tokens[k + 1].word in LOCALITY_WORDS + ("thành", "thị")
            if (
                word in LOCALITY_WORDS and not unit_after
            ) or f"{word} {tokens[k + 1].word if k + 1 < len(tokens) else ''}" in (
                "thành phố",
                "thị xã",
                "thị trấn",
                "đặc khu",
                "khu vực",
            ):
                k = self._place_end(tokens, k, limit)
                last = k
                words_after_head += 1
                complete = True
                k += 1
                continue
            last = k
            words_after_head += 1
            k += 1
        # a name does not end in a function word or a dangling "và"
        while last > index + head_words - 1 and tokens[last].word in ("và", "các", "về", "của", "có"):
            last -= 1
        return last

    def _proper_place_at(self, tokens: list[_Token], k: int) -> int | None:
        """The last token of a jurisdiction's proper name ("Quảng Ngãi", "Cần Thơ") starting at ``k``."""
        for words in self._places:
            window = tokens[k : k + len(words)]
            if (
                len(window) == len(words)
                and tuple(t.word for t in window) == words
                and all(t.sep == " " for t in window[1:])
            ):
                return k + len(words) - 1
        return None

    def _place_end(self, tokens: list[_Token], k: int, limit: int) -> int:
        """The last token of a place ("tỉnh", "thành phố Cần Thơ", "huyện Mộ Đức", "khu vực Nam Bộ")."""
        if tokens[k].word in ("thành", "thị", "đặc", "khu") and k + 1 < len(tokens):
            k += 1
        taken = 0
        while (
            k + 1 < len(tokens)
            and tokens[k + 1].sep == " "
            and tokens[k + 1].end <= limit
            and _is_capital(tokens[k + 1].word)
            and taken < 4
        ):
            after = tokens[k + 2] if k + 2 < len(tokens) else None
            pair = f"{tokens[k + 1].word.lower()}_{after.word}" if after is not None and after.sep == " " else ""
            if pair in _STOP_PAIRS or tokens[k + 1].word.lower() in STOP_WORDS:
                break  # "… huyện Xây dựng …": the first word of a sentence, not the place's name
            k += 1
            taken += 1
        return k

    def _plural_places_at(self, tokens: list[_Token], k: int) -> bool:
        """Whether tokens from ``k`` are localities in the plural: "xã, thị trấn", "huyện, thành phố"."""
        return k < len(tokens) and tokens[k].word in ("xã", "phường", "thị", "huyện", "tỉnh", "quận", "thành")

    def _starts_other_name(self, canon: str, token: _Token) -> bool:
        """Whether a name starts at ``token``: a head word with a name after it, a head of body, a known name."""
        at = token.start
        head = self._head_re.match(canon, at)
        if head is not None and (
            head.group(0) in STANDALONE or re.match(r"\s+(?:và\s+)?[A-ZĐÀ-Ỹ]", canon[head.end() :])
        ):
            return True
        if self._head_of_re.match(canon, at):
            return True
        return self._known_re is not None and bool((m := self._known_re.match(canon, at)) and m.group(0)[:1].isupper())

    def _of_body_before(self, canon: str, tokens: list[_Token], index: int, head_words: int) -> bool:
        """Whether the name being read is a body of another ("Văn phòng Tỉnh ủy"): it may take a name in."""
        return bool(self._of_body_re.match(canon, tokens[index].start))

    def _group(self, canon: str, tokens: list[_Token], index: int, limit: int) -> Mention | None:
        """A group: "các sở, ban, ngành", "Ủy ban nhân dân các xã, phường", "các bộ, cơ quan ngang bộ, cơ
        quan thuộc Chính phủ", "ban thường vụ các tổ chức chính trị - xã hội tỉnh", "UBND quận, huyện"."""
        token = tokens[index]
        lead = _GROUP_LEAD.match(canon, token.start)
        k = index
        if lead:
            k = next((j for j, t in enumerate(tokens) if t.start >= lead.end()), len(tokens))
        plural = k < len(tokens) and tokens[k].word in ("các", "Các")
        if plural:
            k += 1
        elif not lead:
            return None
        nouns: list[str] = []
        last = k - 1
        while k < len(tokens) and tokens[k].end <= limit:
            matched = self._collective_at(tokens, k, capital=plural and not nouns)
            if matched is None or (not plural and matched[0] not in LOCALITY_WORDS):
                break
            noun, last = matched
            nouns.append(noun)
            last = self._qualifier(canon, tokens, last, limit)
            k = last + 1
            if k >= len(tokens) or tokens[k].end > limit:
                break
            sep = tokens[k].sep.strip()
            if sep == "," and self._collective_at(tokens, k) is not None:
                continue
            if sep == "" and tokens[k].word == "và" and self._collective_at(tokens, k + 1) is not None:
                k += 1
                continue
            if sep == "," and tokens[k].word == "và" and self._collective_at(tokens, k + 1) is not None:
                k += 1
                continue
            break
        if not nouns or (not plural and len(nouns) < 2):
            return None
        end = tokens[last].end
        written = canon[token.start : end]
        # "các tổ chức, cá nhân": organisations and people together are addressees, not a group of bodies
        people = re.match(r"\s*(?:,|và)\s*(?:các\s+)?cá nhân\b", canon[end:])
        place_only = bool(people) or (not lead and all(n in _PLACE_NOUNS for n in nouns))
        mention = self._describe(token.start, end, written, group=True)
        return replace(mention, place_only=place_only)

    def _qualifier(self, canon: str, tokens: list[_Token], last: int, limit: int) -> int:
        """The last token of the words that qualify a group's noun: "ngang bộ", "thuộc Chính phủ", "liên
        quan", "cấp tỉnh", "trực thuộc trung ương", "xây dựng Đảng Tỉnh ủy", "chính trị - xã hội tỉnh",
        "có thủ tục hành chính"."""
        at = tokens[last].end
        while True:
            found = _QUALIFIER.match(canon, at)
            if found is None or found.end() > limit or found.end() == at:
                break
            at = found.end()
        if at == tokens[last].end:
            return last
        return max(k for k, t in enumerate(tokens) if t.end <= at)

    def _collective_at(self, tokens: list[_Token], k: int, capital: bool = False) -> tuple[str, int] | None:
        """The collective noun starting at ``k`` and its last token index; with ``capital``, also a name
        in the plural ("các Sở Nông nghiệp và Môi trường")."""
        if k >= len(tokens):
            return None
        if (
            capital
            and tokens[k].word in ("Sở", "Bộ", "Ban")
            and k + 1 < len(tokens)
            and tokens[k + 1].sep == " "
            and _is_capital(tokens[k + 1].word)
        ):
            return tokens[k].word, self._extend_plural(tokens, k)
        for noun in _COLLECTIVES_BY_LENGTH:
            parts = noun.split()
            window = tokens[k : k + len(parts)]
            if (
                len(window) == len(parts)
                and [t.word for t in window] == parts
                and all(t.sep == " " for t in window[1:])
            ):
                return noun, k + len(parts) - 1
        return None

    def _extend_plural(self, tokens: list[_Token], k: int) -> int:
        last = k
        j = k + 1
        while j < len(tokens) and tokens[j].sep == " " and j - k < 8:
            word = tokens[j].word
            pair = f"{word}_{tokens[j + 1].word}" if j + 1 < len(tokens) else ""
            if word in STOP_WORDS or pair in _STOP_PAIRS or word == "các":
                break
            if word == "và" and j + 1 < len(tokens) and not _is_capital(tokens[j + 1].word):
                break
            last = j
            j += 1
        return last

    # --- describing a name ----------------------------------------------------------------------

    def _describe(self, start: int, end: int, written: str, *, group: bool) -> Mention:
        """A name the grammar found: linked when it is a known body under another spelling, else described
        for a proposal."""
        expanded = expand(written)
        actor = self._resolve(expanded) or self._resolve(written)
        if actor is not None:
            return Mention(
                start,
                end,
                written,
                actor.id,
                actor.name,
                group=isinstance(actor, Group),
                jurisdiction=actor.jurisdiction_id,
            )
        derived = self._derived.get(name_key(expanded))
        if derived is not None:
            return Mention(
                start, end, written, derived.id, derived.name, jurisdiction=derived.jurisdiction_id, spelling=expanded
            )
        jurisdiction = self._jurisdiction_for(expanded, group)
        name, doubt = self._recorded_name(expanded, jurisdiction, group)
        kind = None if group else kind_of(expanded, jurisdiction, self.places)
        # the form the text writes ("UBND các xã, phường", "Sở Ngoại vụ"), so that the text names the body
        shown = " ".join(canonical_tones(written).split())
        spelling = shown if name_key(name) != name_key(shown) else None
        if group:
            name = name[0].upper() + name[1:]
        return Mention(
            start, end, written, None, name, kind, group, jurisdiction.id if jurisdiction else None, spelling, doubt
        )

    def _resolve(self, written: str) -> Agency | Group | None:
        """The body ``written`` names in the plan's jurisdiction, unless it is another body's unit."""
        if not self.home:
            return None
        actor = self.places.names.resolve(written, self.home)
        if actor is None:
            return None
        if self._others_group(written, actor):
            return None
        parent = _parent_of(actor.name, self._parents)
        own = self.places.ministry.name if self.places.ministry is not None else None
        return actor if parent is None or parent == own or parent in written else None

    def describe_unknown(self, start: int, end: int, written: str) -> Mention:
        """A name written alone in a cell or a labelled value ("Viettel Nghệ An"), which no head word starts."""
        return self._describe(start, end, written, group=_is_group_name(written))

    def _jurisdiction_for(self, name: str, group: bool) -> Jurisdiction | None:
        places = self.places
        home = places.home_jurisdiction if places.home else None
        national = next((j for j in places.portfolio.jurisdictions if j.level is Level.NATIONAL), None)
        if home is None or home.level is Level.NATIONAL or _is_national(name):
            return national
        for jurisdiction in places.portfolio.jurisdictions:
            if jurisdiction.level is not Level.NATIONAL and re.search(
                rf"(?<!\w){re.escape(fold(jurisdiction.name))}$", fold(name)
            ):
                return jurisdiction
        # a district's plan: "Sở …", "Ban … tỉnh", "Ban Thường vụ Tỉnh ủy", "Tỉnh đoàn" are the province's
        if (
            home.level is not Level.PROVINCE
            and places.province is not None
            and (name.startswith("Sở ") or re.search(r"\btỉnh\b|\bTỉnh (?:ủy|đoàn)\b", name))
        ):
            return places.province
        return home

    def _recorded_name(self, name: str, jurisdiction: Jurisdiction | None, group: bool) -> tuple[str, str | None]:
        """The name to record: a ministry's unit with its ministry, a local body with its place."""
        places = self.places
        if jurisdiction is None:
            return name, None
        if jurisdiction.level is Level.NATIONAL:
            ministry = places.ministry
            head = next(
                (h for h in sorted(UNIT_HEADS, key=len, reverse=True) if name.startswith(h + " ") or name == h), None
            )
            internal = group and (name.endswith(" Bộ") or re.search(r"\b(?:đơn vị|vụ|cục)\b", name) is not None)
            if (
                ministry is not None
                and (head is not None or name.endswith(" Bộ") or internal)
                and ministry.name not in name
            ):
                if name == "Bộ trưởng":
                    return f"Bộ trưởng {ministry.name}", None
                return qualified_name(name, ministry.name), None
            return name, None
        issuer = places.ministry  # a sở's plan: "Văn phòng Sở", "các phòng, đơn vị thuộc Sở" are the sở's
        if issuer is not None and issuer.kind == "so" and name.endswith(" Sở") and issuer.name not in name:
            spoken = issuer.name.removesuffix(" " + jurisdiction.name)
            return qualified_name(name, spoken) + ("" if group else f" {jurisdiction.name}"), None
        if group:
            return name, None
        proper = jurisdiction.proper_name
        if proper and proper in name:
            return name, None
        words = name.split()
        if (words and words[-1] in ("tỉnh", "huyện", "xã", "phường", "quận")) or name.endswith(
            ("thành phố", "thị xã", "thị trấn")
        ):
            return f"{name} {proper}", None
        if name.endswith(("Tỉnh ủy", "Huyện ủy", "Thành ủy", "Tỉnh đoàn", "Huyện đoàn", "Thành đoàn")):
            return f"{name} {proper}", None
        return f"{name} {jurisdiction.name}", None


def _parents(places: Places) -> tuple[str, ...]:
    """The names of the bodies whose units are named after them: ministries and sở."""
    return tuple(sorted({a.name for a in places.portfolio.agencies if a.kind in ("bo", "so")}, key=len, reverse=True))


def _parent_of(name: str, parents: Sequence[str]) -> str | None:
    """The body a unit's recorded name says it belongs to: "Vụ Pháp chế (Bộ Tư pháp)", "Văn phòng Bộ Tư
    pháp" → "Bộ Tư pháp"; ``None`` for a body of its own."""
    for parent in parents:
        if name == parent:
            return None
        if name.endswith(f"({parent})"):
            return parent
        head, _, rest = parent.partition(" ")
        if rest and name.endswith(f" {head} {rest}") and name != parent:
            return parent
    return None


def _is_unit(name: str) -> bool:
    """A unit of a ministry or of a provincial body: a Vụ, Cục, Chi cục, Phòng, Trung tâm …"""
    return re.match(r"(?:Vụ|Cục|Tổng cục|Chi cục|Phòng|Trung tâm|Viện|Trạm|Đội|Ban)\s", name) is not None


def _is_group_name(name: str) -> bool:
    folded = fold(name)
    return bool(re.search(r"\bcac\b", folded)) or folded.endswith((" cap huyen", " cap xa", " cac cap"))


def _is_national(name: str) -> bool:
    """A name of the national level, wherever the plan is: a ministry, a central or regional body."""
    if re.match(r"Bộ (?!Chỉ huy|đội|phận)", name) and not re.search(r"\b(tỉnh|huyện|thành phố)\b", name):
        return True
    if re.search(r"\b(Trung ương|quốc gia|Chính phủ|Quốc hội|khu vực)\b", name):
        return not re.search(r"\b(tỉnh|huyện|thành phố|thị xã)$", name)
    return name.endswith("Việt Nam") and not re.search(r"\b(tỉnh|huyện|thành phố|thị xã)\b", name)


def kind_of(name: str, jurisdiction: Jurisdiction | None, places: Places) -> str:
    """The agency kind (vocabulary ``agency_kind``) of a name the data lacks; the editor confirms it."""
    national = jurisdiction is not None and jurisdiction.level is Level.NATIONAL
    if re.match(r"(Chủ tịch|Bộ trưởng|Lãnh đạo|Thủ tướng|Thường trực|Ban Thường vụ|Ban Chấp hành)\b", name):
        return "lanh-dao"
    if re.match(r"(Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Hội đồng nhân dân)\b", name):
        return "lanh-dao"
    if re.match(r"Ủy ban nhân dân (huyện|thị xã|quận)\b", name) or (
        re.match(r"Ủy ban nhân dân thành phố", name)
        and (jurisdiction is not None and jurisdiction.level is Level.DISTRICT)
    ):
        return "ubnd-cap-huyen"
    if re.match(r"Ủy ban nhân dân (xã|phường|thị trấn|đặc khu)\b", name):
        return "ubnd-cap-xa"
    if re.match(r"Ủy ban nhân dân\b", name):
        return "lanh-dao"
    if re.match(r"(Đảng đoàn|Ban cán sự đảng|Đảng ủy|Ủy ban Kiểm tra|Văn phòng (Tỉnh|Huyện|Thành) ủy)\b", name) or (
        re.match(r"Ban \S+", name) and re.search(r"\b(Tỉnh|Huyện|Thành) ủy\b", name)
    ):
        return "ban-dang"
    if re.match(
        r"(Ủy ban (Trung ương )?Mặt trận|Mặt trận|(Tỉnh|Huyện|Thành) đoàn|Trung ương Đoàn|Đoàn Thanh niên"
        r"|Hội Liên hiệp Phụ nữ|Hội Nông dân|Hội Cựu chiến binh|Liên đoàn Lao động)",
        name,
    ):
        return "doan-the"
    if re.match(r"(Hội|Hiệp hội|Liên hiệp|Liên minh|Phòng Thương mại)\b", name):
        return "to-chuc-hoi"
    if re.match(r"(Báo|Tạp chí|Thông tấn xã|Cổng [Tt]hông tin|Đài (Phát thanh|Truyền hình|Tiếng nói))", name):
        return "bao-chi"
    if re.match(r"(Công an|Bộ Chỉ huy|Bộ đội|Phòng Cảnh sát|Quân khu|Bộ Tư lệnh)\b", name):
        return "luc-luong-vu-trang"
    if re.match(r"Bộ\s", name) or re.match(r"(Ngân hàng Nhà nước|Văn phòng Chính phủ|Thanh tra Chính phủ)", name):
        return "bo"
    if national and re.match(r"(Quốc hội|Chính phủ|Bộ Chính trị|Ban Bí thư|Ủy ban Thường vụ)", name):
        return "trung-uong"
    if national and re.match(r"(Vụ|Cục|Tổng cục|Viện|Học viện|Văn phòng|Thanh tra|Trung tâm|Trường|Đài)\b", name):
        return "don-vi-thuoc-bo"
    if not national and re.match(r"(Sở|Văn phòng|Thanh tra|Ban Quản lý|Ban Dân tộc|Phòng)\b", name):
        return "so"
    return "khac"


def _derived_forms(places: Places) -> dict[str, Agency]:
    """Names of the home jurisdiction's bodies with the place said by its unit word: "Ủy ban nhân dân
    thành phố Cần Thơ" → "Ủy ban nhân dân thành phố", "Công an thành phố"; "Tỉnh đoàn Quảng Ngãi" →
    "Tỉnh đoàn"."""
    if not places.home:
        return {}
    home = places.jurisdiction(places.home)
    if home is None or home.level is Level.NATIONAL or not home.unit:
        return {}
    out: dict[str, Agency] = {}
    for agency in places.portfolio.agencies:
        if agency.jurisdiction_id != home.id:
            continue
        for source in (agency.name, *agency.short_names):
            if source.endswith(" " + home.name):
                form = source[: -len(home.name)] + home.unit
            elif home.proper_name and source.endswith(" " + home.proper_name):
                form = source[: -len(home.proper_name) - 1]
            else:
                continue
            out.setdefault(canonical_tones(form), agency)
            if home.unit == "thành phố":  # a city's Party committee and Youth Union: "Thành ủy", "Thành đoàn"
                city = form.replace("Tỉnh ủy", "Thành ủy").replace("Tỉnh đoàn", "Thành đoàn")
                out.setdefault(canonical_tones(city), agency)
    return out

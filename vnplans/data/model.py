"""Typed, frozen records of the portfolio: plans, clauses, agencies, groups and legal documents.

The records are built only from data that passed the schema stage, and hold ids as validated strings.
:class:`Portfolio` resolves ids after the cross-reference stage has checked them, so lookups here
cannot fail on valid data.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from .diagnostics import Loc


class Role(enum.Enum):
    """What a clause asks of an agency. Order is the order of display."""

    LEAD = "chu-tri"
    PERFORM = "thuc-hien"
    COORDINATE = "phoi-hop"
    ADVISED = "duoc-tham-muu"
    REPORTED_TO = "nhan-bao-cao"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self][0]

    @property
    def abbrev(self) -> str:
        return ROLE_LABELS[self][1]

    @property
    def description(self) -> str:
        return ROLE_LABELS[self][2]


ROLE_LABELS: dict[Role, tuple[str, str, str]] = {
    Role.LEAD: ("Chủ trì", "CT", "cơ quan chủ trì thực hiện"),
    Role.COORDINATE: ("Phối hợp", "PH", "cơ quan phối hợp"),
    Role.PERFORM: ("Thực hiện", "TH", "cơ quan thực hiện (chủ thể của nhiệm vụ, văn bản không dùng từ chủ trì)"),
    Role.ADVISED: ("Được tham mưu", "TM", "nơi nhận tham mưu, đề xuất"),
    Role.REPORTED_TO: ("Nhận báo cáo", "BC", "nơi nhận báo cáo"),
}

#: Roles that are duties of the agency, as opposed to being the recipient of advice or reports.
DUTY_ROLES = (Role.LEAD, Role.PERFORM, Role.COORDINATE)

DOC_TYPE_LABELS = {
    "chi-thi": "Chỉ thị",
    "ket-luan": "Kết luận",
    "ke-hoach": "Kế hoạch",
    "nghi-quyet": "Nghị quyết",
    "chuong-trinh-hanh-dong": "Chương trình hành động",
    "chuong-trinh": "Chương trình",
    "dieu-le": "Điều lệ",
    "luat": "Luật",
    "nghi-dinh": "Nghị định",
    "quyet-dinh": "Quyết định",
    "thong-tu": "Thông tư",
    "cong-van": "Công văn",
    "thong-bao": "Thông báo",
    "de-an": "Đề án",
    "quy-che": "Quy chế",
    "huong-dan": "Hướng dẫn",
}

AGENCY_KIND_LABELS = {
    "lanh-dao": "Cơ quan lãnh đạo tỉnh",
    "so": "Sở, cơ quan chuyên môn",
    "ban-dang": "Ban của Tỉnh ủy",
    "doan-the": "Mặt trận Tổ quốc và đoàn thể",
    "to-chuc-hoi": "Tổ chức hội",
    "bao-chi": "Cơ quan báo chí",
    "ubnd-cap-huyen": "UBND cấp huyện",
    "trung-uong": "Cơ quan trung ương",
    "khac": "Cơ quan, tổ chức khác",
}


class Verification(enum.Enum):
    VERIFIED = "da-xac-minh"
    TEXT_ONLY = "chi-theo-van-ban"
    UNVERIFIED = "chua-xac-minh"

    @property
    def label(self) -> str:
        return {
            Verification.VERIFIED: "Đã xác minh với nguồn công khai",
            Verification.TEXT_ONLY: "Chỉ biết qua văn bản trích dẫn",
            Verification.UNVERIFIED: "Chưa xác minh",
        }[self]


class RelationType(enum.Enum):
    IMPLEMENTS = "thuc-hien"
    CONTINUES = "tiep-tuc"
    CITES = "trich-dan"
    APPROVES = "phe-chuan"

    @property
    def forward(self) -> str:
        """How the source relates to the target, read from the source's page."""
        return {
            RelationType.IMPLEMENTS: "Thực hiện",
            RelationType.CONTINUES: "Tiếp tục thực hiện",
            RelationType.CITES: "Trích dẫn",
            RelationType.APPROVES: "Phê chuẩn",
        }[self]

    @property
    def backward(self) -> str:
        """How the target is related to the source, read from the target's page."""
        return {
            RelationType.IMPLEMENTS: "Được thực hiện bởi",
            RelationType.CONTINUES: "Được tiếp tục bởi",
            RelationType.CITES: "Được trích dẫn bởi",
            RelationType.APPROVES: "Được phê chuẩn bởi",
        }[self]


@dataclass(frozen=True)
class Unknown:
    """A value the sources do not give. ``reason`` is shown to readers; nothing is invented."""

    reason: str
    not_before: dt.date | None = None


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    kind: str
    short_names: tuple[str, ...]
    spellings: tuple[str, ...]
    note: str | None
    loc: Loc
    #: where each name, short name and spelling is written, for messages about one of them
    text_locs: tuple[tuple[str, Loc], ...] = ()

    @property
    def kind_label(self) -> str:
        return AGENCY_KIND_LABELS[self.kind]

    @property
    def is_group(self) -> bool:
        return False


@dataclass(frozen=True)
class Group:
    """A collective actor ("Các sở, ngành, địa phương"). Membership is an editorial reading."""

    id: str
    name: str
    spellings: tuple[str, ...]
    members: tuple[str, ...]  # resolved agency ids, in data order
    note: str
    loc: Loc
    text_locs: tuple[tuple[str, Loc], ...] = ()

    @property
    def is_group(self) -> bool:
        return True


Actor = Agency | Group


@dataclass(frozen=True)
class RoleAssignment:
    role: Role
    actor_id: str
    editorial: bool
    note: str | None
    loc: Loc


@dataclass(frozen=True)
class BasisRef:
    document_id: str
    editorial: bool
    note: str | None
    loc: Loc


@dataclass(frozen=True)
class Deadline:
    text: str
    normalized: str | None  # YYYY-MM-DD, YYYY-Qn, YYYY, thuong-xuyen, dinh-ky, hang-nam
    loc: Loc

    @property
    def label(self) -> str:
        """A reader-friendly rendering of the normalised form."""
        value = self.normalized
        if value is None:
            return self.text
        named = {"thuong-xuyen": "Thường xuyên", "dinh-ky": "Định kỳ", "hang-nam": "Hằng năm"}
        if value in named:
            return named[value]
        if "-Q" in value:
            year, quarter = value.split("-Q")
            return f"Quý {('I', 'II', 'III', 'IV')[int(quarter) - 1]}/{year}"
        if len(value) == 4:
            return f"Năm {value}"
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Clause:
    """A numbered item of the plan, or the plan's closing paragraph.

    ``ref`` is the citation form used across the site ("II.2.4"), ``anchor`` its stable HTML id.
    """

    ref: str
    number: str
    label: str  # the number as printed: "II.", "2.4.", "a)", "-"
    title: str | None
    text: str | None
    roles: tuple[RoleAssignment, ...]
    basis: tuple[BasisRef, ...]
    deadline: Deadline | None
    note: str | None
    check: str | None
    children: tuple[Clause, ...]
    depth: int
    loc: Loc
    anchor: str

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()

    def actors(self, role: Role) -> tuple[RoleAssignment, ...]:
        return tuple(r for r in self.roles if r.role is role)


def clause_anchor(ref: str) -> str:
    """``II.2.4`` → ``muc-ii-2-4``; ``II.2.4.đ`` → ``muc-ii-2-4-dd``. ASCII, stable, shareable."""
    out = ref.lower().replace("đ", "dd").replace(".", "-").replace("+", "cong")
    return f"muc-{out}"


@dataclass(frozen=True)
class Signer:
    name: str
    authority: str | None
    position: str | None


@dataclass(frozen=True)
class Article:
    """One article (Điều) of the Quyết định that issues a plan: ``number`` as printed ("1"), its text."""

    number: str
    text: str

    @property
    def anchor(self) -> str:
        """``dieu-1``: stable and shareable, like clause anchors."""
        return f"dieu-{self.number}"


@dataclass(frozen=True)
class Decision:
    """The Quyết định a plan is issued with ("Ban hành kèm theo Quyết định này Kế hoạch …").

    Its words are official text: they are published before the plan's own text, never as a note.
    ``document_id`` names the Quyết định in data/documents.yaml.
    """

    document_id: str
    document_loc: Loc
    authority: str | None
    title: str | None
    preamble: str | None
    articles: tuple[Article, ...]
    signer: Signer | None


@dataclass(frozen=True)
class Appendix:
    """A Phụ lục after the signature: its title, its caption ("(Kèm theo Kế hoạch số …)") and its rows.

    Rows are clauses like those of the sections (roles, deadline, basis). Their refs are
    ``PL<n>.<number>`` (``PL1.2``, ``PL1.I.2`` under a group row), anchors ``muc-pl1-2``.
    """

    index: int  # 1-based, as the ref prints it
    title: str
    caption: str | None
    items: tuple[Clause, ...]

    @property
    def ref(self) -> str:
        return appendix_ref(self.index)

    @property
    def anchor(self) -> str:
        return clause_anchor(self.ref)


def appendix_ref(index: int) -> str:
    """The citation prefix of the ``index``-th appendix (1-based): ``PL1``."""
    return f"PL{index}"


@dataclass(frozen=True)
class Recipient:
    text: str
    agency_ids: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True)
class Plan:
    id: str
    type: str
    number: str | Unknown
    date: dt.date | Unknown
    issuer_id: str
    issuer_loc: Loc
    issuer_editorial: bool
    issuer_note: str | None
    title: str
    implements: tuple[BasisRef, ...]
    opening: Clause | None
    sections: tuple[Clause, ...]
    closing: Clause | None
    recipients: tuple[Recipient, ...]
    signer: Signer
    source_url: str | None
    source_file: str | None
    source_note: str | None
    note: str | None
    file: str  # data file, relative to the repository root
    loc: Loc
    decision: Decision | None = None
    appendices: tuple[Appendix, ...] = ()

    @property
    def type_label(self) -> str:
        return DOC_TYPE_LABELS[self.type]

    def top_clauses(self) -> Iterator[Clause]:
        """The top-level clauses in document order: the opening, the sections, the closing, then the rows
        of each appendix (a Phụ lục follows the signature in the official document)."""
        if self.opening is not None:
            yield self.opening
        yield from self.sections
        if self.closing is not None:
            yield self.closing
        for appendix in self.appendices:
            yield from appendix.items

    def clauses(self) -> Iterator[Clause]:
        """Every clause in document order (see :meth:`top_clauses`), appendix rows included."""
        for clause in self.top_clauses():
            yield from clause.walk()

    @property
    def clause_count(self) -> int:
        """The numbered clauses (mục) of the plan and of its appendices, dash bullets included.

        The opening and closing paragraphs are not numbered in the text and are not counted. This is
        the one count the validator and the site show.
        """
        return sum(1 for clause in self.clauses() if clause.number)


@dataclass(frozen=True)
class Relation:
    type: RelationType
    source_id: str  # a document id or a plan id
    target_id: str
    editorial: bool
    note: str | None
    loc: Loc


@dataclass(frozen=True)
class Document:
    id: str
    type: str
    number: str | Unknown
    date: dt.date | Unknown
    issuer: str
    title: str | Unknown
    signer: str | Unknown | None
    source_url: str | None
    verification: Verification
    verification_note: str | None
    relations: tuple[Relation, ...]
    note: str | None
    loc: Loc
    number_loc: Loc | None = None

    @property
    def type_label(self) -> str:
        return DOC_TYPE_LABELS[self.type]

    @property
    def citation(self) -> str:
        """``Chỉ thị số 42-CT/TW ngày 16/4/2010`` — as Vietnamese documents cite each other."""
        out = self.type_label
        if isinstance(self.number, str):
            out += f" số {self.number}"
        if isinstance(self.date, dt.date):
            out += f" ngày {format_date(self.date)}"
        return out

    @property
    def short_citation(self) -> str:
        if isinstance(self.number, str):
            return f"{self.type_label} {self.number}"
        return self.type_label


def format_date(value: dt.date) -> str:
    """Dates as official portals show them: ``16/04/2010``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


@dataclass(frozen=True)
class Portfolio:
    """All plans of a province with the agencies and documents they refer to."""

    plans: tuple[Plan, ...]
    agencies: tuple[Agency, ...]
    groups: tuple[Group, ...]
    documents: tuple[Document, ...]
    _agency_index: dict[str, Agency] = field(default_factory=dict, repr=False, compare=False)
    _group_index: dict[str, Group] = field(default_factory=dict, repr=False, compare=False)
    _document_index: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)
    _plan_index: dict[str, Plan] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._agency_index.update((a.id, a) for a in self.agencies)
        self._group_index.update((g.id, g) for g in self.groups)
        self._document_index.update((d.id, d) for d in self.documents)
        self._plan_index.update((p.id, p) for p in self.plans)

    def agency(self, agency_id: str) -> Agency:
        return self._agency_index[agency_id]

    def group(self, group_id: str) -> Group:
        return self._group_index[group_id]

    def actor(self, actor_id: str) -> Actor:
        return self._agency_index.get(actor_id) or self._group_index[actor_id]

    def document(self, document_id: str) -> Document:
        return self._document_index[document_id]

    def plan(self, plan_id: str) -> Plan:
        return self._plan_index[plan_id]

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Agencies, then groups: everything a role can name."""
        return (*self.agencies, *self.groups)

    @property
    def group_ids(self) -> frozenset[str]:
        return frozenset(self._group_index)

    def groups_of(self, agency_id: str) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if agency_id in g.members)

    def relations(self) -> Iterator[Relation]:
        """Every typed relation, from documents and from plans (a plan implements documents)."""
        for document in self.documents:
            yield from document.relations
        for plan in self.plans:
            for ref in plan.implements:
                yield Relation(RelationType.IMPLEMENTS, plan.id, ref.document_id, ref.editorial, ref.note, ref.loc)

"""Typed, frozen records of the portfolio: plans, clauses, agencies, groups and legal documents.

The records are built only from data that passed the schema stage, and hold ids as validated strings.
:class:`Portfolio` resolves ids after the cross-reference stage has checked them, so lookups here
cannot fail on valid data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .diagnostics import Loc
from .vocab import (
    DUTY_ROLES,
    AgencyKind,
    Certainty,
    ChangeKind,
    DocType,
    LegalStatus,
    Level,
    RelationType,
    Role,
    Verification,
    labels,
)

__all__ = [
    "AGENCY_KIND_LABELS",
    "DOC_TYPE_LABELS",
    "DUTY_ROLES",
    "AgencyKind",
    "Certainty",
    "ChangeKind",
    "DocType",
    "LegalStatus",
    "Level",
    "RelationType",
    "Role",
    "Verification",
]


#: Labels by id, for tables keyed by the ids written in the data files.
DOC_TYPE_LABELS = labels(DocType)
AGENCY_KIND_LABELS = labels(AgencyKind)


@dataclass(frozen=True)
class Unknown:
    """A value the sources do not give. ``reason`` is shown to readers; nothing is invented."""

    reason: str
    not_before: dt.date | None = None


DateOrUnknown = dt.date | Unknown


def earliest(value: DateOrUnknown | None) -> dt.date | None:
    """The earliest day a date may be: the date itself, or an unknown date's ``not_before``."""
    if isinstance(value, dt.date):
        return value
    return value.not_before if value is not None else None


@dataclass(frozen=True)
class Period:
    """When a jurisdiction or an agency existed. ``None`` is open: from before, or still active."""

    start: DateOrUnknown | None = None
    end: DateOrUnknown | None = None

    def contains(self, day: dt.date) -> bool:
        """Whether it existed on ``day``, reading an unknown bound as its ``not_before`` (or open)."""
        start = earliest(self.start)
        if start is not None and day < start:
            return False
        if isinstance(self.end, dt.date):
            return day <= self.end
        if isinstance(self.end, Unknown) and self.end.not_before is not None:
            return day <= self.end.not_before
        return True

    def ended_by(self, day: dt.date) -> bool:
        """Whether it no longer existed on ``day``. An end at an unknown date counts once it may have come."""
        if self.end is None:
            return False
        if isinstance(self.end, dt.date):
            return self.end < day
        return self.end.not_before is None or self.end.not_before <= day

    def within(self, outer: Period) -> Period:
        """This period, cut to the bounds of ``outer`` where this one is open."""
        return Period(
            self.start if self.start is not None else outer.start, self.end if self.end is not None else outer.end
        )


@dataclass(frozen=True)
class DocumentRef:
    """A legal basis of a reorganisation: a document id and, when known, the article."""

    document_id: str
    article: str | None
    loc: Loc


@dataclass(frozen=True)
class BodySetUse:
    """A set of standard bodies that a jurisdiction has, and for how long."""

    set_id: str
    period: Period
    loc: Loc


@dataclass(frozen=True)
class Jurisdiction:
    """Where agencies live: the national level, a province, a district (until 30/06/2025)."""

    id: str
    name: str  # "tỉnh Bình Thuận"
    proper_name: str  # "Bình Thuận"
    unit: str  # "tỉnh"
    level: Level
    parent_id: str | None
    period: Period
    body_sets: tuple[BodySetUse, ...]
    note: str | None
    loc: Loc

    @property
    def title(self) -> str:
        """The name as a heading: "Tỉnh Bình Thuận", "Trung ương"."""
        return self.name[:1].upper() + self.name[1:]


@dataclass(frozen=True)
class JurisdictionChange:
    """A dated change of the administrative map: provinces merged, districts abolished."""

    kind: ChangeKind
    from_ids: tuple[str, ...]
    to_ids: tuple[str, ...]
    date: DateOrUnknown
    basis: tuple[DocumentRef, ...]
    certainty: Certainty
    note: str | None
    loc: Loc


@dataclass(frozen=True)
class Function:
    """A function of the state (giảm nghèo, giáo dục nghề nghiệp) that a split hands to one successor."""

    id: str
    name: str
    loc: Loc


@dataclass(frozen=True)
class Successor:
    """One agency that receives the duties of a reorganised one; with the functions it receives, if split."""

    agency_id: str
    functions: tuple[str, ...]
    certainty: Certainty
    basis: tuple[DocumentRef, ...]
    note: str | None
    loc: Loc


@dataclass(frozen=True)
class SuccessionEvent:
    """A dated change of agencies: ``from_ids`` stop, ``successors`` carry their duties on.

    ``generated`` events come from a standard transition or a province merger (data/standard-bodies.yaml,
    data/jurisdictions.yaml), not from a line of data/succession.yaml; their certainty says so.
    """

    kind: ChangeKind
    from_ids: tuple[str, ...]
    successors: tuple[Successor, ...]
    date: DateOrUnknown
    basis: tuple[DocumentRef, ...]
    certainty: Certainty
    note: str | None
    loc: Loc
    generated: bool = False

    @property
    def routes_by_function(self) -> bool:
        """True when successors name the functions they receive, so a duty can be routed by its function."""
        return any(s.functions for s in self.successors)

    @property
    def has_candidates(self) -> bool:
        """True when several successors share the duties without saying which: each is only a candidate."""
        return len(self.successors) > 1 and not self.routes_by_function


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
    jurisdiction_id: str = ""
    period: Period = Period()
    #: the key of the standard body this agency is (data/standard-bodies.yaml), if it is one
    standard_key: str | None = None
    #: True when the agency comes from a standard set only, with no entry in data/agencies.yaml
    generated: bool = False

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
    jurisdiction_id: str = ""

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
    #: the functions this duty concerns (an editorial reading), to route it through a split
    functions: tuple[str, ...] = ()


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
class Footnote:
    """A note printed at the foot of the page, tied to a clause by its marker ("¹", "[1]")."""

    marker: str
    text: str
    loc: Loc


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
    #: why the official number breaks the order of its list (a NumberingMark id), when it does
    numbering: str | None = None
    footnotes: tuple[Footnote, ...] = ()

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()

    def actors(self, role: Role) -> tuple[RoleAssignment, ...]:
        return tuple(r for r in self.roles if r.role is role)


def clause_anchor(ref: str) -> str:
    """``II.2.4`` → ``muc-ii-2-4``; ``II.2.4.đ`` → ``muc-ii-2-4-dd``; a number the text repeats, ``II.3~2``
    (its second use) → ``muc-ii-3-lan-2``. ASCII, stable, shareable."""
    out = ref.lower().replace("đ", "dd").replace(".", "-").replace("+", "cong").replace("~", "-lan-")
    return f"muc-{out}"


#: Between a clause's ref and the count of a number the official text repeats: ``II.3~2``.
REPEAT_MARK = "~"


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


#: The line between a wrapper's preamble and its articles, by its document type.
ENACTING_LINES = {"quyet-dinh": "QUYẾT ĐỊNH:", "nghi-quyet": "QUYẾT NGHỊ:", "chi-thi": "CHỈ THỊ:"}


@dataclass(frozen=True)
class Decision:
    """The document a plan is issued with or sent with: a Quyết định or Nghị quyết ("Ban hành kèm theo
    Quyết định này Kế hoạch …"), or a Công văn the plan is attached to.

    Its words are official text: they are published before the plan's own text, never as a note.
    ``document_id`` names it in data/documents.yaml. A Công văn has no articles: its "Kính gửi" lines
    (``to``) and its body (``text``) instead.
    """

    document_id: str
    document_loc: Loc
    authority: str | None
    title: str | None
    preamble: str | None
    articles: tuple[Article, ...]
    signer: Signer | None
    type: str = "quyet-dinh"
    to: tuple[str, ...] = ()
    text: str | None = None

    @property
    def heading(self) -> str | None:
        """The type line as printed: ``QUYẾT ĐỊNH``, ``NGHỊ QUYẾT``; none for a Công văn (its "V/v" title)."""
        return None if self.type == DocType.CONG_VAN.value else DOC_TYPE_LABELS[self.type].upper()

    @property
    def enacting(self) -> str | None:
        """The line before the articles: ``QUYẾT ĐỊNH:``, ``QUYẾT NGHỊ:``."""
        return ENACTING_LINES.get(self.type)


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
    #: the type line as printed when it says more than the type ("KẾ HOẠCH TRIỂN KHAI")
    type_line: str | None = None

    @property
    def type_label(self) -> str:
        return DOC_TYPE_LABELS[self.type]

    @property
    def type_heading(self) -> str:
        """The plan's type line as printed: ``type_line``, else the type's name in capitals."""
        return self.type_line or self.type_label.upper()

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
    #: ngày có hiệu lực; None when the data does not say (shown as unknown, never guessed)
    effective_date: dt.date | Unknown | None = None
    #: tình trạng hiệu lực as of the data's date; None when the data does not say
    status: LegalStatus | None = None
    #: lĩnh vực, as legal portals file the document; empty when the data does not say
    fields: tuple[str, ...] = ()

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
    """All plans with the agencies, jurisdictions, documents and reorganisations they refer to.

    Indexes are derived on first use and cached on the instance (``cached_property``), never passed
    in: ``dataclasses.replace`` makes a new portfolio with indexes of its own.
    """

    plans: tuple[Plan, ...]
    agencies: tuple[Agency, ...]
    groups: tuple[Group, ...]
    documents: tuple[Document, ...]
    jurisdictions: tuple[Jurisdiction, ...] = ()
    changes: tuple[JurisdictionChange, ...] = ()
    events: tuple[SuccessionEvent, ...] = ()
    functions: tuple[Function, ...] = ()
    #: the day the site calls "today": the reorganisation is recorded up to this date (a fact of the data)
    as_of: dt.date = dt.date(1970, 1, 1)

    @cached_property
    def _agency_index(self) -> dict[str, Agency]:
        return {a.id: a for a in self.agencies}

    @cached_property
    def _group_index(self) -> dict[str, Group]:
        return {g.id: g for g in self.groups}

    @cached_property
    def _document_index(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def _plan_index(self) -> dict[str, Plan]:
        return {p.id: p for p in self.plans}

    @cached_property
    def _jurisdiction_index(self) -> dict[str, Jurisdiction]:
        return {j.id: j for j in self.jurisdictions}

    @cached_property
    def _function_index(self) -> dict[str, Function]:
        return {f.id: f for f in self.functions}

    @cached_property
    def _events_from(self) -> dict[str, tuple[SuccessionEvent, ...]]:
        out: dict[str, list[SuccessionEvent]] = {}
        for event in self.events:
            for agency_id in event.from_ids:
                out.setdefault(agency_id, []).append(event)
        return {k: tuple(sorted(v, key=_event_order)) for k, v in out.items()}

    @cached_property
    def _events_to(self) -> dict[str, tuple[SuccessionEvent, ...]]:
        out: dict[str, list[SuccessionEvent]] = {}
        for event in self.events:
            for successor in event.successors:
                out.setdefault(successor.agency_id, []).append(event)
        return {k: tuple(dict.fromkeys(sorted(v, key=_event_order))) for k, v in out.items()}

    @cached_property
    def _groups_of(self) -> dict[str, tuple[Group, ...]]:
        out: dict[str, list[Group]] = {}
        for group in self.groups:
            for member in group.members:
                out.setdefault(member, []).append(group)
        return {k: tuple(v) for k, v in out.items()}

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

    def jurisdiction(self, jurisdiction_id: str) -> Jurisdiction:
        return self._jurisdiction_index[jurisdiction_id]

    def function(self, function_id: str) -> Function:
        return self._function_index[function_id]

    def has_agency(self, agency_id: str) -> bool:
        return agency_id in self._agency_index

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Agencies, then groups: everything a role can name."""
        return (*self.agencies, *self.groups)

    @property
    def group_ids(self) -> frozenset[str]:
        return frozenset(self._group_index)

    def groups_of(self, agency_id: str) -> tuple[Group, ...]:
        return self._groups_of.get(agency_id, ())

    def events_from(self, agency_id: str) -> tuple[SuccessionEvent, ...]:
        """The events that ended ``agency_id``'s work (usually one), by date."""
        return self._events_from.get(agency_id, ())

    def events_to(self, agency_id: str) -> tuple[SuccessionEvent, ...]:
        """The events in which ``agency_id`` received duties, by date."""
        return self._events_to.get(agency_id, ())

    def home_jurisdiction(self, plan: Plan) -> Jurisdiction:
        """Where a plan's names resolve: the jurisdiction of its issuer."""
        return self.jurisdiction(self.agency(plan.issuer_id).jurisdiction_id)

    def jurisdiction_chain(self, jurisdiction_id: str) -> tuple[Jurisdiction, ...]:
        """A jurisdiction, its parents, then the national level: where a plan's names are looked up."""
        chain: list[Jurisdiction] = []
        current: str | None = jurisdiction_id
        while current is not None and current in self._jurisdiction_index and len(chain) < 10:
            chain.append(self.jurisdiction(current))
            current = chain[-1].parent_id
        national = [j for j in self.jurisdictions if j.level is Level.NATIONAL and j not in chain]
        return (*chain, *national)

    def relations(self) -> Iterator[Relation]:
        """Every typed relation, from documents and from plans (a plan implements documents)."""
        for document in self.documents:
            yield from document.relations
        for plan in self.plans:
            for ref in plan.implements:
                yield Relation(RelationType.IMPLEMENTS, plan.id, ref.document_id, ref.editorial, ref.note, ref.loc)


def _event_order(event: SuccessionEvent) -> tuple[dt.date, str]:
    return earliest(event.date) or dt.date.min, str(event.loc)

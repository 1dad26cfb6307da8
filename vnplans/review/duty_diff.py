"""The duty diff: what a change to the data does to who must do what, for a pull-request comment.

:func:`diff_portfolios` compares two validated portfolios and returns a :class:`DutyDiff` of typed
records: per agency or group, the duties gained, lost or changed in role (with clause, role and plan);
duties an agency gains or loses because a group's membership changed; clause texts compared word by
word; clauses, plans, legal documents and agencies added, removed or changed. :func:`render_markdown`
turns it into Vietnamese Markdown through ``templates/diff.md.j2``.

:func:`main` (``scripts/diff REV1 [REV2]``) loads ``data/`` at two git revisions with the one loader,
:func:`vnplans.data.load.load_portfolio`, so the comment and ``scripts/validate`` never disagree.

Clauses are matched by plan id and reference ("II.2.4"): renumbering a list shows as text changes of
the renumbered clauses, as it would to a reader comparing the two published versions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import enum
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from ..data.load import LoadResult, load_portfolio
from ..data.model import (
    AGENCY_KIND_LABELS,
    DOC_TYPE_LABELS,
    Agency,
    BasisRef,
    Clause,
    Document,
    Group,
    Plan,
    Portfolio,
    Recipient,
    Relation,
    Role,
    Signer,
    Unknown,
    format_date,
)
from ..site import routes
from ..site.duties import all_duties
from ..site.render import plan_label

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "diff.md.j2"

#: Said when no agency's duties change (the whole comment when nothing else changes either).
NO_DUTY_CHANGES = "Không có thay đổi về nhiệm vụ."
#: Words of unchanged text kept on each side of a change in a word diff.
CONTEXT_WORDS = 6
#: Values longer than this are shown as a word diff rather than "old → new".
SHORT_VALUE = 60
#: Words of a clause quoted when it is added or removed.
EXCERPT_WORDS = 25


# -- records ---------------------------------------------------------------------------------------


class Status(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class DutyChangeKind(enum.Enum):
    GAINED = "gained"
    ROLE_CHANGED = "role-changed"
    LOST = "lost"


class Cause(enum.Enum):
    """Why a duty changed."""

    CLAUSE = "clause"  # the clause's roles changed, or the clause or plan was added or removed
    MEMBERSHIP = "membership"  # the agency joined or left a group the clause names


@dataclass(frozen=True)
class ActorRef:
    """An agency or group as the diff names it. ``url`` is the site page, relative to the site root."""

    id: str
    name: str
    is_group: bool
    url: str

    @classmethod
    def of(cls, actor: Agency | Group) -> ActorRef:
        return cls(actor.id, actor.name, actor.is_group, routes.agency_url(actor))


@dataclass(frozen=True)
class PlanRef:
    id: str
    url: str

    @classmethod
    def of(cls, plan: Plan) -> PlanRef:
        return cls(plan.id, routes.plan_url(plan))


@dataclass(frozen=True)
class ClauseRef:
    """A clause of a plan: ``ref`` is the citation form ("II.2.4", or "Mở đầu" for the opening)."""

    plan: PlanRef
    ref: str
    numbered: bool
    url: str

    @classmethod
    def of(cls, plan: Plan, clause: Clause) -> ClauseRef:
        return cls(PlanRef.of(plan), clause.ref, bool(clause.number), routes.clause_url(plan, clause))

    @property
    def label(self) -> str:
        return f"mục {self.ref}" if self.numbered else self.ref.lower()


@dataclass(frozen=True)
class DutyChange:
    """One role of one actor in one clause that appears, disappears or changes.

    ``via_group`` is set when the duty is the agency's through a group; such changes are listed only
    when the agency joined or left the group (``cause`` is MEMBERSHIP): a group gaining a clause is
    listed once, under the group.
    """

    kind: DutyChangeKind
    actor: ActorRef
    clause: ClauseRef
    old_role: Role | None
    new_role: Role | None
    via_group: ActorRef | None
    cause: Cause

    @property
    def role(self) -> Role:
        """The role gained, or the role lost."""
        role = self.new_role or self.old_role
        assert role is not None
        return role


@dataclass(frozen=True)
class ActorDutyChanges:
    """The duty changes of one agency or group. For a group, ``members`` are its agencies."""

    actor: ActorRef
    changes: tuple[DutyChange, ...]
    members: tuple[ActorRef, ...]

    def of_kind(self, kind: DutyChangeKind) -> tuple[DutyChange, ...]:
        return tuple(c for c in self.changes if c.kind is kind)

    @property
    def gained(self) -> tuple[DutyChange, ...]:
        return self.of_kind(DutyChangeKind.GAINED)

    @property
    def lost(self) -> tuple[DutyChange, ...]:
        return self.of_kind(DutyChangeKind.LOST)

    @property
    def role_changed(self) -> tuple[DutyChange, ...]:
        return self.of_kind(DutyChangeKind.ROLE_CHANGED)


@dataclass(frozen=True)
class MembershipChange:
    """Agencies that joined or left a group (by its member list or its member kinds)."""

    group: ActorRef
    joined: tuple[ActorRef, ...]
    left: tuple[ActorRef, ...]


class WordKind(enum.Enum):
    EQUAL = "equal"
    REMOVED = "removed"
    ADDED = "added"
    GAP = "gap"  # unchanged words left out of the display


@dataclass(frozen=True)
class WordRun:
    kind: WordKind
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class FieldChange:
    """A changed field. Short values are shown old → new; long texts as a word diff (``words``)."""

    name: str
    old: str | None
    new: str | None
    words: tuple[WordRun, ...] | None = None


@dataclass(frozen=True)
class ClauseChange:
    """A clause added, removed, or changed (text or title word by word, other fields by name)."""

    status: Status
    clause: ClauseRef
    excerpt: str = ""  # the clause's words, for an added or removed clause
    title: tuple[WordRun, ...] | None = None
    text: tuple[WordRun, ...] | None = None
    fields: tuple[FieldChange, ...] = ()

    @property
    def text_changed(self) -> bool:
        return self.title is not None or self.text is not None


@dataclass(frozen=True)
class PlanChange:
    """A plan added or removed, or the changes to its metadata and clauses."""

    status: Status
    plan: PlanRef
    label: str
    clause_count: int
    fields: tuple[FieldChange, ...] = ()
    clauses: tuple[ClauseChange, ...] = ()

    def clauses_of(self, status: Status) -> tuple[ClauseChange, ...]:
        return tuple(c for c in self.clauses if c.status is status)


@dataclass(frozen=True)
class RecordChange:
    """A legal document, agency or group added, removed, or with changed fields."""

    status: Status
    id: str
    label: str
    url: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class DutyDiff:
    """Everything that differs between two portfolios, in the order of display."""

    actors: tuple[ActorDutyChanges, ...]
    memberships: tuple[MembershipChange, ...]
    plans: tuple[PlanChange, ...]
    documents: tuple[RecordChange, ...]
    agencies: tuple[RecordChange, ...]

    def for_actor(self, actor_id: str) -> ActorDutyChanges | None:
        return next((a for a in self.actors if a.actor.id == actor_id), None)

    def duty_changes(self) -> Iterator[DutyChange]:
        for actor in self.actors:
            yield from actor.changes

    def plan(self, plan_id: str) -> PlanChange | None:
        return next((p for p in self.plans if p.plan.id == plan_id), None)

    def document(self, document_id: str) -> RecordChange | None:
        return next((d for d in self.documents if d.id == document_id), None)

    @property
    def has_duty_changes(self) -> bool:
        return bool(self.actors or self.memberships)

    @property
    def is_empty(self) -> bool:
        return not (self.actors or self.memberships or self.plans or self.documents or self.agencies)

    @property
    def summary(self) -> Summary:
        changes = list(self.duty_changes())
        clauses = [c for p in self.plans for c in p.clauses]
        return Summary(
            actors=len(self.actors),
            gained=sum(c.kind is DutyChangeKind.GAINED for c in changes),
            lost=sum(c.kind is DutyChangeKind.LOST for c in changes),
            role_changed=sum(c.kind is DutyChangeKind.ROLE_CHANGED for c in changes),
            groups_changed=len(self.memberships),
            plans_added=sum(p.status is Status.ADDED for p in self.plans),
            plans_removed=sum(p.status is Status.REMOVED for p in self.plans),
            clauses_reworded=sum(c.text_changed for c in clauses),
            clauses_added=sum(c.status is Status.ADDED for c in clauses),
            clauses_removed=sum(c.status is Status.REMOVED for c in clauses),
            documents_added=sum(d.status is Status.ADDED for d in self.documents),
            documents_removed=sum(d.status is Status.REMOVED for d in self.documents),
            documents_changed=sum(d.status is Status.CHANGED for d in self.documents),
            agencies_changed=len(self.agencies),
        )


@dataclass(frozen=True)
class Summary:
    """Counts for the summary line."""

    actors: int
    gained: int
    lost: int
    role_changed: int
    groups_changed: int
    plans_added: int
    plans_removed: int
    clauses_reworded: int
    clauses_added: int
    clauses_removed: int
    documents_added: int
    documents_removed: int
    documents_changed: int
    agencies_changed: int


# -- duties ------------------------------------------------------------------------------------------

#: (actor id, plan id, clause ref, via group id or None)
_DutyKey = tuple[str, str, str, str | None]


@dataclass(frozen=True)
class _Side:
    """One portfolio, indexed for comparison."""

    portfolio: Portfolio
    duties: dict[_DutyKey, Role]
    clauses: dict[tuple[str, str], tuple[Plan, Clause]]
    order: dict[tuple[str, str], tuple[int, int]]  # (plan id, ref) → (plan index, clause index)
    members: dict[str, frozenset[str]]  # group id → member agency ids

    @classmethod
    def of(cls, portfolio: Portfolio) -> _Side:
        duties: dict[_DutyKey, Role] = {}
        for actor_id, actor_duties in all_duties(portfolio).items():
            for role, entries in actor_duties.by_role.items():
                for duty in entries:
                    duties[(actor_id, duty.plan.id, duty.clause.ref, None)] = role
            for duty in actor_duties.via_groups:
                assert duty.via_group is not None
                duties[(actor_id, duty.plan.id, duty.clause.ref, duty.via_group.id)] = duty.role
        clauses: dict[tuple[str, str], tuple[Plan, Clause]] = {}
        order: dict[tuple[str, str], tuple[int, int]] = {}
        for plan_index, plan in enumerate(portfolio.plans):
            for clause_index, clause in enumerate(plan.clauses()):
                clauses[(plan.id, clause.ref)] = (plan, clause)
                order[(plan.id, clause.ref)] = (plan_index, clause_index)
        members = {g.id: frozenset(g.members) for g in portfolio.groups}
        return cls(portfolio, duties, clauses, order, members)

    def actor(self, actor_id: str) -> Agency | Group | None:
        try:
            return self.portfolio.actor(actor_id)
        except KeyError:
            return None

    def names_group(self, plan_id: str, ref: str, group_id: str) -> bool:
        """Whether the clause gives the group a role (so its members have the duty through it)."""
        return (group_id, plan_id, ref, None) in self.duties


def diff_portfolios(old: Portfolio, new: Portfolio) -> DutyDiff:
    """Everything that differs between ``old`` and ``new``, as typed records for display."""
    before, after = _Side.of(old), _Side.of(new)
    return DutyDiff(
        actors=_actor_changes(before, after),
        memberships=_membership_changes(before, after),
        plans=_plan_changes(old, new),
        documents=_record_changes(old.documents, new.documents, _DOCUMENT_FIELDS, _document_label, routes.document_url),
        agencies=(
            *_record_changes(old.agencies, new.agencies, _AGENCY_FIELDS, _name, routes.agency_url),
            *_record_changes(old.groups, new.groups, _GROUP_FIELDS, _name, routes.agency_url),
        ),
    )


def _actor_changes(before: _Side, after: _Side) -> tuple[ActorDutyChanges, ...]:
    changes: dict[str, list[tuple[tuple[int, int], DutyChange]]] = {}
    for key in before.duties.keys() | after.duties.keys():
        actor_id, plan_id, ref, via = key
        old_role, new_role = before.duties.get(key), after.duties.get(key)
        if old_role is new_role:
            continue
        side = after if new_role is not None else before
        actor = side.actor(actor_id)
        plan, clause = side.clauses[(plan_id, ref)]
        assert actor is not None
        cause = Cause.CLAUSE
        via_ref = None
        if via is not None:
            # A group's own change is listed under the group; its members repeat it only when
            # the change is theirs: they joined or left while the clause kept naming the group.
            if not (before.names_group(plan_id, ref, via) and after.names_group(plan_id, ref, via)):
                continue
            if actor_id in before.members.get(via, ()) and actor_id in after.members.get(via, ()):
                continue  # the group's role changed: listed under the group
            cause = Cause.MEMBERSHIP
            group = side.actor(via)
            assert group is not None
            via_ref = ActorRef.of(group)
        if old_role is None:
            kind = DutyChangeKind.GAINED
        elif new_role is None:
            kind = DutyChangeKind.LOST
        else:
            kind = DutyChangeKind.ROLE_CHANGED
        change = DutyChange(kind, ActorRef.of(actor), ClauseRef.of(plan, clause), old_role, new_role, via_ref, cause)
        changes.setdefault(actor_id, []).append((side.order[(plan_id, ref)], change))

    # Agencies in data order, then groups; actors that no longer exist after those of the new data.
    actor_order: dict[str, int] = {}
    for side in (after, before):
        for actor_id in [a.id for a in side.portfolio.agencies] + [g.id for g in side.portfolio.groups]:
            actor_order.setdefault(actor_id, len(actor_order))
    kind_order = list(DutyChangeKind)
    out = []
    for actor_id in sorted(changes, key=actor_order.__getitem__):
        side = after if after.actor(actor_id) else before
        actor = side.actor(actor_id)
        assert actor is not None
        entries = sorted(
            changes[actor_id], key=lambda e: (kind_order.index(e[1].kind), e[0], e[1].via_group is not None)
        )
        members: tuple[ActorRef, ...] = ()
        if isinstance(actor, Group):
            members = tuple(ActorRef.of(side.portfolio.agency(m)) for m in actor.members)
        out.append(ActorDutyChanges(ActorRef.of(actor), tuple(change for _, change in entries), members))
    return tuple(out)


def _membership_changes(before: _Side, after: _Side) -> tuple[MembershipChange, ...]:
    out = []
    for group in after.portfolio.groups:
        if group.id not in before.members:
            continue
        old_members = before.members[group.id]
        joined = tuple(after.portfolio.agency(m) for m in group.members if m not in old_members)
        left_ids = old_members - set(group.members)
        left = tuple(a for a in before.portfolio.agencies if a.id in left_ids)
        if joined or left:
            out.append(
                MembershipChange(ActorRef.of(group), tuple(map(ActorRef.of, joined)), tuple(map(ActorRef.of, left)))
            )
    return tuple(out)


# -- clauses and plans -----------------------------------------------------------------------------


def _plan_changes(old: Portfolio, new: Portfolio) -> tuple[PlanChange, ...]:
    old_plans = {p.id: p for p in old.plans}
    new_ids = {p.id for p in new.plans}
    out = []
    for plan in new.plans:
        previous = old_plans.get(plan.id)
        if previous is None:
            out.append(PlanChange(Status.ADDED, PlanRef.of(plan), plan_label(plan), plan.clause_count))
            continue
        fields = _field_changes(previous, plan, _PLAN_FIELDS)
        clauses = _clause_changes(previous, plan)
        if fields or clauses:
            out.append(
                PlanChange(Status.CHANGED, PlanRef.of(plan), plan_label(plan), plan.clause_count, fields, clauses)
            )
    for plan in old.plans:
        if plan.id not in new_ids:
            out.append(PlanChange(Status.REMOVED, PlanRef.of(plan), plan_label(plan), plan.clause_count))
    return tuple(out)


def _clause_changes(old: Plan, new: Plan) -> tuple[ClauseChange, ...]:
    old_clauses = {c.ref: c for c in old.clauses()}
    new_refs = {c.ref for c in new.clauses()}
    out = []
    for clause in new.clauses():
        previous = old_clauses.get(clause.ref)
        ref = ClauseRef.of(new, clause)
        if previous is None:
            out.append(ClauseChange(Status.ADDED, ref, excerpt=_excerpt(clause)))
            continue
        title = word_diff(previous.title or "", clause.title or "") if previous.title != clause.title else None
        text = word_diff(previous.text or "", clause.text or "") if previous.text != clause.text else None
        fields = _field_changes(previous, clause, _CLAUSE_FIELDS)
        if title is not None or text is not None or fields:
            out.append(ClauseChange(Status.CHANGED, ref, title=title, text=text, fields=fields))
    for clause in old.clauses():
        if clause.ref not in new_refs:
            out.append(ClauseChange(Status.REMOVED, ClauseRef.of(old, clause), excerpt=_excerpt(clause)))
    return tuple(out)


def _excerpt(clause: Clause) -> str:
    words = _nfc(" ".join(filter(None, (clause.title, clause.text)))).split()
    return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def word_diff(old: str, new: str) -> tuple[WordRun, ...]:
    """A word-level diff of two texts (NFC, split on white space), as runs of equal, removed and
    added words. A replaced passage is a removed run followed by an added run."""
    a, b = _nfc(old).split(), _nfc(new).split()
    runs: list[WordRun] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(WordRun(WordKind.EQUAL, tuple(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(WordRun(WordKind.REMOVED, tuple(a[i1:i2])))
        if j2 > j1:
            runs.append(WordRun(WordKind.ADDED, tuple(b[j1:j2])))
    return tuple(runs)


def with_context(runs: Sequence[WordRun], context: int = CONTEXT_WORDS) -> tuple[WordRun, ...]:
    """Keep ``context`` unchanged words around each change; longer unchanged stretches become a gap."""
    out: list[WordRun] = []
    last = len(runs) - 1
    for index, run in enumerate(runs):
        if run.kind is not WordKind.EQUAL:
            out.append(run)
            continue
        words = run.words
        keep_head = context if index > 0 else 0
        keep_tail = context if index < last else 0
        if len(words) <= keep_head + keep_tail or (index == 0 == last):
            out.append(run)
            continue
        if keep_head:
            out.append(WordRun(WordKind.EQUAL, words[:keep_head]))
        out.append(WordRun(WordKind.GAP, ()))
        if keep_tail:
            out.append(WordRun(WordKind.EQUAL, words[-keep_tail:]))
    return tuple(out)


# -- fields --------------------------------------------------------------------------------------

_Formatter = Callable[[Any], str | None]
_FieldSpec = tuple[tuple[str, str, _Formatter], ...]


def _text(value: Any) -> str | None:
    """A field value as shown to readers; ``None`` for an absent value."""
    if value is None or value == ():
        return None
    if isinstance(value, Unknown):
        return f"chưa xác định ({value.reason})"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, tuple):
        return "; ".join(filter(None, map(_text, value)))
    if isinstance(value, BasisRef):
        return value.document_id + (" (biên tập)" if value.editorial else "")
    if isinstance(value, Relation):
        return f"{value.type.forward} {value.target_id}"
    if isinstance(value, Recipient):
        return value.text
    if isinstance(value, Signer):
        return ", ".join(filter(None, (value.authority, value.position, value.name)))
    return _nfc(str(value))


def _label_of(labels: dict[str, str]) -> _Formatter:
    return lambda value: labels.get(value, value)


_DOCUMENT_FIELDS: _FieldSpec = (
    ("type", "loại văn bản", _label_of(DOC_TYPE_LABELS)),
    ("number", "số hiệu", _text),
    ("date", "ngày ban hành", _text),
    ("issuer", "cơ quan ban hành", _text),
    ("title", "trích yếu", _text),
    ("signer", "người ký", _text),
    ("source_url", "đường dẫn nguồn", _text),
    ("verification", "mức xác minh", _text),
    ("verification_note", "ghi chú xác minh", _text),
    ("relations", "quan hệ", _text),
    ("note", "ghi chú", _text),
)

_PLAN_FIELDS: _FieldSpec = (
    ("type", "loại văn bản", _label_of(DOC_TYPE_LABELS)),
    ("number", "số hiệu", _text),
    ("date", "ngày ban hành", _text),
    ("issuer_id", "cơ quan ban hành", _text),
    ("title", "trích yếu", _text),
    ("implements", "thực hiện văn bản", _text),
    ("recipients", "nơi nhận", _text),
    ("signer", "người ký", _text),
    ("source_url", "đường dẫn nguồn", _text),
    ("note", "ghi chú", _text),
)

_CLAUSE_FIELDS: _FieldSpec = (
    ("deadline", "thời hạn", lambda d: d and d.text),
    ("basis", "căn cứ", _text),
    ("note", "ghi chú", _text),
)

_AGENCY_FIELDS: _FieldSpec = (
    ("name", "tên", _text),
    ("kind", "loại cơ quan", _label_of(AGENCY_KIND_LABELS)),
    ("short_names", "tên viết tắt", _text),
    ("spellings", "cách viết khác", _text),
    ("note", "ghi chú", _text),
)

_GROUP_FIELDS: _FieldSpec = (
    ("name", "tên", _text),
    ("spellings", "cách viết khác", _text),
    ("note", "ghi chú", _text),
)


def _field_changes(old: Any, new: Any, spec: _FieldSpec) -> tuple[FieldChange, ...]:
    out = []
    for attr, label, show in spec:
        before, after = show(getattr(old, attr)), show(getattr(new, attr))
        if before == after:
            continue
        words = None
        if max(len(before or ""), len(after or "")) > SHORT_VALUE:
            words = word_diff(before or "", after or "")
        out.append(FieldChange(label, before, after, words))
    return tuple(out)


def _document_label(document: Document) -> str:
    return document.citation


def _name(actor: Agency | Group) -> str:
    return actor.name


def _record_changes(
    old: Iterable[Any],
    new: Iterable[Any],
    spec: _FieldSpec,
    label: Callable[[Any], str],
    url: Callable[[Any], str],
) -> tuple[RecordChange, ...]:
    old_by_id = {r.id: r for r in old}
    new_list = list(new)
    new_ids = {r.id for r in new_list}
    out = []
    for record in new_list:
        previous = old_by_id.get(record.id)
        if previous is None:
            out.append(RecordChange(Status.ADDED, record.id, label(record), url(record)))
        elif fields := _field_changes(previous, record, spec):
            out.append(RecordChange(Status.CHANGED, record.id, label(record), url(record), fields))
    for record in old_by_id.values():
        if record.id not in new_ids:
            out.append(RecordChange(Status.REMOVED, record.id, label(record), url(record)))
    return tuple(out)


# -- rendering -------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md_inline(value: Any) -> str:
    """Escape data for inline GitHub Markdown, so a name or a word never turns into markup or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def code_span(value: Any) -> str:
    """``value`` as inline code, with a fence longer than any backtick run inside it."""
    text = str(value)
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _fence(text: str) -> str:
    return "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)


def _environment(site_url: str | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=False,  # Markdown, not HTML: data is escaped with the md filter
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base = site_url.rstrip("/") + "/" if site_url else None

    def link(label: str, url: str) -> str:
        """``label`` (already Markdown) linked to a site page when the site's address is known."""
        return f"[{label}]({base}{url})" if base else label

    env.filters.update(md=md_inline, code=code_span, context=with_context)
    env.globals.update(
        link=link, Status=Status, Kind=DutyChangeKind, WordKind=WordKind, NO_DUTY_CHANGES=NO_DUTY_CHANGES
    )
    return env


def render_markdown(
    diff: DutyDiff,
    *,
    old_label: str | None = None,
    new_label: str | None = None,
    site_url: str | None = None,
) -> str:
    """The diff as Vietnamese Markdown for a pull-request comment.

    ``old_label`` and ``new_label`` name the compared versions in the heading; with ``site_url``,
    agencies, plans, clauses and documents link to their pages on the published site.
    """
    template = _environment(site_url).get_template(TEMPLATE)
    return _tidy(
        template.render(diff=diff, summary=diff.summary, failures=(), old_label=old_label, new_label=new_label)
    )


@dataclass(frozen=True)
class Failure:
    """A version whose data does not pass validation, with the validator's messages."""

    label: str
    messages: str

    @property
    def fence(self) -> str:
        return _fence(self.messages)


def render_failures(failures: Sequence[Failure], *, old_label: str | None = None, new_label: str | None = None) -> str:
    """The comment shown instead of a diff when either version fails validation."""
    template = _environment(None).get_template(TEMPLATE)
    return _tidy(
        template.render(diff=None, summary=None, failures=tuple(failures), old_label=old_label, new_label=new_label)
    )


def _tidy(text: str) -> str:
    """One blank line between blocks, whatever the template's conditionals left."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# -- command line --------------------------------------------------------------------------------


class GitError(Exception):
    """A git command failed; the message says which and why."""


def _git(repo: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {' '.join(args)}: {detail}")
    return done.stdout


def _verify(repo: Path, rev: str) -> str:
    """The commit id of ``rev``, or a :class:`GitError` naming the revision git does not know."""
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(
            f"unknown revision '{rev}' (for a pull request's base, fetch it first: git fetch origin main)"
        ) from None


def export_data(repo: Path, rev: str, dest: Path) -> Path:
    """Write ``data/`` as of ``rev`` under ``dest``; returns ``dest/data``."""
    _verify(repo, rev)
    archive = _git(repo, "archive", "--format=tar", rev, "--", "data")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # Only folders and regular files, inside dest. Extraction filters (filter="data") came with
        # Python 3.11.4; Debian 12's 3.11.2 has none, so the same rule is applied by hand there.
        members = [m for m in tar.getmembers() if (m.isdir() or m.isfile()) and _inside(m.name)]
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, members=members, filter="data")
        else:  # pragma: no cover - Python < 3.11.4
            tar.extractall(dest, members=members)
    return dest / "data"


def _inside(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def load_revision(repo: Path, rev: str | None, workdir: Path) -> LoadResult:
    """Load and validate ``data/`` at ``rev`` (``None``: the working tree) with the one loader.

    File names in messages are ``data/...`` as in the repository, whichever folder holds the copy.
    """
    if rev is None:
        return load_portfolio(repo / "data", root=repo)
    workdir.mkdir(parents=True, exist_ok=True)
    return load_portfolio(export_data(repo, rev, workdir), root=workdir)


def _rev_label(repo: Path, rev: str | None) -> str:
    if rev is None:
        return "thư mục làm việc"
    short = _verify(repo, rev)[:7]
    return rev if short.startswith(rev) else f"{rev} ({short})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/diff",
        description="Show, in Vietnamese Markdown for a pull-request comment, how agencies' duties differ "
        "between two versions of data/. Exits 1 when either version fails validation.",
    )
    parser.add_argument("rev1", help="the older git revision, e.g. origin/main")
    parser.add_argument(
        "rev2",
        nargs="?",
        default=None,
        help="the newer git revision (default: the working tree, uncommitted edits included)",
    )
    parser.add_argument("--output", type=Path, default=None, help="write the Markdown to FILE instead of stdout")
    parser.add_argument(
        "--site-url", default=None, help="the published site's address; agencies and clauses then link to their pages"
    )
    parser.add_argument(
        "--repo", type=Path, default=Path.cwd(), help="the git repository (default: the one holding the current folder)"
    )
    args = parser.parse_args(argv)

    try:
        repo = Path(_git(args.repo, "rev-parse", "--show-toplevel").decode().strip())
        with tempfile.TemporaryDirectory(prefix="duty-diff-") as tmp:
            old = load_revision(repo, args.rev1, Path(tmp) / "old")
            new = load_revision(repo, args.rev2, Path(tmp) / "new")
            old_label, new_label = _rev_label(repo, args.rev1), _rev_label(repo, args.rev2)
    except GitError as exc:
        print(f"scripts/diff: {exc}", file=sys.stderr)
        return 2

    failures = [
        Failure(label, result.report.format_text())
        for label, result in ((old_label, old), (new_label, new))
        if result.portfolio is None
    ]
    if failures:
        text = render_failures(failures, old_label=old_label, new_label=new_label)
    else:
        assert old.portfolio is not None and new.portfolio is not None
        diff = diff_portfolios(old.portfolio, new.portfolio)
        text = render_markdown(diff, old_label=old_label, new_label=new_label, site_url=args.site_url or None)
    text = text.rstrip("\n") + "\n"
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if failures else 0

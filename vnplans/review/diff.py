"""Computing the diff: two validated portfolios in, a :class:`~.model.DutyDiff` out.

:func:`diff_portfolios` compares the duties of every agency and group (their own, and those they
have through a group), group memberships, plans and their clauses (texts word by word with
:func:`word_diff`, other fields by name), legal documents, agencies and groups.

Clauses are matched by plan id and reference ("II.2.4"): renumbering a list shows as text changes of
the renumbered clauses, as it would to a reader comparing the two published versions.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

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
from ..site.routes import plan_label
from .model import (
    ActorDutyChanges,
    ActorRef,
    Cause,
    ClauseChange,
    ClauseRef,
    DutyChange,
    DutyChangeKind,
    DutyDiff,
    FieldChange,
    MembershipChange,
    PlanChange,
    PlanRef,
    RecordChange,
    Status,
    WordKind,
    WordRun,
)

#: Values longer than this are shown as a word diff rather than "old → new".
SHORT_VALUE = 60
#: Words of a clause quoted when it is added or removed.
EXCERPT_WORDS = 25

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

"""The records of a change to the data: what a reviewer of a pull request reads, as typed values.

:class:`DutyDiff` holds, in the order of display: per agency or group, the duties gained, lost or
changed in role (:class:`ActorDutyChanges`); agencies that joined or left a group
(:class:`MembershipChange`); plans and clauses added, removed or reworded (:class:`PlanChange`,
:class:`ClauseChange`, word runs :class:`WordRun`); legal documents, agencies and groups added,
removed or changed (:class:`RecordChange`). :mod:`.diff` computes them, :mod:`.render` words them.

Clauses are named by plan id and reference ("II.2.4"); every record carries the site URL of what it
names, relative to the site root, so the comment can link to the published pages.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from ..data.model import Agency, Clause, Group, Plan, Role
from ..site import routes


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


@dataclass(frozen=True)
class Failure:
    """A version whose data does not pass validation, with the validator's messages."""

    label: str
    messages: str

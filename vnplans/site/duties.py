"""Who must do what: the duties of each agency and group, derived from the plans' role assignments.

An agency's duties are the clauses that name it, plus the clauses that name a group it belongs to
("Các sở, ngành, địa phương"). Group duties are kept apart, with the group, because membership is
an editorial reading and the text never names the agency there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..data.model import DUTY_ROLES, Actor, Clause, Group, Plan, Portfolio, Role, RoleAssignment, earliest


@dataclass(frozen=True)
class ClauseContext:
    """A clause with the headings above it, which often name its actor ("III.2 Sở Nội vụ")."""

    plan: Plan
    clause: Clause
    ancestors: tuple[Clause, ...]

    @property
    def headings(self) -> tuple[Clause, ...]:
        return tuple(a for a in self.ancestors if a.title)


@dataclass(frozen=True)
class Duty:
    """One role of one actor in one clause. ``via_group`` is set when the duty comes from a group."""

    context: ClauseContext
    assignment: RoleAssignment
    via_group: Group | None

    @property
    def plan(self) -> Plan:
        return self.context.plan

    @property
    def clause(self) -> Clause:
        return self.context.clause

    @property
    def role(self) -> Role:
        return self.assignment.role

    def partners(self) -> tuple[RoleAssignment, ...]:
        """The other actors of the clause, in role order."""
        return tuple(r for r in self.clause.roles if r.actor_id != self.assignment.actor_id)


@dataclass(frozen=True)
class ActorDuties:
    """Everything a page about an agency or a group lists, in document order within each part.

    On the whole portfolio (:func:`all_duties`), ``plans`` holds the same duties split by plan, in
    portfolio order, for the agency's per-plan pages; on one plan, ``plans`` is empty.
    """

    actor: Actor
    by_role: dict[Role, tuple[Duty, ...]]
    via_groups: tuple[Duty, ...]
    plans: tuple[tuple[Plan, ActorDuties], ...] = ()
    _plan_index: dict[str, ActorDuties] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._plan_index.update((plan.id, duties) for plan, duties in self.plans)

    def in_plan(self, plan: Plan) -> ActorDuties:
        """The duties in one plan (empty when the plan gives the actor no role)."""
        found = self._plan_index.get(plan.id)
        return found if found is not None else ActorDuties(self.actor, {role: () for role in Role}, ())

    def sheet(self) -> tuple[Duty, ...]:
        """Every duty once, in the order of the duty sheet: by role, then shared through a group."""
        return (*(d for role in Role for d in self.by_role.get(role, ())), *self.via_groups)

    @property
    def duty_count(self) -> int:
        """Clauses where the actor must act: its own duty roles and its groups' duties."""
        own = sum(len(self.by_role.get(role, ())) for role in DUTY_ROLES)
        return own + len(self.via_groups)

    @property
    def received_count(self) -> int:
        """Clauses where the actor is advised or reported to: not duties, but the reader's business."""
        return sum(len(self.by_role.get(role, ())) for role in Role if role not in DUTY_ROLES)

    @property
    def is_empty(self) -> bool:
        return not self.via_groups and not any(self.by_role.values())


def clause_contexts(plan: Plan) -> Iterator[ClauseContext]:
    """Every clause of a plan with its ancestors, in document order."""

    def walk(clause: Clause, ancestors: tuple[Clause, ...]) -> Iterator[ClauseContext]:
        yield ClauseContext(plan, clause, ancestors)
        for child in clause.children:
            yield from walk(child, ancestors + (clause,))

    for clause in plan.top_clauses():
        yield from walk(clause, ())


def members_on(portfolio: Portfolio, group: Group, plan: Plan) -> tuple[str, ...]:
    """The members of ``group`` that existed when ``plan`` was issued (its date, or the earliest it can
    be): a group of 2021 does not include a body created in 2025."""
    day = earliest(plan.date)
    if day is None:
        return group.members
    return tuple(m for m in group.members if portfolio.agency(m).period.contains(day))


def all_duties(portfolio: Portfolio) -> dict[str, ActorDuties]:
    """Duties of every agency and group, by id, in one pass over the portfolio's clauses."""
    actors = portfolio.actors
    by_role: dict[str, dict[Role, list[Duty]]] = {a.id: {role: [] for role in Role} for a in actors}
    via_groups: dict[str, list[Duty]] = {a.id: [] for a in actors}
    for plan in portfolio.plans:
        for context in clause_contexts(plan):
            for assignment in context.clause.roles:
                by_role[assignment.actor_id][assignment.role].append(Duty(context, assignment, None))
                if assignment.role not in DUTY_ROLES or assignment.actor_id not in portfolio.group_ids:
                    continue
                group = portfolio.group(assignment.actor_id)
                for member in members_on(portfolio, group, plan):
                    via_groups[member].append(Duty(context, assignment, group))
    return {a.id: _with_plans(portfolio, a, by_role[a.id], via_groups[a.id]) for a in actors}


def _with_plans(
    portfolio: Portfolio, actor: Actor, by_role: dict[Role, list[Duty]], via_groups: list[Duty]
) -> ActorDuties:
    per_plan: dict[str, tuple[dict[Role, list[Duty]], list[Duty]]] = {}
    for role, duties in by_role.items():
        for duty in duties:
            per_plan.setdefault(duty.plan.id, ({r: [] for r in Role}, []))[0][role].append(duty)
    for duty in via_groups:
        per_plan.setdefault(duty.plan.id, ({r: [] for r in Role}, []))[1].append(duty)
    plans = tuple(
        (plan, ActorDuties(actor, {r: tuple(d) for r, d in per_plan[plan.id][0].items()}, tuple(per_plan[plan.id][1])))
        for plan in portfolio.plans
        if plan.id in per_plan
    )
    return ActorDuties(actor, {r: tuple(d) for r, d in by_role.items()}, tuple(via_groups), plans)

"""Who must do what: the duties of each agency and group, derived from the plans' role assignments.

An agency's duties are the clauses that name it, plus the clauses that name a group it belongs to
("Các sở, ngành, địa phương"). Group duties are kept apart, with the group, because membership is
an editorial reading and the text never names the agency there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
    """Everything a page about an agency or a group lists, in document order within each part."""

    actor: Actor
    by_role: dict[Role, tuple[Duty, ...]]
    via_groups: tuple[Duty, ...]

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
    return {
        a.id: ActorDuties(a, {r: tuple(d) for r, d in by_role[a.id].items()}, tuple(via_groups[a.id])) for a in actors
    }

"""What the site says about today: which named bodies no longer exist, and who carries their duties.

The official text stays as written. Beside it the site shows, as of the data's ``as_of`` date:

* on the page of a body that no longer exists, a banner: what happened, when, on what basis, and which
  bodies carry its duties now (:meth:`Today.ending`);
* on a successor's page, "Nhiệm vụ kế thừa": each duty it received, with the chain of events and their
  basis; for a split, only the duties whose function it received; duties whose function is not known
  are listed apart, as possible, with the other candidates (:meth:`Today.inherited`);
* under each clause's roles, "nay là …" for every named body that no longer exists (:meth:`Today.now`).

Built once per site build from the portfolio and its duties; plain data for the templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..data.model import Agency, Certainty, Portfolio, SuccessionEvent
from ..data.succession import Holder, Step, Succession
from ..data.vocab import DUTY_ROLES
from .duties import ActorDuties, Duty


@dataclass(frozen=True)
class Ending:
    """A body that no longer exists on ``as_of``: the event that ended it (if recorded) and today's holders."""

    agency: Agency
    event: SuccessionEvent | None
    holders: tuple[Holder, ...]

    @property
    def verified(self) -> bool:
        return self.event is not None and self.event.certainty is Certainty.VERIFIED

    @property
    def has_candidates(self) -> bool:
        return any(h.candidate for h in self.holders)


@dataclass(frozen=True)
class InheritedDuty:
    """A duty given in the text to ``named``, carried by a successor through ``steps``.

    ``holder`` is where the chain ends today (the successor itself, or a body after it);
    ``candidate`` is True when a split did not say this successor received the duty's function.
    """

    duty: Duty
    named: Agency
    steps: tuple[Step, ...]
    holder: Holder

    @property
    def candidate(self) -> bool:
        return self.holder.candidate

    @property
    def verified(self) -> bool:
        return not self.candidate and all(s.successor.certainty is Certainty.VERIFIED for s in self.steps)

    @property
    def still_here(self) -> bool:
        """True when the successor of the last step still carries the duty (it is today's holder)."""
        return self.steps[-1].successor.agency_id == self.holder.agency.id


class Today:
    """Banners, inherited duties and "nay là" for one build."""

    def __init__(self, portfolio: Portfolio, duties: dict[str, ActorDuties]) -> None:
        self.portfolio = portfolio
        self.as_of = portfolio.as_of
        self.succession = Succession(portfolio)
        self._inherited: dict[str, list[InheritedDuty]] = {}
        self._order = {
            (plan.id, clause.anchor): (p_index, c_index)
            for p_index, plan in enumerate(portfolio.plans)
            for c_index, clause in enumerate(plan.clauses())
        }
        for agency in portfolio.agencies:
            if agency.id not in duties or not self.succession.has_ended(agency):
                continue
            for duty in _duties_to_hand_on(duties[agency.id]):
                for holder in self.succession.present_holders(agency.id, duty.assignment.functions):
                    for index, step in enumerate(holder.steps):
                        self._inherited.setdefault(step.successor.agency_id, []).append(
                            InheritedDuty(duty, agency, holder.steps[: index + 1], holder)
                        )

    def ending(self, agency: Agency) -> Ending | None:
        """The banner of a body that no longer exists, or ``None`` for a body that does."""
        if not self.succession.has_ended(agency):
            return None
        return Ending(agency, self.succession.ending_event(agency.id), self.succession.present_holders(agency.id))

    def now(self, agency: Agency, functions: Iterable[str] = ()) -> tuple[Holder, ...]:
        """Who carries today a duty given to ``agency`` (empty when the body still exists)."""
        if not self.succession.has_ended(agency):
            return ()
        return self.succession.present_holders(agency.id, functions)

    def inherited(self, agency_id: str) -> tuple[InheritedDuty, ...]:
        """Duties that came to ``agency_id`` through succession, sure ones first, in plan and clause order."""
        found = self._inherited.get(agency_id, [])
        return tuple(
            sorted(
                found,
                key=lambda d: (
                    d.candidate,
                    self._order.get((d.duty.plan.id, d.duty.clause.anchor), (0, 0)),
                    d.named.name,
                ),
            )
        )


def _duties_to_hand_on(duties: ActorDuties) -> Iterable[Duty]:
    """A body's duties (its own and those it shares through a group); receiving advice or reports is not a duty."""
    for role in DUTY_ROLES:
        yield from duties.by_role.get(role, ())
    yield from duties.via_groups

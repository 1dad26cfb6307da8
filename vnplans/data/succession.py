"""Who carries a duty today: the succession events followed from the named body to the present.

A plan names the bodies of its day. :func:`present_holders` follows the dated events of
data/succession.yaml (and those drawn from the standard rules) from such a body, up to the data's
``as_of`` date, and returns the bodies that carry its duty now, each with the chain of events that
led there. A split is followed along the successor that received the duty's function; when the duty's
function is not known, every successor is returned as a *candidate*, and nothing is guessed.

Plain functions of a :class:`~vnplans.data.model.Portfolio`; walked iteratively, with a bound on the
length of a chain, and memoised per (agency, functions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Agency, Certainty, Portfolio, SuccessionEvent, Successor, earliest

#: Longer chains are not followed (the validator's cycle check keeps real data far below it).
MAX_STEPS = 50


@dataclass(frozen=True)
class Step:
    """One event on the way from the named body to a present one, and the branch taken."""

    event: SuccessionEvent
    successor: Successor


@dataclass(frozen=True)
class Holder:
    """A body that carries the duty today, and how the duty came to it.

    ``candidate`` is True when a split or dissolution did not say which successor took this duty (its
    function is not known): the body *may* carry it. ``verified`` is True when every step is verified
    for this jurisdiction and none is a candidate.
    """

    agency: Agency
    steps: tuple[Step, ...]
    candidate: bool

    @property
    def verified(self) -> bool:
        return not self.candidate and all(step.successor.certainty is Certainty.VERIFIED for step in self.steps)

    @property
    def inherited(self) -> bool:
        """True when the duty came through at least one event (the body is not the one named)."""
        return bool(self.steps)


class Succession:
    """Succession queries over one portfolio, memoised; create one per build."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.as_of = portfolio.as_of
        self._memo: dict[tuple[str, tuple[str, ...]], tuple[Holder, ...]] = {}

    def ending_event(self, agency_id: str) -> SuccessionEvent | None:
        """The event by which the body stopped (on or before ``as_of``), if any."""
        for event in self.portfolio.events_from(agency_id):
            if _happened_by(event, self.as_of):
                return event
        return None

    def has_ended(self, agency: Agency) -> bool:
        """Whether the body no longer exists on ``as_of``: it has an event, or its period ended."""
        return self.ending_event(agency.id) is not None or agency.period.ended_by(self.as_of)

    def present_holders(self, agency_id: str, functions: Iterable[str] = ()) -> tuple[Holder, ...]:
        """The bodies that carry today a duty given to ``agency_id``, for a duty of ``functions``.

        A body that has not ended is its own holder (no steps). A body that ended with no known
        successor gives no holder: the caller says "chưa rõ".
        """
        key = (agency_id, tuple(sorted(set(functions))))
        if key not in self._memo:
            self._memo[key] = self._walk(agency_id, key[1])
        return self._memo[key]

    def _walk(self, agency_id: str, functions: tuple[str, ...]) -> tuple[Holder, ...]:
        holders: dict[str, Holder] = {}
        frontier: list[tuple[str, tuple[Step, ...], bool]] = [(agency_id, (), False)]
        while frontier:
            current, steps, candidate = frontier.pop()
            agency = self.portfolio.agency(current)
            event = self.ending_event(current)
            if event is None or len(steps) >= MAX_STEPS:
                if not agency.period.ended_by(self.as_of) or event is not None:
                    _keep(holders, Holder(agency, steps, candidate))
                continue
            for successor, is_candidate in _branches(event, functions):
                frontier.append((successor.agency_id, (*steps, Step(event, successor)), candidate or is_candidate))
        return tuple(sorted(holders.values(), key=lambda h: (h.candidate, h.agency.name)))


def _keep(holders: dict[str, Holder], holder: Holder) -> None:
    """Keep one holder per body: a sure path over a candidate one, then the shorter chain."""
    known = holders.get(holder.agency.id)
    if known is None or (known.candidate, len(known.steps)) > (holder.candidate, len(holder.steps)):
        holders[holder.agency.id] = holder


def _branches(event: SuccessionEvent, functions: tuple[str, ...]) -> list[tuple[Successor, bool]]:
    """The successors a duty follows through ``event``, each with whether it is only a candidate."""
    if event.routes_by_function:
        if functions:
            chosen = [s for s in event.successors if set(s.functions) & set(functions)]
            if chosen:
                return [(s, False) for s in chosen]
        return [(s, True) for s in event.successors]
    if event.has_candidates:
        return [(s, True) for s in event.successors]
    return [(s, False) for s in event.successors]


def _happened_by(event: SuccessionEvent, day: dt.date) -> bool:
    start = earliest(event.date)
    return start is None or start <= day

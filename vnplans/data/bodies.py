"""Stage 2c: every agency of every jurisdiction, from data/agencies.yaml and the standard bodies.

A jurisdiction (data/jurisdictions.yaml) lists the standard sets of bodies it has and when
(data/standard-bodies.yaml): a province has a Sở Nội vụ, a Tỉnh ủy, a UBND tỉnh … without an editor
typing them. :func:`instantiate` makes one agency per standard body of each jurisdiction (id
``<key>-<jurisdiction>``, or the key itself at the national level), lets an entry of data/agencies.yaml
stand for one of them (``standard:``, to keep an id already published), and adds the agencies that no
standard set has. It also draws the succession events that follow from the standard transitions (Sở
KHĐT merged into Sở Tài chính) and from province mergers, for every agency that no event of
data/succession.yaml already covers; their certainty says they are a pattern, not a verified fact.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .diagnostics import Loc, Report, did_you_mean
from .messages import msg
from .model import (
    Agency,
    Certainty,
    ChangeKind,
    DateOrUnknown,
    Jurisdiction,
    JurisdictionChange,
    Level,
    Period,
    SuccessionEvent,
    Successor,
    Unknown,
)
from .records import AgencyEntry, BodySet, StandardBodies, StandardBody

#: The placeholders a standard body's name may hold, filled from its jurisdiction.
PLACEHOLDERS = ("dia_ban", "ten", "don_vi")


@dataclass(frozen=True)
class Bodies:
    """The result of :func:`instantiate`: all agencies, and the events drawn from the standard rules."""

    agencies: tuple[Agency, ...]
    events: tuple[SuccessionEvent, ...]
    #: ``(jurisdiction id, standard key) → agency id``: which agency is a jurisdiction's standard body
    by_key: dict[tuple[str, str], str]


def generated_id(key: str, jurisdiction: Jurisdiction) -> str:
    """``so-noi-vu`` of ``quang-ngai`` → ``so-noi-vu-quang-ngai``; national bodies keep their key."""
    return key if jurisdiction.level is Level.NATIONAL else f"{key}-{jurisdiction.id}"


def fill(template: str, jurisdiction: Jurisdiction) -> str:
    """A standard body's name for one jurisdiction: ``Sở Nội vụ {dia_ban}`` → ``Sở Nội vụ tỉnh Lâm Đồng``."""
    values = {"dia_ban": jurisdiction.name, "ten": jurisdiction.proper_name, "don_vi": jurisdiction.unit}
    return " ".join(template.format(**values).split())


def instantiate(
    jurisdictions: Sequence[Jurisdiction],
    standard: StandardBodies,
    entries: Sequence[AgencyEntry],
    explicit_events: Sequence[SuccessionEvent],
    changes: Sequence[JurisdictionChange],
    report: Report,
) -> Bodies:
    """Agencies of every jurisdiction, and the succession events the standard rules imply."""
    by_jurisdiction = {j.id: j for j in jurisdictions}
    sets = _check_sets(standard.sets, report)
    generated: dict[tuple[str, str], Agency] = {}
    for jurisdiction in jurisdictions:
        for use in jurisdiction.body_sets:
            body_set = sets.get(use.set_id)
            if body_set is None:
                report.error(
                    use.loc,
                    use.loc.field,
                    msg(
                        "unknown set of standard bodies '{id}'{suggestion}",
                        id=use.set_id,
                        suggestion=did_you_mean(use.set_id, sets),
                    ),
                    msg("use the id of a set in data/standard-bodies.yaml"),
                )
                continue
            if body_set.level is not jurisdiction.level:
                report.error(
                    use.loc,
                    use.loc.field,
                    msg(
                        "the set '{set}' is for the level '{set_level}', but '{jurisdiction}' is of the level '{level}'",
                        set=body_set.id,
                        set_level=body_set.level.value,
                        jurisdiction=jurisdiction.id,
                        level=jurisdiction.level.value,
                    ),
                    msg("choose a set made for this level of government"),
                )
                continue
            period = use.period.within(jurisdiction.period)
            for body in body_set.bodies:
                generated[(jurisdiction.id, body.key)] = _standard_agency(body, jurisdiction, period)

    agencies: list[Agency] = []
    claimed: set[tuple[str, str]] = set()
    for entry in entries:
        home = by_jurisdiction.get(entry.jurisdiction_id)
        if home is None:
            # Reported here once; the agency is kept (in a jurisdiction of its own) so that the plans
            # naming it do not get a second error for each mention.
            agencies.append(_declared_agency(entry, _unknown_jurisdiction(entry.jurisdiction_id), None))
            report.error(
                entry.jurisdiction_loc,
                entry.jurisdiction_loc.field,
                msg(
                    "unknown jurisdiction '{id}'{suggestion}",
                    id=entry.jurisdiction_id,
                    suggestion=did_you_mean(entry.jurisdiction_id, by_jurisdiction),
                ),
                msg("use the id of a jurisdiction in data/jurisdictions.yaml, or add it there first"),
            )
            continue
        template = None
        if entry.standard_key is not None:
            key = (home.id, entry.standard_key)
            template = generated.get(key)
            loc = entry.standard_loc or entry.loc
            if template is None:
                keys = [k for j, k in generated if j == home.id]
                report.error(
                    loc,
                    loc.field,
                    msg(
                        "'{key}' is not a standard body of '{jurisdiction}'{suggestion}",
                        key=entry.standard_key,
                        jurisdiction=home.id,
                        suggestion=did_you_mean(entry.standard_key, keys),
                    ),
                    msg(
                        "use the key of a body in a set the jurisdiction has (data/jurisdictions.yaml, 'bodies:'), "
                        "or remove 'standard:' and give the agency's name and kind"
                    ),
                )
                agencies.append(_declared_agency(entry, home, None))
                continue
            if key in claimed:
                report.error(
                    loc,
                    loc.field,
                    msg(
                        "another agency already stands for the standard body '{key}' of '{jurisdiction}'",
                        key=entry.standard_key,
                        jurisdiction=home.id,
                    ),
                    msg("an agency of a jurisdiction is written once; remove one of the two entries"),
                )
                continue
            claimed.add(key)
        agencies.append(_declared_agency(entry, home, template))

    by_key = {key: agency.id for key, agency in generated.items()}
    for agency in agencies:
        if agency.standard_key is not None:
            by_key[(agency.jurisdiction_id, agency.standard_key)] = agency.id
    agencies.extend(agency for key, agency in generated.items() if key not in claimed)
    agency_index = {a.id: a for a in agencies}
    covered = {agency_id for event in explicit_events for agency_id in event.from_ids}
    events = list(_transition_events(standard, jurisdictions, by_key, agency_index, covered))
    covered |= {agency_id for event in events for agency_id in event.from_ids}
    events += _merger_events(changes, by_key, agency_index, covered)
    return Bodies(tuple(agencies), tuple(events), by_key)


def _check_sets(sets: Iterable[BodySet], report: Report) -> dict[str, BodySet]:
    """Sets by id; a set id and a body key are each defined once; names use known placeholders only."""
    out: dict[str, BodySet] = {}
    keys: dict[str, Loc] = {}
    for body_set in sets:
        if body_set.id in out:
            report.error(
                body_set.loc,
                "id",
                msg("duplicate set id '{id}' (first defined at {first})", id=body_set.id, first=out[body_set.id].loc),
                msg("ids must be unique; if these are two different things, give one a longer id"),
            )
            continue
        out[body_set.id] = body_set
        for body in body_set.bodies:
            if body.key in keys:
                report.error(
                    body.loc,
                    body.loc.field,
                    msg("the standard body '{key}' is already defined at {first}", key=body.key, first=keys[body.key]),
                    msg("a body belongs to one set; keep it in the set of the period it existed in"),
                )
            keys.setdefault(body.key, body.loc)
            for text in (body.name, *body.short_names, *body.spellings):
                unknown = [
                    n for _, n, _, _ in string.Formatter().parse(text) if n is not None and n not in PLACEHOLDERS
                ]
                if unknown:
                    report.error(
                        body.loc,
                        body.loc.field,
                        msg("unknown placeholder '{{{name}}}' in '{text}'", name=unknown[0], text=text),
                        msg("a name may hold {{dia_ban}}, {{ten}} and {{don_vi}} only"),
                    )
    return out


def _standard_agency(body: StandardBody, jurisdiction: Jurisdiction, period: Period) -> Agency:
    return Agency(
        id=generated_id(body.key, jurisdiction),
        name=_safe_fill(body.name, jurisdiction),
        kind=body.kind,
        short_names=tuple(dict.fromkeys(_safe_fill(t, jurisdiction) for t in body.short_names)),
        spellings=tuple(dict.fromkeys(_safe_fill(t, jurisdiction) for t in body.spellings)),
        note=None,
        loc=body.loc,
        jurisdiction_id=jurisdiction.id,
        period=period,
        standard_key=body.key,
        generated=True,
    )


def _safe_fill(template: str, jurisdiction: Jurisdiction) -> str:
    try:
        return fill(template, jurisdiction)
    except (KeyError, IndexError, ValueError):  # reported by _check_sets; keep the text as written
        return template


def _declared_agency(entry: AgencyEntry, jurisdiction: Jurisdiction, template: Agency | None) -> Agency:
    """An agency of data/agencies.yaml, completed from the standard body it stands for."""
    short_names: tuple[str, ...] = ()
    spellings: tuple[str, ...] = ()
    if template is None:  # the schema requires a name and a kind here, unless 'standard:' was wrong
        name, kind, period = entry.name or entry.id, entry.kind or "khac", Period()
    else:
        name, kind = entry.name or template.name, entry.kind or template.kind
        short_names, spellings, period = template.short_names, template.spellings, template.period
    own_period = Period(
        entry.period.start if entry.period.start is not None else period.start,
        entry.period.end if entry.period.end is not None else period.end,
    )
    return Agency(
        id=entry.id,
        name=name,
        kind=kind,
        short_names=tuple(dict.fromkeys((*short_names, *entry.short_names))),
        spellings=tuple(dict.fromkeys((*spellings, *entry.spellings))),
        note=entry.note,
        loc=entry.loc,
        text_locs=entry.text_locs,
        jurisdiction_id=jurisdiction.id,
        period=own_period.within(jurisdiction.period),
        standard_key=entry.standard_key,
        generated=False,
    )


def _unknown_jurisdiction(jurisdiction_id: str) -> Jurisdiction:
    """A stand-in for a jurisdiction that is not defined (already reported), so its agencies still load."""
    return Jurisdiction(
        jurisdiction_id, jurisdiction_id, jurisdiction_id, "", Level.PROVINCE, None, Period(), (), None, Loc("")
    )


def day_after(value: DateOrUnknown) -> DateOrUnknown:
    """The first day after an agency's last one; an unknown end stays unknown, a day later."""
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    not_before = value.not_before + dt.timedelta(days=1) if value.not_before else None
    return Unknown(value.reason, not_before)


def _transition_events(
    standard: StandardBodies,
    jurisdictions: Sequence[Jurisdiction],
    by_key: dict[tuple[str, str], str],
    agencies: dict[str, Agency],
    covered: set[str],
) -> Iterable[SuccessionEvent]:
    for transition in standard.transitions:
        for jurisdiction in jurisdictions:
            sources = [
                agencies[by_key[(jurisdiction.id, key)]]
                for key, _ in transition.from_keys
                if (jurisdiction.id, key) in by_key and by_key[(jurisdiction.id, key)] in agencies
            ]
            sources = [a for a in sources if a.id not in covered and a.period.end is not None]
            targets = [(t, by_key.get((jurisdiction.id, t.key))) for t in transition.to]
            if not sources or any(agency_id is None for _, agency_id in targets):
                continue
            end = sources[0].period.end
            assert end is not None
            yield SuccessionEvent(
                kind=transition.kind,
                from_ids=tuple(a.id for a in sources),
                successors=tuple(
                    Successor(str(agency_id), t.functions, transition.certainty, (), None, t.loc)
                    for t, agency_id in targets
                ),
                date=day_after(end),
                basis=transition.basis,
                certainty=transition.certainty,
                note=transition.note,
                loc=transition.loc,
                generated=True,
            )


def _merger_events(
    changes: Sequence[JurisdictionChange],
    by_key: dict[tuple[str, str], str],
    agencies: dict[str, Agency],
    covered: set[str],
) -> list[SuccessionEvent]:
    """When a province merges into another, each of its standard bodies goes to the same body there."""
    events = []
    for change in changes:
        if change.kind is not ChangeKind.MERGED_INTO or len(change.to_ids) != 1:
            continue
        target = change.to_ids[0]
        last_day = _day_before(change.date)
        for (jurisdiction_id, key), agency_id in sorted(by_key.items()):
            agency = agencies.get(agency_id)
            successor_id = by_key.get((target, key))
            if (
                jurisdiction_id not in change.from_ids
                or agency is None
                or agency_id in covered
                or successor_id is None
                or successor_id not in agencies
                or last_day is None
                or not agency.period.contains(last_day)
            ):
                continue
            successor = Successor(successor_id, (), Certainty.PATTERN, (), None, change.loc)
            events.append(
                SuccessionEvent(
                    kind=ChangeKind.MERGED_INTO,
                    from_ids=(agency_id,),
                    successors=(successor,),
                    date=change.date,
                    basis=change.basis,
                    certainty=Certainty.PATTERN,
                    note=None,
                    loc=change.loc,
                    generated=True,
                )
            )
    return events


def _day_before(value: DateOrUnknown) -> dt.date | None:
    if isinstance(value, dt.date):
        return value - dt.timedelta(days=1)
    return value.not_before - dt.timedelta(days=1) if value.not_before else None

"""Stage 2b: checks across files — ids, references, cycles — and warnings about editorial practice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from .diagnostics import Loc, Report, did_you_mean
from .messages import Message, msg
from .model import (
    Agency,
    Clause,
    Document,
    Function,
    Group,
    Jurisdiction,
    Period,
    Plan,
    Relation,
    RelationType,
    RoleAssignment,
    SuccessionEvent,
    Unknown,
    earliest,
    format_date,
)
from .names import actor_spellings
from .records import GroupSpec, JurisdictionsFile
from .values import fold, folds_by_character


def _duplicates(items: Iterable[tuple[str, Loc]], what: Message, report: Report) -> None:
    first: dict[str, Loc] = {}
    for item_id, loc in items:
        if item_id in first:
            report.error(
                loc,
                "id",
                msg(
                    "duplicate {what} id '{id}' (first defined at {first})", what=what, id=item_id, first=first[item_id]
                ),
                msg("ids must be unique; if these are two different things, give one a longer id"),
            )
        else:
            first[item_id] = loc


def resolve_groups(
    agencies: Sequence[Agency],
    groups: Sequence[Group],
    specs: dict[str, GroupSpec],
    jurisdictions: Sequence[Jurisdiction],
    report: Report,
) -> list[Group]:
    """Check group members and expand ``member_kinds``; members come back in agency order.

    A group belongs to a jurisdiction: ``member_kinds`` takes the agencies of that jurisdiction and of
    the jurisdictions under it (a province's districts), never another province's.
    """
    agency_ids = {a.id for a in agencies}
    known = {j.id for j in jurisdictions}
    below = _descendants(jurisdictions)
    resolved = []
    for group in groups:
        spec = specs[group.id]
        if group.jurisdiction_id not in known:
            loc = group.loc
            report.error(
                loc,
                "jurisdiction",
                msg(
                    "unknown jurisdiction '{id}'{suggestion}",
                    id=group.jurisdiction_id,
                    suggestion=did_you_mean(group.jurisdiction_id, known),
                ),
                msg("use the id of a jurisdiction in data/jurisdictions.yaml, or add it there first"),
            )
        for member, loc in (*spec.members, *spec.exclude):
            if member not in agency_ids:
                report.error(
                    loc,
                    loc.field,
                    msg("unknown agency '{id}'{suggestion}", id=member, suggestion=did_you_mean(member, agency_ids)),
                    msg("members are agency ids defined under 'agencies:' in data/agencies.yaml"),
                )
        scope = below.get(group.jurisdiction_id, {group.jurisdiction_id})
        excluded = {m for m, _ in spec.exclude}
        wanted = {m for m, _ in spec.members} | {
            a.id for a in agencies if a.kind in spec.member_kinds and a.jurisdiction_id in scope
        }
        members = tuple(a.id for a in agencies if a.id in wanted - excluded)
        resolved.append(replace(group, members=members))
    return resolved


def _descendants(jurisdictions: Sequence[Jurisdiction]) -> dict[str, set[str]]:
    """Each jurisdiction with every jurisdiction under it (itself included)."""
    children: dict[str, list[str]] = {}
    for jurisdiction in jurisdictions:
        if jurisdiction.parent_id is not None:
            children.setdefault(jurisdiction.parent_id, []).append(jurisdiction.id)
    out: dict[str, set[str]] = {}
    for jurisdiction in jurisdictions:
        seen = {jurisdiction.id}
        stack = [jurisdiction.id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        out[jurisdiction.id] = seen
    return out


def check_agencies(agencies: Sequence[Agency], groups: Sequence[Group], report: Report) -> None:
    """Ids unique across the portfolio; spellings unique within a jurisdiction (the same words name
    different bodies in different provinces)."""
    actors: list[Agency | Group] = [*agencies, *groups]
    _duplicates(((x.id, x.loc) for x in actors), msg("agency or group"), report)
    spelled: dict[tuple[str, str], tuple[str, Loc]] = {}
    for actor in actors:
        written = dict(actor.text_locs)
        for spelling in actor_spellings(actor):
            key = (actor.jurisdiction_id, spelling.casefold())
            loc = written.get(spelling, actor.loc)
            owner = spelled.get(key)
            if owner and owner[0] != actor.id:
                report.error(
                    loc,
                    loc.field,
                    msg(
                        "the spelling '{spelling}' is also used by '{owner}' ({where})",
                        spelling=spelling,
                        owner=owner[0],
                        where=owner[1],
                    ),
                    msg("in one jurisdiction a spelling links text to one agency only; remove it from one of them"),
                )
            spelled.setdefault(key, (actor.id, loc))


def check_jurisdictions(file: JurisdictionsFile, documents: Sequence[Document] | None, report: Report) -> None:
    """Jurisdiction ids, parents, periods, and the changes of the administrative map."""
    _duplicates(((j.id, j.loc) for j in file.jurisdictions), msg("jurisdiction"), report)
    known = {j.id for j in file.jurisdictions}
    for jurisdiction in file.jurisdictions:
        if jurisdiction.parent_id is not None and jurisdiction.parent_id not in known:
            report.error(
                jurisdiction.loc,
                "parent",
                msg(
                    "unknown jurisdiction '{id}'{suggestion}",
                    id=jurisdiction.parent_id,
                    suggestion=did_you_mean(jurisdiction.parent_id, known),
                ),
                msg("use the id of a jurisdiction in data/jurisdictions.yaml, or add it there first"),
            )
        _check_period(jurisdiction.period, jurisdiction.loc, report)
    doc_ids = {d.id for d in documents} if documents is not None else None
    for change in file.changes:
        for jurisdiction_id in (*change.from_ids, *change.to_ids):
            if jurisdiction_id not in known:
                report.error(
                    change.loc,
                    change.loc.field,
                    msg(
                        "unknown jurisdiction '{id}'{suggestion}",
                        id=jurisdiction_id,
                        suggestion=did_you_mean(jurisdiction_id, known),
                    ),
                    msg("use the id of a jurisdiction in data/jurisdictions.yaml, or add it there first"),
                )
        if doc_ids is not None:
            for ref in change.basis:
                _check_document(ref.document_id, ref.loc, doc_ids, report)


def _check_period(period: Period, loc: Loc, report: Report) -> None:
    start, end = earliest(period.start), period.end
    if start is not None and isinstance(end, dt.date) and end < start:
        report.error(
            loc,
            loc.field,
            msg("it ends ({end}) before it starts ({start})", end=format_date(end), start=format_date(start)),
            msg("check 'from:' and 'until:'; 'until:' is the last day it existed"),
        )


def check_succession(
    events: Sequence[SuccessionEvent],
    functions: Sequence[Function],
    agencies: Sequence[Agency],
    documents: Sequence[Document] | None,
    report: Report,
) -> None:
    """Ids in the succession events, cycles, dates in order, successors that existed at the date."""
    _duplicates(((f.id, f.loc) for f in functions), msg("function"), report)
    by_id = {a.id: a for a in agencies}
    function_ids = {f.id for f in functions}
    doc_ids = {d.id for d in documents} if documents is not None else None
    valid: list[SuccessionEvent] = []
    for event in events:
        ok = True
        for agency_id in event.from_ids:
            ok &= _check_agency_id(agency_id, event.loc, by_id, report)
        for successor in event.successors:
            ok &= _check_agency_id(successor.agency_id, successor.loc, by_id, report)
            for function_id in successor.functions:
                if function_id not in function_ids:
                    ok = False
                    report.error(
                        successor.loc,
                        successor.loc.field,
                        msg(
                            "unknown function '{id}'{suggestion}",
                            id=function_id,
                            suggestion=did_you_mean(function_id, function_ids),
                        ),
                        msg("use the id of a function listed under 'functions:' in data/succession.yaml"),
                    )
        if doc_ids is not None:
            for ref in (*event.basis, *(r for s in event.successors for r in s.basis)):
                _check_document(ref.document_id, ref.loc, doc_ids, report)
        if not ok:
            continue
        valid.append(event)
        # Only an exact date can be checked: an unknown one ("early March 2025") may be any day after its not_before.
        day = event.date if isinstance(event.date, dt.date) else None
        for successor in event.successors:
            agency = by_id[successor.agency_id]
            if day is not None and not agency.period.contains(day) and not event.generated:
                report.error(
                    successor.loc,
                    successor.loc.field,
                    msg(
                        "'{id}' did not exist on {date}, the date of this event",
                        id=agency.id,
                        date=format_date(day),
                    ),
                    msg(
                        "check the event's date and the successor's 'from:'/'until:', or name the body that existed then"
                    ),
                )
        for agency_id in event.from_ids:
            if agency_id in {s.agency_id for s in event.successors}:
                report.error(
                    event.loc,
                    event.loc.field,
                    msg("'{id}' is named as its own successor", id=agency_id),
                    msg("a successor is another body; for a new name, use kind 'doi-ten' with the renamed body"),
                )
    _check_event_order(valid, report)
    _check_succession_cycles(valid, report)


def _check_agency_id(agency_id: str, loc: Loc, agencies: dict[str, Agency], report: Report) -> bool:
    if agency_id in agencies:
        return True
    report.error(
        loc,
        loc.field,
        msg("unknown agency '{id}'{suggestion}", id=agency_id, suggestion=did_you_mean(agency_id, agencies)),
        msg(
            "use the id of an agency of data/agencies.yaml, or of a standard body: <key>-<jurisdiction>, "
            "e.g. so-noi-vu-lam-dong"
        ),
    )
    return False


def _check_event_order(events: Sequence[SuccessionEvent], report: Report) -> None:
    """An agency can only hand on duties it received: its own event is not older than the one that made it."""
    received: dict[str, tuple[dt.date, SuccessionEvent]] = {}
    for event in events:
        day = earliest(event.date)
        if day is None:
            continue
        for successor in event.successors:
            if successor.agency_id not in received or received[successor.agency_id][0] < day:
                received[successor.agency_id] = (day, event)
    for event in events:
        day = earliest(event.date)
        if day is None or event.generated:
            continue
        for agency_id in event.from_ids:
            if agency_id in received and day < received[agency_id][0]:
                before = received[agency_id]
                report.error(
                    event.loc,
                    "date",
                    msg(
                        "this event ({date}) is dated before the event that made '{id}' a successor ({earlier}, at {where})",
                        date=format_date(day),
                        id=agency_id,
                        earlier=format_date(before[0]),
                        where=before[1].loc,
                    ),
                    msg("dates of a chain of events go forward; check the two dates"),
                )


def _check_succession_cycles(events: Sequence[SuccessionEvent], report: Report) -> None:
    """No agency may, through its successors, become its own successor. Walked iteratively."""
    graph: dict[str, list[tuple[str, SuccessionEvent]]] = {}
    for event in events:
        for agency_id in event.from_ids:
            for successor in event.successors:
                graph.setdefault(agency_id, []).append((successor.agency_id, event))
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()
    for start in graph:
        if start in state:
            continue
        path: list[str] = [start]
        stack = [iter(graph.get(start, ()))]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            target, event = step
            if state.get(target) == 1:
                cycle = path[path.index(target) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    report.error(
                        event.loc,
                        event.loc.field,
                        msg("the succession events form a cycle: {chain}", chain=" → ".join([*cycle, target])),
                        msg("a body's duties go to bodies that come after it; remove the event pointing back"),
                    )
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append(iter(graph.get(target, ())))


def check_documents(documents: Sequence[Document], plans: Sequence[Plan], report: Report) -> None:
    _duplicates(((d.id, d.loc) for d in documents), msg("document"), report)
    by_number: dict[tuple[str, str], Document] = {}
    for doc in documents:
        if isinstance(doc.number, str) and not isinstance(doc.date, Unknown):
            key = (doc.number, doc.date.isoformat())
            if key in by_number:
                loc = doc.number_loc or doc.loc
                report.error(
                    loc,
                    loc.field,
                    msg(
                        "'{number}' of {date} is already defined as '{id}'",
                        number=doc.number,
                        date=doc.date.strftime("%d/%m/%Y"),
                        id=by_number[key].id,
                    ),
                    msg("a document with the same number and date is the same document; keep one entry"),
                )
            by_number.setdefault(key, doc)
    targets = {d.id for d in documents} | {p.id for p in plans}
    relations = [r for d in documents for r in d.relations]
    for rel in relations:
        if rel.target_id not in targets:
            report.error(
                rel.loc,
                rel.loc.field,
                msg(
                    "unknown document '{id}'{suggestion}",
                    id=rel.target_id,
                    suggestion=did_you_mean(rel.target_id, targets),
                ),
                msg("a relation's target is a document id from data/documents.yaml or a plan id"),
            )
        elif rel.target_id == rel.source_id:
            report.error(
                rel.loc,
                rel.loc.field,
                msg("a document cannot relate to itself"),
                msg("remove this relation, or point it at the other document you meant"),
            )
    chain_relations = [*relations, *_plan_relations(plans)]
    _check_cycles(chain_relations, report)
    _check_chain_lengths(chain_relations, targets, report)


def _plan_relations(plans: Sequence[Plan]) -> list[Relation]:
    """A plan's ``implements:`` as relations: chains and cycles run through plans too."""
    return [
        Relation(RelationType.IMPLEMENTS, plan.id, ref.document_id, ref.editorial, ref.note, ref.loc)
        for plan in plans
        for ref in plan.implements
    ]


#: A cycle of more records than twice this is shown by its first and last records.
_CYCLE_ENDS = 6


def _check_cycles(relations: Sequence[Relation], report: Report) -> None:
    """Report each cycle of relations once, at the relation that closes it.

    Walked depth first with an explicit stack (a chain of thousands of documents must not exhaust
    Python's recursion limit), in linear time: the path to the current record is kept with the
    position of each record on it, so a cycle is cut out of the path without a search.
    """
    graph: dict[str, list[Relation]] = {}
    for rel in relations:
        if rel.target_id != rel.source_id:
            graph.setdefault(rel.source_id, []).append(rel)
    done: set[str] = set()
    reported: set[frozenset[str]] = set()
    for root in list(graph):
        if root in done:
            continue
        on_path: dict[str, int] = {root: 0}  # record → its position on the path
        path: list[Relation] = []  # path[i] leads from the record at position i to the next
        stack = [iter(graph.get(root, ()))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                finished = path.pop().target_id if path else root
                del on_path[finished]
                done.add(finished)
                continue
            target = step.target_id
            if target in on_path:
                cycle = [*path[on_path[target] :], step]
                members = frozenset(r.source_id for r in cycle)
                if members not in reported:
                    reported.add(members)
                    ids = [r.source_id for r in cycle] + [target]
                    if len(ids) > 2 * _CYCLE_ENDS:  # keep a long cycle's message readable
                        ids = [*ids[:_CYCLE_ENDS], "…", *ids[-_CYCLE_ENDS:]]
                    chain = " → ".join(ids)
                    report.error(
                        step.loc,
                        step.loc.field,
                        msg("the relations form a cycle: {chain}", chain=chain),
                        msg(
                            "a document implements or continues older documents only; remove the relation pointing back"
                        ),
                    )
            elif target not in done:
                on_path[target] = len(path) + 1
                path.append(step)
                stack.append(iter(graph.get(target, ())))


#: The most documents and plans one chain of 'thuc-hien' / 'tiep-tuc' relations may link. The site
#: shows each document's chain; real chains link a handful, so a longer one is a mistake in the data.
MAX_CHAIN_LENGTH = 1000
_CHAIN_TYPES = (RelationType.IMPLEMENTS, RelationType.CONTINUES)


def _check_chain_lengths(relations: Sequence[Relation], known: set[str], report: Report) -> None:
    """Report chains of implements/continues relations longer than :data:`MAX_CHAIN_LENGTH`.

    Linear: the longest chain ending at each record is counted once, in topological order (older
    documents first). Skipped when the relations have a cycle, which is reported already.
    """
    older: dict[str, list[Relation]] = {}
    newer_count: dict[str, int] = {}
    for rel in relations:
        if rel.type in _CHAIN_TYPES and rel.target_id in known and rel.target_id != rel.source_id:
            older.setdefault(rel.source_id, []).append(rel)
            newer_count[rel.target_id] = newer_count.get(rel.target_id, 0) + 1
            newer_count.setdefault(rel.source_id, 0)
    # Kahn's algorithm from the newest records (nothing relates to them) towards the oldest
    order: list[str] = [record for record, count in newer_count.items() if count == 0]
    for record in order:  # the list grows while it is walked
        for rel in older.get(record, ()):
            newer_count[rel.target_id] -= 1
            if newer_count[rel.target_id] == 0:
                order.append(rel.target_id)
    if len(order) < len(newer_count):
        return  # a cycle
    length: dict[str, int] = {}  # the longest chain from this record back to the oldest
    for record in reversed(order):
        length[record] = 1 + max((length[rel.target_id] for rel in older.get(record, ())), default=0)
    for record in order:
        for rel in older.get(record, ()):
            if length[rel.target_id] == MAX_CHAIN_LENGTH and length[record] == MAX_CHAIN_LENGTH + 1:
                oldest = rel.target_id
                while older.get(oldest):
                    oldest = max(older[oldest], key=lambda r: length[r.target_id]).target_id
                report.error(
                    rel.loc,
                    rel.loc.field,
                    msg(
                        "this relation makes a chain of more than {limit} documents and plans, from '{oldest}' to '{newest}'",
                        limit=format(MAX_CHAIN_LENGTH, ","),
                        oldest=oldest,
                        newest=record,
                    ),
                    msg(
                        "a chain ('thuc-hien', 'tiep-tuc') this long is almost always a mistake, such as relations "
                        "pointing the wrong way; check the relations of these documents"
                    ),
                )
                break


def check_plans(
    plans: Sequence[Plan],
    agencies: Sequence[Agency] | None,
    groups: Sequence[Group] | None,
    documents: Sequence[Document] | None,
    report: Report,
    events: Sequence[SuccessionEvent] | None = None,
    functions: Sequence[Function] | None = None,
) -> None:
    """References from plans. ``None`` means that file kind failed to load: its checks are skipped."""
    _duplicates(((p.id, p.loc) for p in plans), msg("plan"), report)
    splits = _SplitCheck(events, functions) if events is not None and functions is not None else None
    actors: dict[str, Agency | Group] | None = None
    if agencies is not None and groups is not None:
        all_actors: list[Agency | Group] = [*agencies, *groups]
        actors = {}
        for actor in all_actors:  # the first of duplicate ids: the duplicate is reported already
            actors.setdefault(actor.id, actor)
    doc_ids = {d.id for d in documents} if documents is not None else None
    for plan in plans:
        if actors is not None:
            _check_actor(plan.issuer_id, plan.issuer_loc, actors, report)
            for recipient in plan.recipients:
                for agency_id in recipient.agency_ids:
                    _check_actor(agency_id, recipient.loc, actors, report)
        if doc_ids is not None:
            for ref in plan.implements:
                _check_document(ref.document_id, ref.loc, doc_ids, report)
            if plan.decision is not None:
                _check_document(plan.decision.document_id, plan.decision.document_loc, doc_ids, report)
        for clause, ancestors in _walk_with_ancestors(plan):
            _check_clause(clause, ancestors, actors, doc_ids, report)
            if splits is not None:
                for assignment in clause.roles:
                    splits.check(assignment, report)


class _SplitCheck:
    """A duty's functions (``functions:`` on a role) must be known, noted, and received by a successor."""

    def __init__(self, events: Sequence[SuccessionEvent], functions: Sequence[Function]) -> None:
        self.function_ids = {f.id for f in functions}
        self.routing: dict[str, SuccessionEvent] = {}
        for event in sorted(events, key=lambda e: earliest(e.date) or dt.date.min):
            if event.routes_by_function:
                for agency_id in event.from_ids:
                    self.routing.setdefault(agency_id, event)

    def check(self, assignment: RoleAssignment, report: Report) -> None:
        if not assignment.functions:
            return
        loc = assignment.loc
        unknown = [f for f in assignment.functions if f not in self.function_ids]
        for function_id in unknown:
            report.error(
                loc,
                loc.field,
                msg(
                    "unknown function '{id}'{suggestion}",
                    id=function_id,
                    suggestion=did_you_mean(function_id, self.function_ids),
                ),
                msg("use the id of a function listed under 'functions:' in data/succession.yaml"),
            )
        if not assignment.note:
            report.warning(
                loc,
                loc.field,
                msg(
                    "the functions of '{id}' in this clause are an editorial reading and have no note",
                    id=assignment.actor_id,
                ),
                msg("add 'note:' saying why this duty concerns these functions"),
            )
        event = self.routing.get(assignment.actor_id)
        if event is None or unknown:
            return
        received = {f for s in event.successors for f in s.functions}
        if not received & set(assignment.functions):
            report.error(
                loc,
                loc.field,
                msg(
                    "no successor of '{id}' receives the function(s) {functions} in the split of {date} ({where})",
                    id=assignment.actor_id,
                    functions=", ".join(assignment.functions),
                    date=format_date(earliest(event.date) or dt.date.min) if earliest(event.date) else "?",
                    where=event.loc,
                ),
                msg(
                    "give this duty a function that one of the successors receives, or add the function to a "
                    "successor in data/succession.yaml"
                ),
            )


def _walk_with_ancestors(plan: Plan) -> Iterable[tuple[Clause, tuple[Clause, ...]]]:
    def walk(clause: Clause, ancestors: tuple[Clause, ...]) -> Iterable[tuple[Clause, tuple[Clause, ...]]]:
        yield clause, ancestors
        for child in clause.children:
            yield from walk(child, ancestors + (clause,))

    for clause in plan.top_clauses():
        yield from walk(clause, ())


def _check_clause(
    clause: Clause,
    ancestors: tuple[Clause, ...],
    actors: dict[str, Agency | Group] | None,
    doc_ids: set[str] | None,
    report: Report,
) -> None:
    seen: dict[str, str] = {}
    context = _ClauseText(clause, ancestors)
    for assignment in clause.roles:
        if actors is not None and not _check_actor(assignment.actor_id, assignment.loc, actors, report):
            continue
        if assignment.actor_id in seen:
            first_role = seen[assignment.actor_id]
            if first_role == assignment.role.value:
                problem = msg("'{id}' is listed twice as {role}", id=assignment.actor_id, role=first_role)
            else:
                problem = msg(
                    "'{id}' is listed as both {role} and {other}",
                    id=assignment.actor_id,
                    role=first_role,
                    other=assignment.role.value,
                )
            report.error(
                assignment.loc,
                assignment.loc.field,
                problem,
                msg("an agency has one role per clause; keep the one the text states"),
            )
        seen.setdefault(assignment.actor_id, assignment.role.value)
        if assignment.editorial and not assignment.note:
            report.warning(
                assignment.loc,
                assignment.loc.field,
                msg(
                    "the editorial reading '{id}' ({role}) has no note",
                    id=assignment.actor_id,
                    role=assignment.role.value,
                ),
                msg("add 'note:' saying why this agency is inferred, so readers can judge the reading"),
            )
        if not assignment.editorial and actors is not None:
            actor = actors[assignment.actor_id]
            if not context.names(actor_spellings(actor)):
                report.warning(
                    assignment.loc,
                    assignment.loc.field,
                    msg(
                        "'{name}' is given a stated role but is not named in the clause or its headings",
                        name=actor.name,
                    ),
                    msg(
                        "if the text does not name it, mark the role 'editorial: true' with a 'note:'; "
                        "if it uses another spelling, add that spelling to the agency"
                    ),
                )
    for ref in clause.basis:
        if doc_ids is not None:
            _check_document(ref.document_id, ref.loc, doc_ids, report)
        if ref.editorial and not ref.note:
            report.warning(
                ref.loc,
                ref.loc.field,
                msg("the editorial basis '{id}' has no note", id=ref.document_id),
                msg("add 'note:' saying what the text says and why this document is linked"),
            )
    if clause.deadline and clause.text and not _quoted(clause.deadline.text, clause.text):
        report.warning(
            clause.deadline.loc,
            clause.deadline.loc.field,
            msg("the deadline '{deadline}' is not written in the clause text", deadline=clause.deadline.text),
            msg("a deadline quotes the words of the text; copy them exactly"),
        )
    for footnote in clause.footnotes:
        if footnote.marker not in f"{clause.title or ''} {clause.text or ''}":
            report.error(
                footnote.loc,
                footnote.loc.field,
                msg("the clause's text has no footnote marker '{marker}'", marker=footnote.marker),
                msg(
                    "a footnote belongs to the clause whose words carry its marker: move it there, or copy the "
                    "marker into the text where the official text prints it"
                ),
            )
    if clause.check:
        report.warning(
            clause.loc,
            f"{clause.loc.field}.check",
            msg("marked for checking: {reason}", reason=clause.check),
            msg("check this against the official text, then remove the 'check:' line"),
        )


class _ClauseText:
    """A clause's text and its headings, searched for the names of agencies (folded only if needed)."""

    def __init__(self, clause: Clause, ancestors: tuple[Clause, ...]) -> None:
        parts = [*(a.title or "" for a in ancestors), clause.title or "", clause.text or ""]
        self.text = " ".join(filter(None, parts))
        self._folded: str | None = None

    def names(self, names: Iterable[str]) -> bool:
        """Whether one of ``names`` is written here, whatever the case and the accents: as
        :func:`_mentions` on the folded text, which is spared when a name is written just as it is."""
        names = tuple(names)
        if any(_written_as_is(self.text, name) for name in names):
            return True
        if self._folded is None:
            self._folded = fold(self.text)
        return any(_mentions(self._folded, name) for name in names)


#: Characters around a name written as is that make it a whole word of the folded text too: they
#: fold to themselves, are no word characters, and no case rule (Greek final sigma) looks past them.
_PLAIN_BOUNDARY = frozenset(' \t\n,;()"-/!?')


def _written_as_is(text: str, name: str) -> bool:
    start = text.find(name) if name else -1
    while start != -1:
        end = start + len(name)
        if (start == 0 or text[start - 1] in _PLAIN_BOUNDARY) and (end == len(text) or text[end] in _PLAIN_BOUNDARY):
            return True
        start = text.find(name, start + 1)
    return False


def _quoted(words: str, text: str) -> bool:
    """Whether ``words`` are in ``text``, whatever the case and the accents (folded, unless they are
    there as written: Latin letters and punctuation fold one by one, so they fold the same there)."""
    if words in text and folds_by_character(words):
        return True
    return fold(words) in fold(text)


def _mentions(folded_context: str, name: str) -> bool:
    r"""Whether the folded ``name`` is a whole word (or words) of ``folded_context``.

    As ``re.search(r"(?<!\w)name(?!\w)")``, by ``str.find``: a pattern that starts with a lookbehind
    is tried at every position of the text, which made this check a third of the clause checks.
    """
    needle = _folded(name)
    start = folded_context.find(needle)
    while start != -1:
        end = start + len(needle)
        if (start == 0 or not _is_word(folded_context[start - 1])) and (
            end == len(folded_context) or not _is_word(folded_context[end])
        ):
            return True
        start = folded_context.find(needle, start + 1)
    return False


def _is_word(char: str) -> bool:
    r"""``\w`` of Python's ``re`` for text: a letter or digit of any script, or ``_``."""
    return char.isalnum() or char == "_"


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    return fold(name)


def _check_actor(actor_id: str, loc: Loc, actors: dict[str, Agency | Group], report: Report) -> bool:
    if actor_id in actors:
        return True
    report.error(
        loc,
        loc.field,
        msg("unknown agency or group '{id}'{suggestion}", id=actor_id, suggestion=did_you_mean(actor_id, actors)),
        msg("use an id defined in data/agencies.yaml, or add the agency there first"),
    )
    return False


def _check_document(doc_id: str, loc: Loc, doc_ids: set[str], report: Report) -> None:
    if doc_id not in doc_ids:
        report.error(
            loc,
            loc.field,
            msg("unknown document '{id}'{suggestion}", id=doc_id, suggestion=did_you_mean(doc_id, doc_ids)),
            msg("use an id defined in data/documents.yaml, or add the document there first"),
        )

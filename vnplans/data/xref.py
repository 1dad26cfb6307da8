"""Stage 2b: checks across files — ids, references, cycles — and warnings about editorial practice."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .diagnostics import Loc, Report, did_you_mean
from .messages import Message, msg
from .model import Agency, Clause, Document, Group, Plan, Relation, Unknown
from .records import GroupSpec
from .values import fold


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
    agencies: Sequence[Agency], groups: Sequence[Group], specs: dict[str, GroupSpec], report: Report
) -> list[Group]:
    """Check group members and expand ``member_kinds``; members come back in agency order."""
    agency_ids = {a.id for a in agencies}
    resolved = []
    for group in groups:
        spec = specs[group.id]
        for member, loc in (*spec.members, *spec.exclude):
            if member not in agency_ids:
                report.error(
                    loc,
                    loc.field,
                    msg("unknown agency '{id}'{suggestion}", id=member, suggestion=did_you_mean(member, agency_ids)),
                    msg("members are agency ids defined under 'agencies:' in data/agencies.yaml"),
                )
        excluded = {m for m, _ in spec.exclude}
        wanted = {m for m, _ in spec.members} | {a.id for a in agencies if a.kind in spec.member_kinds}
        members = tuple(a.id for a in agencies if a.id in wanted - excluded)
        resolved.append(replace(group, members=members))
    return resolved


def check_agencies(agencies: Sequence[Agency], groups: Sequence[Group], report: Report) -> None:
    actors: list[Agency | Group] = [*agencies, *groups]
    _duplicates(((x.id, x.loc) for x in actors), msg("agency or group"), report)
    spelled: dict[str, tuple[str, Loc]] = {}
    for actor in actors:
        written = dict(actor.text_locs)
        for spelling in actor_spellings(actor):
            key = spelling.casefold()
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
                    msg("a spelling links text to one agency only; remove it from one of them"),
                )
            spelled.setdefault(key, (actor.id, loc))


def actor_spellings(actor: Agency | Group) -> tuple[str, ...]:
    """Every way the texts name an agency or group, for linking and for the stated-role check."""
    names = [actor.name, *actor.spellings]
    if isinstance(actor, Agency):
        names += actor.short_names
    return tuple(dict.fromkeys(names))


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
    _check_cycles(relations, report)


def _check_cycles(relations: Sequence[Relation], report: Report) -> None:
    graph: dict[str, list[Relation]] = {}
    for rel in relations:
        if rel.target_id != rel.source_id:
            graph.setdefault(rel.source_id, []).append(rel)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(node: str, path: list[Relation]) -> None:
        state[node] = 1
        for rel in graph.get(node, ()):
            if state.get(rel.target_id) == 1:
                start = next(i for i, r in enumerate(path + [rel]) if r.source_id == rel.target_id)
                cycle = (path + [rel])[start:]
                members = frozenset(r.source_id for r in cycle)
                if members not in reported:
                    reported.add(members)
                    chain = " → ".join([r.source_id for r in cycle] + [rel.target_id])
                    report.error(
                        rel.loc,
                        rel.loc.field,
                        msg("the relations form a cycle: {chain}", chain=chain),
                        msg(
                            "a document implements or continues older documents only; remove the relation pointing back"
                        ),
                    )
            elif state.get(rel.target_id) is None:
                visit(rel.target_id, path + [rel])
        state[node] = 2

    for node in list(graph):
        if node not in state:
            visit(node, [])


def check_plans(
    plans: Sequence[Plan],
    agencies: Sequence[Agency] | None,
    groups: Sequence[Group] | None,
    documents: Sequence[Document] | None,
    report: Report,
) -> None:
    """References from plans. ``None`` means that file kind failed to load: its checks are skipped."""
    _duplicates(((p.id, p.loc) for p in plans), msg("plan"), report)
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
    context = fold(" ".join(filter(None, [*(a.title or "" for a in ancestors), clause.title or "", clause.text or ""])))
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
            if not any(_mentions(context, name) for name in actor_spellings(actor)):
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
    if clause.deadline and clause.text and fold(clause.deadline.text) not in fold(clause.text):
        report.warning(
            clause.deadline.loc,
            clause.deadline.loc.field,
            msg("the deadline '{deadline}' is not written in the clause text", deadline=clause.deadline.text),
            msg("a deadline quotes the words of the text; copy them exactly"),
        )
    if clause.check:
        report.warning(
            clause.loc,
            f"{clause.loc.field}.check",
            msg("marked for checking: {reason}", reason=clause.check),
            msg("check this against the official text, then remove the 'check:' line"),
        )


def _mentions(folded_context: str, name: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(fold(name)) + r"(?!\w)", folded_context) is not None


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

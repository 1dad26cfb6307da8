"""Stage 2a: turn schema-valid data into typed records, checking what a schema cannot.

Checks here are local to one file: real dates, the official numbering of clauses (order, duplicates,
nesting), deadlines. Checks across files are in :mod:`vnplans.data.xref`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .diagnostics import Loc, Report
from .messages import EMPTY, Message, msg
from .model import (
    REPEAT_MARK,
    Appendix,
    Article,
    BasisRef,
    BodySetUse,
    Certainty,
    ChangeKind,
    Clause,
    Deadline,
    Decision,
    Document,
    DocumentRef,
    Footnote,
    Function,
    Group,
    Jurisdiction,
    JurisdictionChange,
    LegalStatus,
    Level,
    Period,
    Plan,
    Recipient,
    Relation,
    RelationType,
    Role,
    RoleAssignment,
    Signer,
    SuccessionEvent,
    Successor,
    Unknown,
    Verification,
    appendix_ref,
    clause_anchor,
)
from .numbering import DASHES, LETTERS, ROMAN, clause_ref, is_roman
from .values import normalize_deadline, parse_date
from .vocab import NumberingMark
from .yamlio import PathKey, YamlDoc, format_path

OPENING_ANCHOR = "mo-dau"
CLOSING_ANCHOR = "doan-ket"


class _Builder:
    """Shared helpers: reading optional fields of a checked mapping, with locations for errors."""

    def __init__(self, doc: YamlDoc, report: Report) -> None:
        self.doc = doc
        self.report = report

    def error(self, path: PathKey, message: Message, hint: Message = EMPTY) -> None:
        self.report.error(self.doc.loc(path), format_path(path), message, hint)

    def date(self, value: Any, path: PathKey) -> dt.date | Unknown:
        if isinstance(value, dict):
            not_before = None
            if "not_before" in value:
                parsed = self._parse_date(value["not_before"], path + ("not_before",))
                not_before = parsed if isinstance(parsed, dt.date) else None
            return Unknown(value["unknown"], not_before)
        parsed = self._parse_date(value, path)
        return parsed if isinstance(parsed, dt.date) else Unknown("ngày không hợp lệ trong dữ liệu")

    def _parse_date(self, value: str, path: PathKey) -> dt.date | None:
        parsed = parse_date(value)
        if isinstance(parsed, Message):
            self.error(path, parsed, msg("check the day and the month; dates are written DD/MM/YYYY, e.g. 05/04/2021"))
            return None
        return parsed

    def period(self, item: dict[str, Any], path: PathKey) -> Period:
        """``from:`` and ``until:`` of a block; either may be missing (open) or unknown."""
        start = self.date(item["from"], path + ("from",)) if "from" in item else None
        end = self.date(item["until"], path + ("until",)) if "until" in item else None
        return Period(start, end)

    @staticmethod
    def text_or_unknown(value: Any) -> str | Unknown:
        return Unknown(value["unknown"]) if isinstance(value, dict) else value


@dataclass
class _RowCount:
    """The highest row number seen so far in an appendix table, across its group rows."""

    count: int = 0


@dataclass(frozen=True)
class GroupSpec:
    """How a group's membership is written, before it is resolved against all agencies."""

    members: tuple[tuple[str, Loc], ...]
    member_kinds: tuple[str, ...]
    exclude: tuple[tuple[str, Loc], ...]


@dataclass(frozen=True)
class AgencyEntry:
    """An agency as data/agencies.yaml writes it, before the standard bodies fill in what it leaves out."""

    id: str
    jurisdiction_id: str
    standard_key: str | None
    name: str | None
    kind: str | None
    short_names: tuple[str, ...]
    spellings: tuple[str, ...]
    period: Period
    note: str | None
    loc: Loc
    text_locs: tuple[tuple[str, Loc], ...]
    jurisdiction_loc: Loc
    standard_loc: Loc | None


def build_agencies(doc: YamlDoc, report: Report) -> tuple[list[AgencyEntry], list[Group], dict[str, GroupSpec]]:
    """Agency entries and groups of ``agencies.yaml``. Groups come back with no members yet.

    :func:`vnplans.data.bodies.instantiate` turns the entries (and the standard bodies) into agencies;
    :func:`vnplans.data.xref.resolve_groups` fills in the groups' members from the returned specs.
    """
    builder = _Builder(doc, report)
    entries = []
    for index, item in enumerate(doc.data["agencies"]):
        path: PathKey = ("agencies", index)
        entries.append(
            AgencyEntry(
                id=item["id"],
                jurisdiction_id=item["jurisdiction"],
                standard_key=item.get("standard"),
                name=item.get("name"),
                kind=item.get("kind"),
                short_names=tuple(item.get("short_names", ())),
                spellings=tuple(item.get("spellings", ())),
                period=builder.period(item, path),
                note=item.get("note"),
                loc=doc.loc(path),
                text_locs=_text_locs(doc, path, item),
                jurisdiction_loc=doc.loc(path + ("jurisdiction",)),
                standard_loc=doc.loc(path + ("standard",)) if "standard" in item else None,
            )
        )
    groups: list[Group] = []
    specs: dict[str, GroupSpec] = {}
    for index, item in enumerate(doc.data.get("groups", ())):
        path = ("groups", index)
        groups.append(
            Group(
                id=item["id"],
                name=item["name"],
                spellings=tuple(item.get("spellings", ())),
                members=(),
                note=item["note"],
                loc=doc.loc(path),
                text_locs=_text_locs(doc, path, item),
                jurisdiction_id=item["jurisdiction"],
            )
        )
        specs[item["id"]] = GroupSpec(
            members=tuple((m, doc.loc(path + ("members", i))) for i, m in enumerate(item.get("members", ()))),
            member_kinds=tuple(item.get("member_kinds", ())),
            exclude=tuple((m, doc.loc(path + ("exclude", i))) for i, m in enumerate(item.get("exclude", ()))),
        )
    return entries, groups, specs


@dataclass(frozen=True)
class StandardBody:
    """One body of a standard set; ``name`` and spellings hold ``{dia_ban}``, ``{ten}``, ``{don_vi}``."""

    key: str
    name: str
    short_names: tuple[str, ...]
    spellings: tuple[str, ...]
    kind: str
    loc: Loc


@dataclass(frozen=True)
class BodySet:
    id: str
    title: str
    level: Level
    bodies: tuple[StandardBody, ...]
    loc: Loc


@dataclass(frozen=True)
class SuccessorKey:
    key: str
    functions: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True)
class Transition:
    """A change every jurisdiction with both sets goes through: e.g. Sở KHĐT merged into Sở Tài chính."""

    kind: ChangeKind
    from_keys: tuple[tuple[str, Loc], ...]
    to: tuple[SuccessorKey, ...]
    basis: tuple[DocumentRef, ...]
    certainty: Certainty
    note: str | None
    loc: Loc


@dataclass(frozen=True)
class StandardBodies:
    sets: tuple[BodySet, ...]
    transitions: tuple[Transition, ...]


def build_standard_bodies(doc: YamlDoc, report: Report) -> StandardBodies:
    sets = []
    for index, item in enumerate(doc.data["sets"]):
        path: PathKey = ("sets", index)
        bodies = tuple(
            StandardBody(
                key=body["key"],
                name=body["name"],
                short_names=tuple(body.get("short_names", ())),
                spellings=tuple(body.get("spellings", ())),
                kind=body["kind"],
                loc=doc.loc(path + ("bodies", b_index)),
            )
            for b_index, body in enumerate(item["bodies"])
        )
        sets.append(BodySet(item["id"], item["title"], Level(item["level"]), bodies, doc.loc(path)))
    transitions = []
    for index, item in enumerate(doc.data.get("transitions", ())):
        path = ("transitions", index)
        transitions.append(
            Transition(
                kind=ChangeKind(item["kind"]),
                from_keys=tuple((k, doc.loc(path + ("from", i))) for i, k in enumerate(item["from"])),
                to=tuple(
                    SuccessorKey(t["key"], tuple(t.get("functions", ())), doc.loc(path + ("to", i)))
                    for i, t in enumerate(item["to"])
                ),
                basis=_document_refs(doc, item.get("basis", ()), path + ("basis",)),
                certainty=Certainty(item["certainty"]),
                note=item.get("note"),
                loc=doc.loc(path),
            )
        )
    return StandardBodies(tuple(sets), tuple(transitions))


@dataclass(frozen=True)
class JurisdictionsFile:
    as_of: dt.date | None
    as_of_loc: Loc
    jurisdictions: tuple[Jurisdiction, ...]
    changes: tuple[JurisdictionChange, ...]


def build_jurisdictions(doc: YamlDoc, report: Report) -> JurisdictionsFile:
    builder = _Builder(doc, report)
    jurisdictions = []
    for index, item in enumerate(doc.data["jurisdictions"]):
        path: PathKey = ("jurisdictions", index)
        uses = tuple(
            BodySetUse(
                use["set"], builder.period(use, path + ("bodies", u_index)), doc.loc(path + ("bodies", u_index, "set"))
            )
            for u_index, use in enumerate(item.get("bodies", ()))
        )
        jurisdictions.append(
            Jurisdiction(
                id=item["id"],
                name=item["name"],
                proper_name=item.get("proper_name", item["name"]),
                unit=item.get("unit", ""),
                level=Level(item["level"]),
                parent_id=item.get("parent"),
                period=builder.period(item, path),
                body_sets=uses,
                note=item.get("note"),
                loc=doc.loc(path),
            )
        )
    changes = tuple(
        JurisdictionChange(
            kind=ChangeKind(item["kind"]),
            from_ids=tuple(item["from"]),
            to_ids=tuple(item["to"]),
            date=builder.date(item["date"], ("changes", index, "date")),
            basis=_document_refs(doc, item.get("basis", ()), ("changes", index, "basis")),
            certainty=Certainty(item["certainty"]),
            note=item.get("note"),
            loc=doc.loc(("changes", index)),
        )
        for index, item in enumerate(doc.data.get("changes", ()))
    )
    as_of = builder.date(doc.data["as_of"], ("as_of",))
    return JurisdictionsFile(
        as_of if isinstance(as_of, dt.date) else None, doc.loc(("as_of",)), tuple(jurisdictions), changes
    )


@dataclass(frozen=True)
class SuccessionFile:
    functions: tuple[Function, ...]
    events: tuple[SuccessionEvent, ...]


def build_succession(doc: YamlDoc, report: Report) -> SuccessionFile:
    builder = _Builder(doc, report)
    functions = tuple(
        Function(item["id"], item["name"], doc.loc(("functions", index)))
        for index, item in enumerate(doc.data.get("functions", ()))
    )
    events = []
    for index, item in enumerate(doc.data["events"]):
        path: PathKey = ("events", index)
        certainty = Certainty(item["certainty"])
        successors = []
        for s_index, entry in enumerate(item["to"]):
            s_path = path + ("to", s_index)
            if isinstance(entry, str):
                successors.append(Successor(entry, (), certainty, (), None, doc.loc(s_path)))
                continue
            successors.append(
                Successor(
                    agency_id=entry["agency"],
                    functions=tuple(entry.get("functions", ())),
                    certainty=Certainty(entry["certainty"]) if "certainty" in entry else certainty,
                    basis=_document_refs(doc, entry.get("basis", ()), s_path + ("basis",)),
                    note=entry.get("note"),
                    loc=doc.loc(s_path + ("agency",)),
                )
            )
        events.append(
            SuccessionEvent(
                kind=ChangeKind(item["kind"]),
                from_ids=tuple(item["from"]),
                successors=tuple(successors),
                date=builder.date(item["date"], path + ("date",)),
                basis=_document_refs(doc, item.get("basis", ()), path + ("basis",)),
                certainty=certainty,
                note=item.get("note"),
                loc=doc.loc(path),
            )
        )
    return SuccessionFile(functions, tuple(events))


def _document_refs(doc: YamlDoc, items: Any, path: PathKey) -> tuple[DocumentRef, ...]:
    out = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            out.append(DocumentRef(item, None, doc.loc(path + (index,))))
        else:
            out.append(DocumentRef(item["document"], item.get("article"), doc.loc(path + (index, "document"))))
    return tuple(out)


def _text_locs(doc: YamlDoc, path: PathKey, item: dict[str, Any]) -> tuple[tuple[str, Loc], ...]:
    """Where the name, each short name and each spelling of an agency or group is written."""
    locs = {item["name"]: doc.loc(path + ("name",))} if "name" in item else {}
    for key in ("short_names", "spellings"):
        for index, text in enumerate(item.get(key, ())):
            locs.setdefault(text, doc.loc(path + (key, index)))
    return tuple(locs.items())


def build_documents(doc: YamlDoc, report: Report) -> list[Document]:
    builder = _Builder(doc, report)
    documents = []
    for index, item in enumerate(doc.data["documents"]):
        path: PathKey = ("documents", index)
        relations = tuple(
            Relation(
                type=RelationType(rel["type"]),
                source_id=item["id"],
                target_id=rel["target"],
                editorial=rel.get("editorial", False),
                note=rel.get("note"),
                loc=doc.loc(path + ("relations", r_index, "target")),
            )
            for r_index, rel in enumerate(item.get("relations", ()))
        )
        signer = item.get("signer")
        effective = item.get("effective_date")
        status = item.get("status")
        documents.append(
            Document(
                id=item["id"],
                type=item["type"],
                number=builder.text_or_unknown(item["number"]),
                date=builder.date(item["date"], path + ("date",)),
                issuer=item["issuer"],
                title=builder.text_or_unknown(item["title"]),
                signer=None if signer is None else builder.text_or_unknown(signer),
                source_url=item.get("source_url"),
                verification=Verification(item["verification"]),
                verification_note=item.get("verification_note"),
                relations=relations,
                note=item.get("note"),
                loc=doc.loc(path),
                number_loc=doc.loc(path + ("number",)),
                effective_date=None if effective is None else builder.date(effective, path + ("effective_date",)),
                status=None if status is None else LegalStatus(status),
                fields=tuple(item.get("fields", ())),
            )
        )
        _check_effective_date(documents[-1], doc.loc(path + ("effective_date",)), report)
    return documents


def _check_effective_date(document: Document, loc: Loc, report: Report) -> None:
    """A document takes effect on or after the day it is issued: an earlier date is a typing slip."""
    issued, effective = document.date, document.effective_date
    if isinstance(issued, dt.date) and isinstance(effective, dt.date) and effective < issued:
        report.warning(
            loc,
            loc.field,
            msg(
                "the effective date {effective} is before the date of issue {issued}",
                effective=effective.strftime("%d/%m/%Y"),
                issued=issued.strftime("%d/%m/%Y"),
            ),
            msg("check both dates against the document; a document takes effect on or after the day it is issued"),
        )


class PlanBuilder(_Builder):
    """Builds one :class:`Plan`, checking the official numbering as it walks the clause tree."""

    def __init__(self, doc: YamlDoc, report: Report, file_stem: str) -> None:
        super().__init__(doc, report)
        self.file_stem = file_stem

    def build(self) -> Plan:
        data = self.doc.data
        if data["id"] != self.file_stem:
            self.error(
                ("id",),
                msg("the plan id '{id}' differs from the file name '{stem}.yaml'", id=data["id"], stem=self.file_stem),
                msg("rename the file to '{id}.yaml' or set 'id: {stem}'", id=data["id"], stem=self.file_stem),
            )
        issuer = data["issuer"]
        signer = data["signer"]
        source = data.get("source", {})
        return Plan(
            id=data["id"],
            type=data["type"],
            number=self.text_or_unknown(data["number"]),
            date=self.date(data["date"], ("date",)),
            issuer_id=issuer["agency"],
            issuer_loc=self.doc.loc(("issuer", "agency")),
            issuer_editorial=issuer.get("editorial", False),
            issuer_note=issuer.get("note"),
            title=data["title"],
            implements=tuple(self.basis(data.get("implements", ()), ("implements",))),
            opening=self.paragraph(data.get("opening"), ("opening",), "Mở đầu", OPENING_ANCHOR),
            sections=tuple(self._numbered(data["sections"], ("sections",), None)),
            closing=self.paragraph(data.get("closing"), ("closing",), "Đoạn kết", CLOSING_ANCHOR),
            recipients=tuple(
                Recipient(r, (), self.doc.loc(("recipients", i)))
                if isinstance(r, str)
                else Recipient(r["text"], tuple(r.get("agencies", ())), self.doc.loc(("recipients", i, "agencies")))
                for i, r in enumerate(data.get("recipients", ()))
            ),
            signer=Signer(signer["name"], signer.get("authority"), signer.get("position")),
            source_url=source.get("url"),
            source_file=source.get("text_file"),
            source_note=source.get("note"),
            note=data.get("note"),
            file=self.doc.display,
            loc=self.doc.loc(()),
            decision=self.decision(data.get("decision")),
            type_line=data.get("type_line"),
            appendices=tuple(
                self.appendix(item, index + 1, ("appendices", index))
                for index, item in enumerate(data.get("appendices", ()))
            ),
        )

    def decision(self, data: dict[str, Any] | None) -> Decision | None:
        if data is None:
            return None
        signer = data.get("signer")
        return Decision(
            document_id=data["document"],
            document_loc=self.doc.loc(("decision", "document")),
            authority=data.get("authority"),
            title=data.get("title"),
            preamble=data.get("preamble"),
            articles=tuple(Article(a["number"], a["text"]) for a in data.get("articles", ())),
            signer=None if signer is None else Signer(signer["name"], signer.get("authority"), signer.get("position")),
            type=data.get("type", "quyet-dinh"),
            to=tuple(data.get("to", ())),
            text=data.get("text"),
        )

    def appendix(self, data: dict[str, Any], index: int, path: PathKey) -> Appendix:
        """An appendix; its rows are numbered like sections, their refs prefixed ``PL<index>.``."""
        items = self._numbered(data["items"], path + ("items",), None, prefix=appendix_ref(index), rows=_RowCount())
        return Appendix(index=index, title=data["title"], caption=data.get("caption"), items=tuple(items))

    def paragraph(self, data: dict[str, Any] | None, path: PathKey, ref: str, anchor: str) -> Clause | None:
        if data is None:
            return None
        return self._clause(data, path, ref=ref, number="", label="", anchor=anchor, depth=0, children=())

    def _numbered(
        self,
        items: list[dict[str, Any]],
        path: PathKey,
        parent: tuple[str, str, int] | None,
        *,
        prefix: str = "",
        rows: _RowCount | None = None,
    ) -> list[Clause]:
        """Clauses of one list; ``parent`` is the enclosing clause's (ref, number, depth), or None.

        ``prefix`` is put before every ref (``PL1`` for the rows of the first appendix: ``PL1.2``).
        ``rows`` is given for an appendix table, whose rows may go on counting across group rows
        (I: 1, 2; II: 3, 4) as well as start again under each group (I: 1, 2; II: 1, 2).
        """
        out: list[Clause] = []
        seen: dict[str, int] = {}  # number → index of its first use in this list
        uses: dict[str, int] = {}  # number → how many times it is used so far
        dash_count = 0
        offset = 0
        shift = 0  # how far a marked number (bo-so, lap-so) moved the list from counting by position
        if rows is not None and parent is not None and is_roman(parent[1]):
            first = next((item["number"] for item in items if item["number"] not in DASHES), None)
            if rows.count and first == str(rows.count + 1):
                offset = rows.count
        for index, item in enumerate(items):
            item_path = path + (index,)
            number = item["number"]
            mark = item.get("numbering")
            position = index - dash_count + offset + shift
            self._check_number(number, position, parent, item_path, seen, mark=mark, went_on=bool(offset))
            if mark is not None and number not in DASHES and (at := _position_of(number)) is not None:
                shift += at - position  # the text goes on counting from the number it printed
            seen.setdefault(number, index)
            uses[number] = uses.get(number, 0) + 1
            if number in DASHES:
                dash_count += 1
                ref = clause_ref(number, parent[:2] if parent else None, dash_count)
                label = number
            else:
                ref = clause_ref(number, parent[:2] if parent else None)
                label = f"{number}." if _is_dotted(number) else f"{number})"
                if uses[number] > 1:  # a number the text repeats (marked lap-so): "II.3~2"
                    ref = f"{ref}{REPEAT_MARK}{uses[number]}"
            depth = parent[2] + 1 if parent else 1
            here = (ref, number, depth)
            children: tuple[Clause, ...] = ()
            if "items" in item:
                children = tuple(self._numbered(item["items"], item_path + ("items",), here, prefix=prefix, rows=rows))
            if rows is not None and number.isdigit():
                rows.count = max(rows.count, int(number))
            cited = f"{prefix}.{ref}" if prefix else ref
            out.append(
                self._clause(
                    item,
                    item_path,
                    ref=cited,
                    number=number,
                    label=label,
                    anchor=clause_anchor(cited),
                    depth=depth,
                    children=children,
                )
            )
        return out

    def _check_number(
        self,
        number: str,
        index: int,
        parent: tuple[str, str, int] | None,
        path: PathKey,
        seen: dict[str, int],
        *,
        mark: str | None = None,
        went_on: bool = False,
    ) -> None:
        """Check a number against the list so far. ``index`` is the position the list expects it at;
        ``mark`` (bo-so, lap-so) says the official text really skips to or repeats this number."""
        where = path + ("number",)
        if number in DASHES:
            if parent is None:
                self.error(
                    where, msg("a dash bullet cannot stand at the top level"), msg("put it inside a numbered item")
                )
            return
        expected = _expected_at(index, number, parent)
        if mark is not None and _position_of(number) is None:
            expected = None  # a mark keeps an official number, never a number that is not one
        if number in seen and mark != NumberingMark.REPEAT.value:
            first_line = self.doc.loc(path[:-1] + (seen[number], "number")).line
            self.error(
                where,
                msg("duplicate clause number '{number}' (already used on line {line})", number=number, line=first_line),
                msg(
                    "each item of a list has its own number; renumber it as in the official text, or, if the "
                    "official text really repeats it, write 'numbering: lap-so' with a 'note:'"
                ),
            )
            return
        if expected is None:
            if parent is None:
                problem = msg("'{number}' is not a valid number for a top-level section", number=number)
            else:
                problem = msg(
                    "'{number}' is not a valid number for an item under '{parent}'", number=number, parent=parent[1]
                )
            self.error(where, problem, _numbering_hint(parent))
        elif expected != number and mark is None:
            went_on_words = msg(" (numbering goes on from the group above)") if went_on else EMPTY
            self.error(
                where,
                msg(
                    "clause number '{number}' is item {position} of its list; expected '{expected}'{went_on}",
                    number=number,
                    position=index + 1,
                    expected=expected,
                    went_on=went_on_words,
                ),
                msg(
                    "numbers must follow the official text in order; check for a missing, repeated or misplaced "
                    "item; if the official text really numbers it so, write 'numbering: bo-so' with a 'note:'"
                ),
            )

    def _clause(
        self,
        data: dict[str, Any],
        path: PathKey,
        *,
        ref: str,
        number: str,
        label: str,
        anchor: str,
        depth: int,
        children: tuple[Clause, ...],
    ) -> Clause:
        deadline = None
        if "deadline" in data:
            raw = data["deadline"]
            normalized = raw.get("normalized") or normalize_deadline(raw["text"])
            if (
                "normalized" in raw
                and raw["normalized"][:4].isdigit()
                and "-" in raw["normalized"]
                and "Q" not in raw["normalized"]
            ):
                checked = parse_date(raw["normalized"])
                if isinstance(checked, Message):
                    self.error(path + ("deadline", "normalized"), checked, msg("write the date as YYYY-MM-DD"))
                    normalized = None
            deadline = Deadline(raw["text"], normalized, self.doc.loc(path + ("deadline", "text")))
        if "title" not in data and "text" not in data and not children:
            self.error(
                path,
                msg("the clause has neither a title nor a text"),
                msg("copy the clause's words from the official text into 'text:'"),
            )
        return Clause(
            ref=ref,
            number=number,
            label=label,
            title=data.get("title"),
            text=data.get("text"),
            roles=tuple(self.roles(data.get("roles", {}), path + ("roles",))),
            basis=tuple(self.basis(data.get("basis", ()), path + ("basis",))),
            deadline=deadline,
            note=data.get("note"),
            check=data.get("check"),
            children=children,
            depth=depth,
            loc=self.doc.loc(path),
            anchor=anchor,
            numbering=data.get("numbering"),
            footnotes=tuple(
                Footnote(f["marker"], f["text"], self.doc.loc(path + ("footnotes", i, "marker")))
                for i, f in enumerate(data.get("footnotes", ()))
            ),
        )

    def roles(self, data: dict[str, list[Any]], path: PathKey) -> list[RoleAssignment]:
        out = []
        for role in Role:  # display order, whatever the order in the file
            for index, entry in enumerate(data.get(role.value, ())):
                entry_path = path + (role.value, index)
                if isinstance(entry, str):
                    out.append(RoleAssignment(role, entry, False, None, self.doc.loc(entry_path)))
                else:
                    out.append(
                        RoleAssignment(
                            role,
                            entry["agency"],
                            entry.get("editorial", False),
                            entry.get("note"),
                            self.doc.loc(entry_path + ("agency",)),
                            tuple(entry.get("functions", ())),
                        )
                    )
        return out

    def basis(self, data: Any, path: PathKey) -> list[BasisRef]:
        out = []
        for index, entry in enumerate(data):
            if isinstance(entry, str):
                out.append(BasisRef(entry, False, None, self.doc.loc(path + (index,))))
            else:
                out.append(
                    BasisRef(
                        entry["document"],
                        entry.get("editorial", False),
                        entry.get("note"),
                        self.doc.loc(path + (index, "document")),
                    )
                )
        return out


def _is_dotted(number: str) -> bool:
    return is_roman(number) or number[0].isdigit()


def _expected_at(index: int, number: str, parent: tuple[str, str, int] | None) -> str | None:
    """The number the ``index``-th numbered item of a list should have, in the style of ``number``.

    Returns ``None`` when ``number``'s style cannot appear at this level. Counting by position, not
    from the previous item, keeps one wrong number from making every later one look wrong.
    """
    parent_number = parent[1] if parent else None
    if is_roman(number):
        return ROMAN[index] if parent is None and index < len(ROMAN) else None
    if number in LETTERS:
        return LETTERS[index] if parent is not None and index < len(LETTERS) else None
    # arabic, possibly dotted: "3" under a roman section or at the top; "2.4" under "2"
    parts = number.split(".")
    if parent_number is None or is_roman(parent_number):
        prefix: list[str] = []
    elif parent_number[0].isdigit():
        prefix = parent_number.split(".")
    else:
        return None  # digits under a letter or a dash: not an official style
    if parts[:-1] != prefix:
        return None
    return ".".join(prefix + [str(index + 1)])


def _position_of(number: str) -> int | None:
    """Where ``number`` stands in its list, counting from 0: ``II`` → 1, ``c`` → 2, ``2.4`` → 3."""
    if is_roman(number):
        return ROMAN.index(number) if number in ROMAN else None
    if number in LETTERS:
        return LETTERS.index(number)
    last = number.split(".")[-1]
    return int(last) - 1 if last.isdigit() and int(last) > 0 else None


def _numbering_hint(parent: tuple[str, str, int] | None) -> Message:
    if parent is None:
        return msg("top-level sections are numbered I, II, III… (or 1, 2, 3…)")
    number = parent[1]
    if is_roman(number):
        return msg("items of a section are numbered 1, 2, 3… (or a, b, c…, or '-' for dash bullets)")
    if number[0].isdigit():
        return msg("items under '{number}' are numbered {number}.1, {number}.2… (or a, b, c…, or '-')", number=number)
    return msg("items under a lettered item are dash bullets ('-' or '+')")

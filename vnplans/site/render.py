"""Rendering: one Jinja template per page type turns a route's record into the page's HTML, once.

Escaping lives here and only here: templates are autoescaped, so every data value reaches the page
escaped wherever it lands (text, attributes, the page title and description, the table of
contents); editorial notes go through the allow-list sanitiser of :mod:`.notes`; the official text
is emitted as escaped text with links added around whole runs, never as HTML or Markdown of its own.

A template renders the page's body as HTML and sets, at its top level, ``title`` and ``description``
(``{% set title %}…{% endset %}``, so they are autoescaped like the rest). Headings that belong in the
page's table of contents go through :meth:`PageHelpers.heading` (or :meth:`PageHelpers.contents`),
which records them while the body renders. The result, :class:`RenderedPage`, carries HTML only:
MkDocs and Material print a page's title, description and contents as HTML, and the export writes
the same HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from ..data.model import (
    AGENCY_KIND_LABELS,
    DUTY_ROLES,
    Agency,
    Clause,
    Deadline,
    DocType,
    Document,
    Group,
    Jurisdiction,
    JurisdictionChange,
    Level,
    Plan,
    Portfolio,
    Relation,
    RelationType,
    Role,
    RoleAssignment,
    Unknown,
    format_date,
)
from ..data.schema import ALL_SCHEMA_FILES
from ..data.succession import Step
from ..data.values import slugify
from . import routes
from .duties import ActorDuties, ClauseContext, all_duties, clause_contexts
from .linking import Linker
from .notes import note_html
from .opendata import DATASETS, LICENCE_NAME, LICENCE_URL
from .routes import ActorInPlan, DocumentInPlan, Route, lower_first, plan_label
from .today import InheritedDuty, Today

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
UNKNOWN_LABEL = "chưa xác định"
#: Shown in a duty sheet's deadline column when the clause gives none: the text is silent, not late.
NO_DEADLINE_LABEL = "văn bản không nêu thời hạn"
#: How many clauses of one plan a document's page lists before it sends the reader to the plan's page.
CITATIONS_SHOWN_PER_PLAN = 5
#: Plans the home page shows (the most recent); the plans index lists them all.
HOME_PLANS = 10
#: Words of a clause shown in a duty sheet's "what to do" column (the full quote is below it).
FIRST_WORDS = 16
#: Words of a clause without a title shown beside its number in the matrix.
MATRIX_WORDS = 10


@dataclass(frozen=True)
class SourceLinks:
    """Where the data lives, for edit buttons: ``https://github.com/ORG/REPO`` and the branch."""

    repo_url: str | None = None
    branch: str = "main"

    def edit_url(self, file: str) -> str | None:
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{file}" if self.repo_url else None

    def view_url(self, file: str, line: int = 0) -> str | None:
        if not self.repo_url:
            return None
        anchor = f"#L{line}" if line else ""
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{file}{anchor}"


@dataclass(frozen=True)
class Lineage:
    """The documents around one document in the implementation chains (implements, continues).

    Each side is a tuple of levels, nearest first: ``ancestors[0]`` is what the document implements
    or continues, ``ancestors[1]`` what those do, and so on; ``descendants`` the other way. Every
    record appears once, at its shortest distance, so a branching graph is shown in as many entries
    as it has records, never once per path. Each side stops after :data:`LINEAGE_LEVELS` levels and
    says whether the chain goes on (``more_ancestors``, ``more_descendants``): the furthest page shown
    continues it, and no page grows with the length of the whole chain.
    """

    ancestors: tuple[tuple[Plan | Document, ...], ...]
    descendants: tuple[tuple[Plan | Document, ...], ...]
    more_ancestors: bool = False
    more_descendants: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.ancestors and not self.descendants


@dataclass(frozen=True)
class RelationGroup:
    """One kind of relation in a document's lược đồ: its label and the records, each with the
    relation (None for a plan that cites the document in its clauses)."""

    label: str
    items: tuple[tuple[Plan | Document, Relation | None], ...]


@dataclass(frozen=True)
class MatrixRow:
    """One clause of the matrix and, for each column, the actor's role in it (or None)."""

    context: ClauseContext
    cells: tuple[RoleAssignment | None, ...]

    @property
    def caption(self) -> str:
        """What the row is about, in the text's words: the clause's title, or its first words."""
        clause = self.context.clause
        return clause.title or first_words(clause.text, MATRIX_WORDS)


CHAIN_RELATIONS = (RelationType.IMPLEMENTS, RelationType.CONTINUES)
#: Levels of a chain shown on each side of a document: enough for real chains (Bộ Chính trị → Ban Bí
#: thư → Tỉnh ủy → UBND tỉnh → sở → huyện), and a bound, so that a chain of N documents builds in
#: time linear in N instead of N pages of N entries.
LINEAGE_LEVELS = 6


class SiteContext:
    """Everything templates may ask about the portfolio, computed once per build."""

    def __init__(self, portfolio: Portfolio, source: SourceLinks, site_url: str | None = None) -> None:
        self.portfolio = portfolio
        self.source = source
        #: the site's public address ("https://…/"), or None when the build does not know it
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.published = routes.published_agencies(portfolio)
        self.linker = Linker(portfolio, (*self.published, *portfolio.groups))
        self.duties: dict[str, ActorDuties] = all_duties(portfolio)
        self.today = Today(portfolio, self.duties)
        self.actor_plans = self._actor_plans()
        self.jurisdictions = routes.published_jurisdictions(portfolio, self.published)
        self.citations = _citations(portfolio)
        self.citations_by_plan: dict[str, tuple[tuple[Plan, tuple[ClauseContext, ...]], ...]] = {
            document_id: _by_plan(contexts) for document_id, contexts in self.citations.items()
        }
        self.routes: list[Route] = routes.build_routes(
            portfolio,
            self.published,
            self.actor_plans,
            {doc_id: tuple(plan for plan, _ in plans) for doc_id, plans in self.citations_by_plan.items()},
        )
        self._citations_in = {
            (document_id, plan.id): contexts
            for document_id, plans in self.citations_by_plan.items()
            for plan, contexts in plans
        }
        self._basis_cache: dict[str, Mapping[str, Sequence[Document]]] = {}
        self._relations_from: dict[str, list[Relation]] = {}
        self._relations_to: dict[str, list[Relation]] = {}
        for relation in portfolio.relations():
            self._relations_from.setdefault(relation.source_id, []).append(relation)
            self._relations_to.setdefault(relation.target_id, []).append(relation)

    def _actor_plans(self) -> dict[str, tuple[Plan, ...]]:
        """The plans of each actor's per-plan pages: where it has duties, or inherited them."""
        out: dict[str, tuple[Plan, ...]] = {}
        for actor_id, duties in self.duties.items():
            plans = {plan.id for plan, _ in duties.plans}
            plans.update(d.duty.plan.id for d in self.today.inherited(actor_id))
            out[actor_id] = tuple(p for p in self.portfolio.plans if p.id in plans)
        return out

    def inherited_in(self, actor_id: str, plan: Plan) -> tuple[InheritedDuty, ...]:
        """Duties of one plan that came to ``actor_id`` through succession."""
        return tuple(d for d in self.today.inherited(actor_id) if d.duty.plan.id == plan.id)

    def inherited_by_plan(self, actor_id: str) -> dict[str, int]:
        """How many duties ``actor_id`` inherited in each plan (plan id → count)."""
        counts: dict[str, int] = {}
        for duty in self.today.inherited(actor_id):
            counts[duty.duty.plan.id] = counts.get(duty.duty.plan.id, 0) + 1
        return counts

    def predecessors(self, actor_id: str) -> list[tuple[Agency, tuple[Step, ...], int, int]]:
        """The bodies whose duties ``actor_id`` carries: (body, chain to it, sure duties, possible duties)."""
        out: dict[str, list[Any]] = {}
        for duty in self.today.inherited(actor_id):
            entry = out.setdefault(duty.named.id, [duty.named, duty.steps, 0, 0])
            entry[3 if duty.candidate else 2] += 1
        return [(a, steps, sure, possible) for a, steps, sure, possible in out.values()]

    def in_jurisdiction(self, jurisdiction_id: str) -> list[tuple[str, list[Agency]]]:
        """The published agencies of a jurisdiction, by kind, names in Vietnamese order."""
        out = []
        for kind, label in AGENCY_KIND_LABELS.items():
            members = sorted(
                (a for a in self.published if a.kind == kind and a.jurisdiction_id == jurisdiction_id),
                key=lambda a: vi_sort_key(a.name),
            )
            if members:
                out.append((label, members))
        return out

    def changes_from(self, jurisdiction_id: str) -> list[JurisdictionChange]:
        """The changes that ended a jurisdiction (merged into another, abolished)."""
        return [c for c in self.portfolio.changes if jurisdiction_id in c.from_ids]

    def changes_to(self, jurisdiction_id: str) -> list[JurisdictionChange]:
        """The changes that made a jurisdiction larger or new."""
        return [c for c in self.portfolio.changes if jurisdiction_id in c.to_ids]

    def plans_of(self, jurisdiction_id: str) -> list[Plan]:
        return [p for p in self.portfolio.plans if self.home_jurisdiction(p) == jurisdiction_id]

    def address(self, url: str) -> str:
        """The public address of a page: absolute when the build knows the site's, else from the root."""
        return (self.site_url or "/") + url

    # -- lookups used by templates -------------------------------------------------------------
    def home_jurisdiction(self, plan: Plan) -> str:
        """Where the names of a plan's text resolve: its issuer's jurisdiction."""
        return self.portfolio.agency(plan.issuer_id).jurisdiction_id

    def actor(self, actor_id: str) -> Agency | Group:
        return self.portfolio.actor(actor_id)

    def document(self, document_id: str) -> Document:
        return self.portfolio.document(document_id)

    def agencies_by_kind(self) -> list[tuple[str, list[Agency]]]:
        """Agency index sections in the order of :data:`AGENCY_KIND_LABELS`, names in Vietnamese order."""
        out = []
        for kind, label in AGENCY_KIND_LABELS.items():
            members = sorted((a for a in self.published if a.kind == kind), key=lambda a: vi_sort_key(a.name))
            if members:
                out.append((label, members))
        return out

    def documents_by_date(self) -> list[Document]:
        """Documents as the index lists them: newest first; an unknown date by its "not before", else last."""

        def issued(document: Document) -> dt.date:
            if isinstance(document.date, dt.date):
                return document.date
            return document.date.not_before or dt.date.min

        return sorted(self.portfolio.documents, key=issued, reverse=True)

    def document_types(self) -> list[tuple[str, str]]:
        """The document types in use, (id, label), in the vocabulary's order: the index's type filter."""
        used = {d.type for d in self.portfolio.documents}
        return [(t.value, t.label) for t in DocType if t.value in used]

    def document_issuers(self) -> list[str]:
        """The issuers named by the documents, in Vietnamese order: the index's issuer filter."""
        return sorted({d.issuer for d in self.portfolio.documents}, key=vi_sort_key)

    def document_years(self) -> list[int]:
        """The years of issue known, newest first: the index's year filter."""
        return sorted({d.date.year for d in self.portfolio.documents if isinstance(d.date, dt.date)}, reverse=True)

    def has_undated_documents(self) -> bool:
        return any(isinstance(d.date, Unknown) for d in self.portfolio.documents)

    def relations_from(self, record_id: str) -> list[Relation]:
        return self._relations_from.get(record_id, [])

    def relations_to(self, record_id: str) -> list[Relation]:
        return self._relations_to.get(record_id, [])

    def relation_groups(self, record_id: str) -> tuple[list[RelationGroup], list[RelationGroup]]:
        """The relations of a document, for its lược đồ: (what it relates to, what relates to it),
        each grouped by kind in the order of :class:`RelationType`. The plans whose clauses cite the
        document as their basis are a group of the second list ("Được dẫn chiếu làm căn cứ")."""
        outgoing: dict[RelationType, list[tuple[Plan | Document, Relation | None]]] = {}
        incoming: dict[RelationType, list[tuple[Plan | Document, Relation | None]]] = {}
        for rel in self.relations_from(record_id):
            outgoing.setdefault(rel.type, []).append((self.record(rel.target_id), rel))
        for rel in self.relations_to(record_id):
            incoming.setdefault(rel.type, []).append((self.record(rel.source_id), rel))
        cited = [(plan, None) for plan, _ in self.plans_citing(record_id)]
        outs = [RelationGroup(t.forward, tuple(outgoing[t])) for t in RelationType if t in outgoing]
        ins = [RelationGroup(t.backward, tuple(incoming[t])) for t in RelationType if t in incoming]
        if cited:
            ins.append(RelationGroup("Được kế hoạch dẫn chiếu làm căn cứ", tuple(cited)))
        return outs, ins

    def record(self, record_id: str) -> Plan | Document:
        try:
            return self.portfolio.document(record_id)
        except KeyError:
            return self.portfolio.plan(record_id)

    def lineage(self, document: Document) -> Lineage:
        """The implementation chains through ``document``, level by level (see :class:`Lineage`)."""
        ancestors, more_ancestors = self._levels(document.id, upward=True)
        descendants, more_descendants = self._levels(document.id, upward=False)
        return Lineage(ancestors, descendants, more_ancestors, more_descendants)

    def _levels(self, start: str, upward: bool) -> tuple[tuple[tuple[Plan | Document, ...], ...], bool]:
        """Up to :data:`LINEAGE_LEVELS` levels from ``start``, and whether there are more beyond."""
        # Breadth first, iteratively, each record once: linear in the relations reached, whatever
        # the depth (no recursion limit) and however the chains branch and join.
        seen = {start}
        frontier = [start]
        levels: list[tuple[Plan | Document, ...]] = []
        while frontier:
            found = []
            for record_id in frontier:
                if upward:
                    nexts = [r.target_id for r in self.relations_from(record_id) if r.type in CHAIN_RELATIONS]
                else:
                    nexts = [r.source_id for r in self.relations_to(record_id) if r.type in CHAIN_RELATIONS]
                for next_id in nexts:
                    if next_id not in seen:
                        seen.add(next_id)
                        found.append(next_id)
            if found and len(levels) == LINEAGE_LEVELS:
                return tuple(levels), True
            if found:
                levels.append(tuple(self.record(i) for i in found))
            frontier = found
        return tuple(levels), False

    def basis_index(self, plan: Plan) -> Mapping[str, Sequence[Document]]:
        """The documents that may be linked by number alone in a plan's text, by folded number: every
        document the plan's editor tied to the plan or to one of its clauses. One pass per plan."""
        if plan.id not in self._basis_cache:
            ids: dict[str, None] = {ref.document_id: None for ref in plan.implements}
            for clause in plan.clauses():
                ids.update((ref.document_id, None) for ref in clause.basis)
            self._basis_cache[plan.id] = Linker.index_by_number(self.document(i) for i in ids)
        return self._basis_cache[plan.id]

    def clause_citing(self, document_id: str) -> list[ClauseContext]:
        return self.citations.get(document_id, [])

    def plans_citing(self, document_id: str) -> tuple[tuple[Plan, tuple[ClauseContext, ...]], ...]:
        """The clauses citing a document, by plan in portfolio order."""
        return self.citations_by_plan.get(document_id, ())

    def citations_in(self, document_id: str, plan: Plan) -> tuple[ClauseContext, ...]:
        """The clauses of one plan citing a document, in document order."""
        return self._citations_in.get((document_id, plan.id), ())

    def latest_plans(self, count: int = HOME_PLANS) -> list[Plan]:
        """The ``count`` most recent plans (by date of issue; an unknown date by its "not before", or last)."""

        def issued(plan: Plan) -> dt.date:
            if isinstance(plan.date, dt.date):
                return plan.date
            return plan.date.not_before or dt.date.min

        return sorted(self.portfolio.plans, key=issued, reverse=True)[:count]

    def figures(self) -> dict[str, int]:
        """Key figures for the home page."""
        named = {r.actor_id for p in self.portfolio.plans for c in p.clauses() for r in c.roles}
        return {
            "plans": len(self.portfolio.plans),
            "clauses": sum(p.clause_count for p in self.portfolio.plans),
            "named_agencies": len(named - self.portfolio.group_ids),
            "documents": len(self.portfolio.documents),
        }

    def matrix(self, plan: Plan) -> tuple[list[Agency | Group], list[MatrixRow]]:
        """Columns (actors with a role in the plan) and rows (clauses with roles), for the matrix.

        Columns come in order of involvement (:func:`involvement_order`): who leads first, then who
        performs, who partners, and last who is only advised or reported to.
        """
        contexts = [c for c in clause_contexts(plan) if c.clause.roles]
        assignments = [a for context in contexts for a in context.clause.roles]
        order = {a.id: i for i, a in enumerate(self.portfolio.actors)}
        columns = [self.actor(actor_id) for actor_id in involvement_order(assignments, order)]
        rows = []
        for context in contexts:
            first: dict[str, RoleAssignment] = {}
            for assignment in context.clause.roles:
                first.setdefault(assignment.actor_id, assignment)
            rows.append(MatrixRow(context, tuple(first.get(actor.id) for actor in columns)))
        return columns, rows


#: How involved a role makes an actor, for the order of the matrix's columns (smaller comes first).
INVOLVEMENT = {Role.LEAD: 0, Role.PERFORM: 1, Role.COORDINATE: 2, Role.ADVISED: 3, Role.REPORTED_TO: 3}


def involvement_order(assignments: Iterable[RoleAssignment], tie_order: Mapping[str, int]) -> list[str]:
    """Actor ids in order of involvement: by their strongest role (lead, perform, partner, advised or
    reported to), then by how many clauses give them that role, most first; ties in ``tie_order``."""
    strongest: dict[str, int] = {}
    counts: dict[tuple[str, int], int] = {}
    for assignment in assignments:
        rank = INVOLVEMENT[assignment.role]
        actor_id = assignment.actor_id
        strongest[actor_id] = min(rank, strongest.get(actor_id, rank))
        counts[actor_id, rank] = counts.get((actor_id, rank), 0) + 1
    return sorted(strongest, key=lambda i: (strongest[i], -counts[i, strongest[i]], tie_order[i]))


def _citations(portfolio: Portfolio) -> dict[str, list[ClauseContext]]:
    out: dict[str, list[ClauseContext]] = {}
    for plan in portfolio.plans:
        for context in clause_contexts(plan):
            for ref in context.clause.basis:
                out.setdefault(ref.document_id, []).append(context)
    return out


def _by_plan(contexts: list[ClauseContext]) -> tuple[tuple[Plan, tuple[ClauseContext, ...]], ...]:
    grouped: dict[str, tuple[Plan, list[ClauseContext]]] = {}
    for context in contexts:
        grouped.setdefault(context.plan.id, (context.plan, []))[1].append(context)
    return tuple((plan, tuple(items)) for plan, items in grouped.values())


_VI_ORDER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
_VI_RANK = {ch: i for i, ch in enumerate(_VI_ORDER)}


def vi_sort_key(text: str) -> tuple[tuple[int, ...], str]:
    """Vietnamese alphabetical order: đ after d, ă and â after a, ơ after o… (not code point order)."""
    lowered = text.lower()
    return tuple(_VI_RANK.get(ch, 1000 + ord(ch)) for ch in lowered), text


# -- filters ---------------------------------------------------------------------------------------


def host(url: str) -> str:
    """The site a link goes to, for a short labelled link: "thuvienphapluat.vn"."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML), for the exported front matter."""
    return json.dumps(str(value), ensure_ascii=False)


def date_label(value: object) -> object:
    """Dates as dd/mm/yyyy, unknowns as "chưa xác định"; any other value unchanged."""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Unknown) or value is None:
        return UNKNOWN_LABEL
    return value


def template_environment() -> jinja2.Environment:
    """The Jinja environment of the site's templates: HTML autoescaping, no undefined names."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


#: Normalised deadlines that name a kind of timing, not a date: their label says less than the text
#: ("định kỳ và đột xuất" is normalised "dinh-ky"), so the text alone is shown.
_TIMING_KINDS = frozenset({"thuong-xuyen", "dinh-ky", "hang-nam"})


def deadline_reading(deadline: Deadline | None) -> str | None:
    """The reading of a deadline shown after its text, when it adds something: "trước ngày 30/6" →
    "30/06/2021". ``None`` for a kind of timing, or when the text already says it."""
    if deadline is None or deadline.normalized is None or deadline.normalized in _TIMING_KINDS:
        return None
    label = deadline.label
    return None if label.casefold() == deadline.text.casefold() else label


_WORD = re.compile(r"\S+")


def first_words(text: str | None, count: int = FIRST_WORDS) -> str:
    """The first ``count`` words of an official text, marked "…" when cut (an excerpt, never a summary)."""
    if not text:
        return ""
    words = _WORD.findall(text)
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


# -- pages -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TocEntry:
    """One entry of a page's table of contents: the heading's level (2 for h2), its id, its title."""

    level: int
    anchor: str
    title: Markup
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class RenderedPage:
    """A page as HTML: ``title`` and ``description`` are escaped text; ``body`` the page's content."""

    route: Route
    title: Markup
    description: Markup
    body: Markup
    toc: tuple[TocEntry, ...]
    hide: tuple[str, ...] = ()  # parts of the theme's layout the page does without (e.g. "toc")
    search_boost: float | None = None  # weight in site search (plans weigh more than other pages)
    searchable: bool = True  # False: a page whose words another page already offers to search
    ids: frozenset[str] = field(default_factory=frozenset)  # every id in the body, for anchor checks


_ID = re.compile(r'\sid="([^"]+)"')


class Renderer:
    """Renders each route's template. One instance per build."""

    def __init__(self, site: SiteContext) -> None:
        self.site = site
        self.env = template_environment()

        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            note=note_html,
            date=date_label,
            vi_sorted=self._vi_sorted,
            first_words=first_words,
            slug=slugify,
            in_sentence=in_sentence,
            host=host,
            deadline_reading=deadline_reading,
        )
        # "ended_body": an agency that no longer exists (today's holders are shown beside its name).
        self.env.tests["ended_body"] = lambda actor: site.today.succession.has_ended(actor)
        self.env.globals.update(
            site=site,
            routes=routes,
            site_plan_label=plan_label,
            Role=Role,
            DUTY_ROLES=DUTY_ROLES,
            Unknown=Unknown,
            UNKNOWN_LABEL=UNKNOWN_LABEL,
            NO_DEADLINE_LABEL=NO_DEADLINE_LABEL,
            LICENCE_NAME=LICENCE_NAME,
            LICENCE_URL=LICENCE_URL,
            CITATIONS_SHOWN_PER_PLAN=CITATIONS_SHOWN_PER_PLAN,
            isinstance=isinstance,
            Plan=Plan,
            Document=Document,
            Group=Group,
            Level=Level,
            as_of=site.portfolio.as_of,
        )

    @staticmethod
    def _vi_sorted(items: Iterable[Any], attribute: str = "name") -> list[Any]:
        return sorted(items, key=lambda item: vi_sort_key(getattr(item, attribute)))

    def render(self, route: Route) -> RenderedPage:
        template = self.env.get_template(route.template)
        helpers = PageHelpers(self.site, route)
        module = template.make_module(
            {
                "route": route,
                "record": route.record,
                "page": helpers,
                "datasets": DATASETS,
                "schema_files": ALL_SCHEMA_FILES,
            }
        )
        body = Markup(str(module).strip() + "\n")
        exported = module.__dict__
        hide = exported.get("hide", ())
        return RenderedPage(
            route=route,
            title=_inline(exported["title"]),
            description=_inline(exported["description"]),
            body=body,
            toc=helpers.toc(),
            hide=tuple(hide),
            search_boost=exported.get("search_boost"),
            searchable=exported.get("searchable", True),
            ids=frozenset(_ID.findall(body)),
        )


def _inline(value: object) -> Markup:
    """A title or description set by a template: one line of escaped text."""
    markup = value if isinstance(value, Markup) else escape(str(value))
    return Markup(" ".join(str(markup).split()))


class PageHelpers:
    """Helpers bound to one page: links are relative to it; headings are recorded for its contents."""

    def __init__(self, site: SiteContext, route: Route) -> None:
        self.site = site
        self.route = route
        record = route.record
        #: the record a mention of which is emphasised instead of linked (the page's own subject)
        if isinstance(record, ActorInPlan):
            self.subject: Any = record.actor
        elif isinstance(record, DocumentInPlan):
            self.subject = record.document
        else:
            self.subject = record
        self._toc: list[tuple[int, str, Markup]] = []

    def url(self, target: str) -> str:
        return routes.relative(self.route.url, target)

    def address(self) -> str | None:
        """This page's public address, when the build knows the site's (``site_url``)."""
        return self.site.site_url + self.route.url if self.site.site_url else None

    def link(self, record: Linkable, text: str | None = None) -> Markup:
        label = text if text is not None else _record_label(record)
        return Markup('<a href="{}">{}</a>').format(self.url(_record_url(record)), label)

    def clause_link(self, plan: Plan, clause: Clause, text: str | None = None) -> Markup:
        label = text if text is not None else _clause_label(clause)
        return Markup('<a href="{}">{}</a>').format(self.url(routes.clause_url(plan, clause)), label)

    def heading(self, level: int, anchor: str, text: str, css_class: str = "", contents: bool = True) -> Markup:
        """``<hN id=…>text<a class="headerlink">#</a></hN>``, recorded in the page's contents."""
        if contents:
            self.contents(level, anchor, text)
        return Markup(
            '<h{0} id="{1}"{2}>{3}<a class="headerlink" href="#{1}" title="Liên kết đến phần này">#</a></h{0}>'
        ).format(level, anchor, Markup(' class="{}"').format(css_class) if css_class else "", text)

    def contents(self, level: int, anchor: str, text: str) -> str:
        """Record a heading the template writes itself in the page's contents; returns nothing."""
        markup = text if isinstance(text, Markup) else escape(text)
        self._toc.append((level, anchor, Markup(" ".join(str(markup).split()))))
        return ""

    def toc(self) -> tuple[TocEntry, ...]:
        """The recorded headings as a tree: each entry holds the deeper ones that follow it."""
        return _toc_tree(self._toc)

    def paragraphs(self, text: str | None, plan: Plan, clause: Clause | None = None) -> list[Markup]:
        """The official text, escaped, one item per paragraph, with agency and document links.

        Mentions of the page's own subject are emphasised instead of linked to the page itself.
        """
        if not text:
            return []
        basis = self.site.basis_index(plan)
        home = self.site.home_jurisdiction(plan)
        out = []
        for paragraph in (p for p in text.split("\n\n") if p.strip()):
            pieces: list[Markup] = []
            for run in self.site.linker.runs(paragraph, basis, jurisdiction_id=home):
                if run.target is None:
                    pieces.append(escape(run.text))
                elif run.target is self.subject:
                    pieces.append(Markup('<strong class="self-mention">{}</strong>').format(run.text))
                else:
                    pieces.append(self.link(run.target, run.text))
            # A line break inside a paragraph (task blocks: "Cơ quan chủ trì: …") stays a line break.
            out.append(Markup("").join(pieces).replace("\n", Markup("<br>\n")))
        return out

    def text(self, text: str | None, plan: Plan, clause: Clause | None = None) -> Markup:
        """A one-paragraph text (a title), linked like :meth:`paragraphs`."""
        return Markup(" ").join(self.paragraphs(text, plan, clause))

    def view_source(self, record: Any) -> str | None:
        loc = record.loc
        return self.site.source.view_url(loc.file, loc.line)


def _toc_tree(flat: list[tuple[int, str, Markup]]) -> tuple[TocEntry, ...]:
    Node = tuple[int, str, Markup, list[Any]]
    root: list[Node] = []
    stack: list[Node] = []
    for level, anchor, title in flat:
        node: Node = (level, anchor, title, [])
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][3] if stack else root).append(node)
        stack.append(node)

    def freeze(node: Node) -> TocEntry:  # heading levels nest at most six deep
        return TocEntry(node[0], node[1], node[2], tuple(freeze(child) for child in node[3]))

    return tuple(freeze(node) for node in root)


Linkable = Agency | Group | Document | Plan | Jurisdiction


def _record_url(record: Linkable) -> str:
    if isinstance(record, (Agency, Group)):
        return routes.agency_url(record)
    if isinstance(record, Document):
        return routes.document_url(record)
    if isinstance(record, Jurisdiction):
        return routes.jurisdiction_url(record)
    return routes.plan_url(record)


def _record_label(record: Linkable) -> str:
    if isinstance(record, (Agency, Group)):
        return record.name
    if isinstance(record, Document):
        return record.short_citation
    if isinstance(record, Jurisdiction):
        return record.title
    return plan_label(record)


def _clause_label(clause: Clause) -> str:
    return f"Mục {clause.ref}" if clause.number else clause.ref


def in_sentence(actor: Agency | Group) -> str:
    """An actor's name inside a sentence: a group's name is a common noun ("các sở, ngành, địa
    phương"); an agency's is a proper name and keeps its capitals ("Sở Tài chính")."""
    return lower_first(actor.name) if isinstance(actor, Group) else actor.name

"""Rendering: one Jinja template per page type turns a route's record into Markdown for MkDocs.

Escaping lives here and only here. Templates are autoescaped (HTML), every data value reaches the
page through a filter that escapes it, and the official text is emitted as escaped text with links
added around whole runs, never as HTML or Markdown of its own.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup, escape

from ..data.model import (
    AGENCY_KIND_LABELS,
    DUTY_ROLES,
    Agency,
    Clause,
    Document,
    Group,
    Plan,
    Portfolio,
    Relation,
    RelationType,
    Role,
    Unknown,
    format_date,
)
from ..data.schema import ALL_SCHEMA_FILES
from . import routes
from .duties import ActorDuties, ClauseContext, all_duties, clause_contexts
from .linking import Linker
from .opendata import DATASETS
from .routes import Route

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
UNKNOWN_LABEL = "chưa xác định"


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


class SiteContext:
    """Everything templates may ask about the portfolio, computed once per build."""

    def __init__(self, portfolio: Portfolio, source: SourceLinks) -> None:
        self.portfolio = portfolio
        self.source = source
        self.published = routes.published_agencies(portfolio)
        self.linker = Linker(portfolio, (*self.published, *portfolio.groups))
        self.duties: dict[str, ActorDuties] = all_duties(portfolio)
        self.routes: list[Route] = routes.build_routes(portfolio)
        self.citations = _citations(portfolio)
        self._basis_cache: dict[tuple[str, str], list[Document]] = {}
        self._relations_from: dict[str, list[Relation]] = {}
        self._relations_to: dict[str, list[Relation]] = {}
        for relation in portfolio.relations():
            self._relations_from.setdefault(relation.source_id, []).append(relation)
            self._relations_to.setdefault(relation.target_id, []).append(relation)

    # -- lookups used by templates -------------------------------------------------------------
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

    def relations_from(self, record_id: str) -> list[Relation]:
        return self._relations_from.get(record_id, [])

    def relations_to(self, record_id: str) -> list[Relation]:
        return self._relations_to.get(record_id, [])

    def record(self, record_id: str) -> Plan | Document:
        try:
            return self.portfolio.document(record_id)
        except KeyError:
            return self.portfolio.plan(record_id)

    def chains(self, document: Document) -> list[list[Plan | Document]]:
        """Implementation chains through ``document`` (older documents first, plans last).

        Only chains with at least one other record are returned; a document with no
        implements/continues relations has none.
        """
        ups = self._walk(document.id, upward=True)
        downs = self._walk(document.id, upward=False)
        out = []
        for up in ups:
            for down in downs:
                if up or down:
                    out.append([self.record(i) for i in [*reversed(up), document.id, *down]])
        return out

    def _walk(self, start: str, upward: bool) -> list[list[str]]:
        """Paths of implements/continues relations from ``start`` (excluded), longest first."""
        kinds = (RelationType.IMPLEMENTS, RelationType.CONTINUES)
        if upward:
            nexts = [r.target_id for r in self.relations_from(start) if r.type in kinds]
        else:
            nexts = [r.source_id for r in self.relations_to(start) if r.type in kinds]
        if not nexts:
            return [[]]
        return [[n, *rest] for n in nexts for rest in self._walk(n, upward)]

    def basis_documents(self, plan: Plan, clause: Clause | None) -> list[Document]:
        """Documents that may be linked by number alone in a clause's text: the clause's own basis,
        then every document the plan's editor tied to the plan. Cached: agency pages quote the same
        clauses many times."""
        key = (plan.id, clause.anchor if clause is not None else "")
        if key not in self._basis_cache:
            ids: dict[str, None] = {}
            if clause is not None:
                ids.update((ref.document_id, None) for ref in clause.basis)
            ids.update((ref.document_id, None) for ref in plan.implements)
            for other in plan.clauses():
                ids.update((ref.document_id, None) for ref in other.basis)
            self._basis_cache[key] = [self.document(i) for i in ids]
        return self._basis_cache[key]

    def clause_citing(self, document_id: str) -> list[ClauseContext]:
        return self.citations.get(document_id, [])

    def figures(self) -> dict[str, int]:
        """Key figures for the home page."""
        named = {r.actor_id for p in self.portfolio.plans for c in p.clauses() for r in c.roles}
        return {
            "plans": len(self.portfolio.plans),
            "clauses": sum(p.clause_count for p in self.portfolio.plans),
            "named_agencies": len(named - self.portfolio.group_ids),
            "documents": len(self.portfolio.documents),
        }

    def matrix(self, plan: Plan) -> tuple[list[Agency | Group], list[ClauseContext]]:
        """Columns (actors with a role in the plan) and rows (clauses with roles), for the matrix."""
        rows = [c for c in clause_contexts(plan) if c.clause.roles]
        seen: dict[str, Agency | Group] = {}
        for context in rows:
            for assignment in context.clause.roles:
                seen.setdefault(assignment.actor_id, self.actor(assignment.actor_id))
        order = {a.id: i for i, a in enumerate(self.portfolio.actors)}
        return sorted(seen.values(), key=lambda a: order[a.id]), rows


def _citations(portfolio: Portfolio) -> dict[str, list[ClauseContext]]:
    out: dict[str, list[ClauseContext]] = {}
    for plan in portfolio.plans:
        for context in clause_contexts(plan):
            for ref in context.clause.basis:
                out.setdefault(ref.document_id, []).append(context)
    return out


_VI_ORDER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
_VI_RANK = {ch: i for i, ch in enumerate(_VI_ORDER)}


def vi_sort_key(text: str) -> tuple[tuple[int, ...], str]:
    """Vietnamese alphabetical order: đ after d, ă and â after a, ơ after o… (not code point order)."""
    lowered = text.lower()
    return tuple(_VI_RANK.get(ch, 1000 + ord(ch)) for ch in lowered), text


# -- filters ---------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~^])")


def md_escape(value: Any) -> Markup:
    """Escape text for a Markdown context (headings, table cells): HTML first, then Markdown marks."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(str(value)))))


_SAFE_LINK = re.compile(r"^(https?://|\.\.?/|#|[a-z0-9-]+/)", re.IGNORECASE)


def note_html(text: str | None) -> Markup:
    """An editorial note: Markdown allowed (emphasis, links), raw HTML and unsafe links refused."""
    if not text:
        return Markup("")
    # Escape HTML before Markdown sees it, so a note can never inject markup.
    rendered = markdown.markdown(html.escape(text, quote=False), output_format="html")

    def check_link(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        return match.group(0) if _SAFE_LINK.match(href) else 'href="#"'

    return Markup(re.sub(r'href="([^"]*)"', check_link, rendered))


def yaml_string(value: str) -> Markup:
    """A double-quoted YAML scalar for front matter (JSON strings are valid YAML)."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


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


class Renderer:
    """Renders each route's template. One instance per build."""

    def __init__(self, site: SiteContext) -> None:
        self.site = site
        self.env = template_environment()
        self.env.filters.update(
            md=md_escape, note=note_html, date=date_label, vi_sorted=self._vi_sorted, yaml_str=yaml_string
        )
        self.env.globals.update(
            site=site,
            routes=routes,
            site_plan_label=plan_label,
            Role=Role,
            DUTY_ROLES=DUTY_ROLES,
            Unknown=Unknown,
            UNKNOWN_LABEL=UNKNOWN_LABEL,
            isinstance=isinstance,
            Plan=Plan,
            Document=Document,
            Group=Group,
        )

    @staticmethod
    def _vi_sorted(items: Iterable[Any], attribute: str = "name") -> list[Any]:
        return sorted(items, key=lambda item: vi_sort_key(getattr(item, attribute)))

    def render(self, route: Route) -> str:
        template = self.env.get_template(route.template)
        helpers = PageHelpers(self.site, route)
        return template.render(
            route=route, record=route.record, page=helpers, datasets=DATASETS, schema_files=ALL_SCHEMA_FILES
        )


class PageHelpers:
    """Helpers bound to one page: links are relative to it."""

    def __init__(self, site: SiteContext, route: Route) -> None:
        self.site = site
        self.route = route

    def url(self, target: str) -> str:
        return routes.relative(self.route.url, target)

    def link(self, record: Agency | Group | Document | Plan, text: str | None = None) -> Markup:
        label = text if text is not None else _record_label(record)
        return Markup('<a href="{}">{}</a>').format(self.url(_record_url(record)), label)

    def clause_link(self, plan: Plan, clause: Clause, text: str | None = None) -> Markup:
        label = text if text is not None else _clause_label(clause)
        return Markup('<a href="{}">{}</a>').format(self.url(routes.clause_url(plan, clause)), label)

    def paragraphs(self, text: str | None, plan: Plan, clause: Clause | None = None) -> list[Markup]:
        """The official text, escaped, one item per paragraph, with agency and document links.

        Mentions of the page's own record are emphasised instead of linked to the page itself.
        """
        if not text:
            return []
        basis = self.site.basis_documents(plan, clause)
        out = []
        for paragraph in (p for p in text.split("\n\n") if p.strip()):
            pieces: list[Markup] = []
            for run in self.site.linker.runs(paragraph, basis):
                if run.target is None:
                    pieces.append(escape(run.text))
                elif run.target is self.route.record:
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


def _record_url(record: Agency | Group | Document | Plan) -> str:
    if isinstance(record, (Agency, Group)):
        return routes.agency_url(record)
    if isinstance(record, Document):
        return routes.document_url(record)
    return routes.plan_url(record)


def _record_label(record: Agency | Group | Document | Plan) -> str:
    if isinstance(record, (Agency, Group)):
        return record.name
    if isinstance(record, Document):
        return record.short_citation
    return plan_label(record)


def _clause_label(clause: Clause) -> str:
    return f"Mục {clause.ref}" if clause.number else clause.ref


def plan_label(plan: Plan) -> str:
    """A short name for a plan: its number when known, otherwise its type and title."""
    if isinstance(plan.number, str):
        return f"{plan.type_label} số {plan.number}"
    return f"{plan.type_label} {plan.title[0].lower()}{plan.title[1:]}" if plan.title else plan.type_label

"""What readers search for, as records built from the model (not from rendered pages).

One record per clause (and per article of a plan's Quyết định), per plan, per assignment matrix, per
agency and group, per legal document, and per section of the prose pages (the editors' guide, open
data). Each record has what is shown in a result (``heading``, ``text``), the names it is known by
(``names``: indexed with weight, each as a whole, so a query that is exactly one of them ranks the
record first), what is indexed but not shown (``keywords``), and what the filters need (plan,
document type, roles).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ...data.model import Clause, Document, Plan, Portfolio, Role, format_date
from ...data.names import actor_spellings
from .. import routes
from ..routes import plan_label


class Kind:
    """Record kinds (one letter each in the index); :data:`KIND_LABELS` words them for readers."""

    CLAUSE = "c"
    PLAN = "p"
    MATRIX = "m"
    AGENCY = "a"
    GROUP = "g"
    DOCUMENT = "d"
    PAGE = "s"


KIND_LABELS: dict[str, str] = {
    Kind.CLAUSE: "Mục",
    Kind.PLAN: "Kế hoạch",
    Kind.MATRIX: "Bảng phân công",
    Kind.AGENCY: "Cơ quan",
    Kind.GROUP: "Nhóm cơ quan",
    Kind.DOCUMENT: "Văn bản",
    Kind.PAGE: "Trang",
}


#: Roles in the order the index numbers them (the order of display).
ROLES: tuple[Role, ...] = tuple(Role)
#: Role number meaning "the record is the agency itself", so an agency filter keeps its own page.
SELF_ROLE = 7

SEPARATOR = " · "


@dataclass(frozen=True)
class SearchRecord:
    kind: str  # a Kind constant
    url: str  # relative to the site root, with the anchor: "ke-hoach/x/#muc-ii-2-4"
    heading: str  # shown as the result's title: "Mục II.2.4", "Sở Nội vụ", "Chỉ thị 42-CT/TW"
    text: str  # shown as the snippet (verbatim official text for clauses)
    #: Indexed with the heading's weight, each a whole name: the heading's words first, then short names,
    #: spellings, a document's number, a clause's number ("II.2.4").
    names: tuple[str, ...]
    keywords: str = ""  # indexed like the text, not shown: spellings, the issuer
    plan: str | None = None  # plan id, for the plan filter and the plan shown under a clause
    doc_type: str | None = None  # a DOC_TYPE_LABELS key, for the document type filter
    roles: tuple[tuple[str, int], ...] = ()  # (actor id, index in ROLES or SELF_ROLE)


def portfolio_records(portfolio: Portfolio) -> Iterator[SearchRecord]:
    """Every record of the portfolio, plans first (each with its clauses), in a stable order."""
    for plan in portfolio.plans:
        yield from plan_records(plan)
    for agency in portfolio.agencies:
        others = actor_spellings(agency)[1:]
        yield SearchRecord(
            Kind.AGENCY,
            routes.agency_url(agency),
            agency.name,
            SEPARATOR.join(
                [agency.kind_label, f"Tên gọi khác: {', '.join(others)}"] if others else [agency.kind_label]
            ),
            names=actor_spellings(agency),
            roles=((agency.id, SELF_ROLE),),
        )
    for group in portfolio.groups:
        spellings = [s for s in group.spellings if s != group.name]
        yield SearchRecord(
            Kind.GROUP,
            routes.agency_url(group),
            group.name,
            SEPARATOR.join(
                ["Nhóm cơ quan", f"Cách viết khác: {'; '.join(spellings)}"] if spellings else ["Nhóm cơ quan"]
            ),
            names=_distinct(group.name, *spellings),
            roles=((group.id, SELF_ROLE),),
        )
    for document in portfolio.documents:
        yield document_record(document)


def plan_records(plan: Plan) -> Iterator[SearchRecord]:
    label = plan_label(plan)
    number = plan.number if isinstance(plan.number, str) else ""
    date = format_date(plan.date) if isinstance(plan.date, dt.date) else ""
    yield SearchRecord(
        Kind.PLAN,
        routes.plan_url(plan),
        label,
        plan.title,
        names=_distinct(f"{plan.type_label} {number}".strip(), number),
        keywords=date,
        plan=plan.id,
        doc_type=plan.type,
    )
    yield SearchRecord(
        Kind.MATRIX,
        routes.matrix_url(plan),
        "Phân công thực hiện",
        f"Bảng phân công theo từng mục và từng cơ quan của {label[0].lower()}{label[1:]}",
        names=("Phân công thực hiện",),
        plan=plan.id,
        doc_type=plan.type,
    )
    if plan.decision is not None:
        decision = plan.decision
        yield SearchRecord(
            Kind.CLAUSE,
            f"{routes.plan_url(plan)}#quyet-dinh",
            "Quyết định ban hành kèm theo",
            " ".join(filter(None, [decision.title, decision.preamble])),
            names=("Quyết định",),
            plan=plan.id,
            doc_type=plan.type,
        )
        for article in decision.articles:
            yield SearchRecord(
                Kind.CLAUSE,
                f"{routes.plan_url(plan)}#{article.anchor}",
                f"Quyết định, Điều {article.number}",
                article.text,
                names=(f"Điều {article.number}",),
                plan=plan.id,
                doc_type=plan.type,
            )
    for clause in plan.clauses():
        yield clause_record(plan, clause)


def clause_record(plan: Plan, clause: Clause) -> SearchRecord:
    ref = clause.ref  # "II.2.4", or "Mở đầu" for the opening, which has no number
    if clause.title:
        heading = f"{ref}. {clause.title}" if clause.number else f"{ref}: {clause.title}"
    else:
        heading = f"Mục {ref}" if clause.number else ref
    roles = tuple((r.actor_id, ROLES.index(r.role)) for r in clause.roles)
    return SearchRecord(
        Kind.CLAUSE,
        routes.clause_url(plan, clause),
        heading,
        clause.text or "",
        names=_distinct(f"{ref} {clause.title}", ref) if clause.title else (ref,),
        plan=plan.id,
        doc_type=plan.type,
        roles=roles,
    )


def document_record(document: Document) -> SearchRecord:
    parts = [document.citation, document.issuer]
    if isinstance(document.title, str):
        parts.append(document.title)
    number = document.number if isinstance(document.number, str) else ""
    return SearchRecord(
        Kind.DOCUMENT,
        routes.document_url(document),
        document.short_citation,
        SEPARATOR.join(parts),
        names=_distinct(f"{document.type_label} {number}".strip(), number),
        doc_type=document.type,
    )


def _distinct(*names: str) -> tuple[str, ...]:
    """The names in order, each once, without empty ones."""
    return tuple(dict.fromkeys(n for n in names if n))


def index_page_record(url: str, title: str) -> SearchRecord:
    """A generated index page (plans, agencies, documents): found by its title."""
    return SearchRecord(Kind.PAGE, url, title, "", names=(title,))


# ------------------------------------------------------------------------------- prose pages ---

_BLOCK = {"p", "li", "td", "th", "tr", "div", "br", "dt", "dd", "pre", "blockquote", "table", "ul", "ol", "section"}
_SECTION_HEADINGS = {"h1", "h2", "h3"}
_SKIP = {"script", "style", "template"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area"}


@dataclass(frozen=True)
class PageSection:
    anchor: str | None  # the heading's id; None for the text before the first heading with an id
    heading: str
    text: str


@dataclass
class _Section:
    anchor: str | None
    heading: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _SectionParser(HTMLParser):
    """Splits a page body (MkDocs' HTML of the Markdown) into sections at h1-h3.

    Permalink signs (``a.headerlink``) and hidden parts are left out; block elements and table
    cells are separated by a space, so cells never run together in a snippet.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[_Section] = [_Section(None)]
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        skip = tag in _SKIP or "headerlink" in classes or "data-search-exclude" in attributes
        if tag not in _VOID:
            self._stack.append((tag, skip))
            if skip:
                self._skip_depth += 1
        if self._skip_depth:
            return
        if tag in _SECTION_HEADINGS:
            self.sections.append(_Section(attributes.get("id")))
            self._in_heading = True
        elif tag in _BLOCK:
            self.sections[-1].text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, skipped = self._stack.pop()
            if skipped:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if tag in _SECTION_HEADINGS:
            self._in_heading = False
        elif tag in _BLOCK and not self._skip_depth:
            self.sections[-1].text.append(" ")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        section = self.sections[-1]
        (section.heading if self._in_heading else section.text).append(data)


def _clean(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", html.unescape("".join(parts))).strip()


def page_sections(page_html: str) -> list[PageSection]:
    """The sections of a prose page: heading and text, without permalink signs or hidden parts."""
    parser = _SectionParser()
    parser.feed(page_html)
    parser.close()
    out = []
    for raw in parser.sections:
        section = PageSection(raw.anchor, _clean(raw.heading), _clean(raw.text))
        if section.heading or section.text:
            out.append(section)
    return out


def page_records(url: str, title: str, page_html: str) -> Iterator[SearchRecord]:
    """A prose page as records: one per section with an anchor; the text before it goes with the page."""
    for section in page_sections(page_html):
        if section.anchor is None or section.heading == title:
            yield SearchRecord(Kind.PAGE, url, title, section.text, names=(title,))
        else:
            yield SearchRecord(
                Kind.PAGE,
                f"{url}#{section.anchor}",
                f"{title}: {section.heading}",
                section.text,
                names=(section.heading,),
            )

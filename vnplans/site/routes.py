"""The route table: every generated page, its public URL, its template and the record it shows.

URLs are ASCII, lowercase and made of ids; once published they are shared and must not change:

=========================================  ===================================================
``/``                                      home
``/ke-hoach/``                             all plans
``/ke-hoach/<plan-id>/``                   a plan's full text (clause anchors ``#muc-ii-2-4``; its Quyết
                                           định ``#quyet-dinh``, ``#dieu-1``; appendix rows ``#muc-pl1-2``)
``/ke-hoach/<plan-id>/phan-cong/``         a plan's assignment matrix (+ ``ma-tran-phan-cong-<plan-id>.csv/.xlsx``)
``/co-quan/``                              agencies, grouped by kind
``/co-quan/<agency-id>/``                  one agency: a summary, and its duties per plan
``/co-quan/<agency-id>/<plan-id>/``        one agency's duties in one plan: the duty sheet and the quotes
``/nhom/<group-id>/``                      a collective actor ("Các sở, ngành, địa phương")
``/nhom/<group-id>/<plan-id>/``            a group's duties in one plan
``/van-ban/``                              legal documents
``/van-ban/<document-id>/``                one legal document
``/van-ban/<document-id>/<plan-id>/``      the clauses of one plan that cite the document, quoted
``/du-lieu-mo/``                           open data (files under ``/du-lieu-mo/``)
=========================================  ===================================================

No page grows with the whole portfolio: what an agency or a document gathers from every plan is
split into one page per plan, and the agency's or the document's own page links to them.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..data.diagnostics import Loc
from ..data.model import Agency, Clause, Document, Group, Jurisdiction, Plan, Portfolio
from ..data.succession import Succession
from ..data.vocab import DocType


@dataclass(frozen=True)
class ActorInPlan:
    """The record of an agency's or group's page for one plan."""

    actor: Agency | Group
    plan: Plan


@dataclass(frozen=True)
class DocumentInPlan:
    """The record of the page that quotes one plan's clauses citing a document."""

    document: Document
    plan: Plan


@dataclass(frozen=True)
class Route:
    """One generated page."""

    src_uri: str  # the Markdown file name handed to MkDocs, e.g. "co-quan/so-tai-chinh.md"
    url: str  # the public URL relative to the site root, e.g. "co-quan/so-tai-chinh/"
    template: str  # the Jinja template, e.g. "agency.html.j2"
    title: str
    record: Any  # the Plan, Agency, Group, Document, ActorInPlan or DocumentInPlan shown; None for indexes
    source: Loc | None  # the data the page comes from, for the edit button

    @property
    def in_nav(self) -> bool:
        """Index pages are in the sidebar; record pages are not (Material renders the whole nav on
        every page, so a nav of records would make the build quadratic)."""
        return self.record is None


def plan_label(plan: Plan) -> str:
    """How the site names a plan (page titles, duty lists, the diff): its number when known, otherwise
    its type and title ("Kế hoạch chuyển đổi số …", "Kế hoạch triển khai Nghị định số 212/2025/NĐ-CP …").
    The title's first letter is lowered only where it starts a common phrase: a title in capitals, or
    one that starts with the name of a document, keeps its case."""
    if isinstance(plan.number, str):
        return f"{plan.type_label} số {plan.number}"
    label = plan.type_label
    suffix = (plan.type_line or "")[len(label) :].strip()
    if suffix and not suffix.startswith("CỦA "):  # "KẾ HOẠCH TRIỂN KHAI" → "Kế hoạch triển khai"
        label = f"{label} {suffix.lower()}"
    title = plan.title
    if not title:
        return label
    named = title == title.upper() or re.match(_DOCUMENT_NAME, title)
    return f"{label} {title if named else lower_first(title)}"


def lower_first(text: str) -> str:
    """``text`` to follow other words: "Thực hiện Kế hoạch…" → "thực hiện Kế hoạch…", "Các sở, ngành" →
    "các sở, ngành". Only a capitalised first word is lowered: a word in capitals ("TRIỂN KHAI",
    "UBND") stays as written, never "tRIỂN KHAI"."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if len(first) > 1 and first[0].isupper() and not first[1:].islower():
        return text
    return text[:1].lower() + text[1:]


#: A title that starts with a document's name ("Nghị định số 212/…") keeps its capital.
_DOCUMENT_NAME = re.compile(
    "(?:" + "|".join(re.escape(t.label) for t in sorted(DocType, key=lambda t: -len(t.label))) + r")\s+(?:số\s+)?\d"
)


def jurisdiction_url(jurisdiction: Jurisdiction) -> str:
    return f"dia-ban/{jurisdiction.id}/"


JURISDICTIONS_URL = "dia-ban/"


def plan_url(plan: Plan) -> str:
    return f"ke-hoach/{plan.id}/"


def matrix_url(plan: Plan) -> str:
    return f"ke-hoach/{plan.id}/phan-cong/"


def matrix_csv_url(plan: Plan) -> str:
    """The matrix as CSV. Named after the plan, so that the downloads of two plans, and the open data's
    ``phan-cong.csv`` (one row per assignment), never share a file name."""
    return f"ke-hoach/{plan.id}/ma-tran-phan-cong-{plan.id}.csv"


def matrix_xlsx_url(plan: Plan) -> str:
    """The matrix as a spreadsheet (.xlsx), named like :func:`matrix_csv_url`."""
    return f"ke-hoach/{plan.id}/ma-tran-phan-cong-{plan.id}.xlsx"


def clause_url(plan: Plan, clause: Clause) -> str:
    return f"{plan_url(plan)}#{clause.anchor}"


def agency_url(actor: Agency | Group) -> str:
    return f"nhom/{actor.id}/" if isinstance(actor, Group) else f"co-quan/{actor.id}/"


def actor_plan_url(actor: Agency | Group, plan: Plan) -> str:
    return f"{agency_url(actor)}{plan.id}/"


def document_url(document: Document) -> str:
    return f"van-ban/{document.id}/"


def document_plan_url(document: Document, plan: Plan) -> str:
    return f"{document_url(document)}{plan.id}/"


HOME = "index.md"
OPEN_DATA_URL = "du-lieu-mo/"


@functools.lru_cache(maxsize=65536)
def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both relative to the site root).

    Page URLs are directory URLs ("co-quan/so-tai-chinh/", or "" for the home page). Links are
    relative so the site works under any base path, such as a GitHub Pages project site.
    """
    target, _, fragment = to_url.partition("#")
    base = from_url.rstrip("/") or "."
    link = posixpath.relpath(target.rstrip("/") or ".", base)
    if link == ".":
        link = "./"
    elif target.endswith("/") or not target:
        link += "/"
    return f"{link}#{fragment}" if fragment else link


def _src(url: str) -> str:
    return "index.md" if url == "" else f"{url.rstrip('/')}/index.md"


def published_agencies(portfolio: Portfolio) -> tuple[Agency, ...]:
    """The agencies that get a page: every agency of data/agencies.yaml, the bodies the plans name or
    reach through a group, and the bodies that carry their duties today (and every body on the way).

    The standard bodies of every jurisdiction exist in the model so that names resolve, but a body
    that no plan concerns gets no page.
    """
    keep = {a.id for a in portfolio.agencies if not a.generated}
    for plan in portfolio.plans:
        keep.add(plan.issuer_id)
        keep.update(agency_id for recipient in plan.recipients for agency_id in recipient.agency_ids)
        for clause in plan.clauses():
            for assignment in clause.roles:
                if assignment.actor_id in portfolio.group_ids:
                    keep.update(portfolio.group(assignment.actor_id).members)
                else:
                    keep.add(assignment.actor_id)
    succession = Succession(portfolio)
    for agency_id in list(keep):
        for holder in succession.present_holders(agency_id):
            keep.add(holder.agency.id)
            keep.update(step.successor.agency_id for step in holder.steps)
    return tuple(a for a in portfolio.agencies if a.id in keep)


def published_jurisdictions(portfolio: Portfolio, published: tuple[Agency, ...]) -> tuple[Jurisdiction, ...]:
    """The jurisdictions that get a page: those of a published agency or of a plan, and those their
    changes lead to or merge with."""
    keep = {a.jurisdiction_id for a in published}
    keep.update(portfolio.agency(p.issuer_id).jurisdiction_id for p in portfolio.plans)
    for change in portfolio.changes:  # what became of them, and what they became part of with whom
        if keep & {*change.from_ids, *change.to_ids}:
            keep.update(change.to_ids)
            keep.update(change.from_ids)
    return tuple(j for j in portfolio.jurisdictions if j.id in keep)


def build_routes(
    portfolio: Portfolio,
    published: tuple[Agency, ...],
    actor_plans: dict[str, tuple[Plan, ...]],
    citing_plans: dict[str, tuple[Plan, ...]],
) -> list[Route]:
    """Every generated page of the site, in a stable order.

    ``published``: the agencies that get a page (:func:`published_agencies`); ``actor_plans``: for each
    agency or group id, the plans that give it a role (its per-plan pages); ``citing_plans``: for each
    document id, the plans whose clauses cite it.
    """
    return list(_routes(portfolio, published, actor_plans, citing_plans))


def _routes(
    portfolio: Portfolio,
    published: tuple[Agency, ...],
    actor_plans: dict[str, tuple[Plan, ...]],
    citing_plans: dict[str, tuple[Plan, ...]],
) -> Iterator[Route]:
    yield Route(HOME, "", "home.html.j2", "Trang chủ", None, None)
    yield Route(_src("ke-hoach/"), "ke-hoach/", "plans.html.j2", "Kế hoạch", None, None)
    # Index pages edit the file their list comes from (the first record's file, at its top).
    agencies_file = Loc(portfolio.agencies[0].loc.file) if portfolio.agencies else None
    documents_file = Loc(portfolio.documents[0].loc.file) if portfolio.documents else None
    yield Route(_src("co-quan/"), "co-quan/", "agencies.html.j2", "Tra cứu theo cơ quan", None, agencies_file)
    yield Route(_src("van-ban/"), "van-ban/", "documents.html.j2", "Văn bản pháp lý", None, documents_file)
    yield Route(_src(OPEN_DATA_URL), OPEN_DATA_URL, "open_data.html.j2", "Dữ liệu mở", None, None)
    jurisdictions_file = Loc(portfolio.jurisdictions[0].loc.file) if portfolio.jurisdictions else None
    yield Route(
        _src(JURISDICTIONS_URL), JURISDICTIONS_URL, "jurisdictions.html.j2", "Địa bàn", None, jurisdictions_file
    )
    for jurisdiction in published_jurisdictions(portfolio, published):
        url = jurisdiction_url(jurisdiction)
        yield Route(_src(url), url, "jurisdiction.html.j2", jurisdiction.title, jurisdiction, jurisdiction.loc)
    for plan in portfolio.plans:
        yield Route(_src(plan_url(plan)), plan_url(plan), "plan.html.j2", plan.title, plan, plan.loc)
        yield Route(_src(matrix_url(plan)), matrix_url(plan), "matrix.html.j2", "Phân công thực hiện", plan, plan.loc)
    actors: tuple[Agency | Group, ...] = (*published, *portfolio.groups)
    for actor in actors:
        yield Route(_src(agency_url(actor)), agency_url(actor), "agency.html.j2", actor.name, actor, actor.loc)
        for plan in actor_plans.get(actor.id, ()):
            url = actor_plan_url(actor, plan)
            yield Route(_src(url), url, "agency_plan.html.j2", actor.name, ActorInPlan(actor, plan), plan.loc)
    for document in portfolio.documents:
        url = document_url(document)
        yield Route(_src(url), url, "document.html.j2", document.short_citation, document, document.loc)
        for plan in citing_plans.get(document.id, ()):
            url = document_plan_url(document, plan)
            yield Route(
                _src(url),
                url,
                "document_plan.html.j2",
                document.short_citation,
                DocumentInPlan(document, plan),
                plan.loc,
            )

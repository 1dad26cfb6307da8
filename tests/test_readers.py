"""What readers see, checked against the data: role lists, the official text, the open-data files.

Each test reads the site as MkDocs built it (``seed_site``: the repository's data; ``fixture_site``:
the same plus the invented plan of ``tests/site_fixture/``, which holds what the seed lacks) and
compares it with the model, item by item, in order:

* the role list under every clause (the ``<dl class="roles">`` block, not the links in the official
  text) names exactly the agencies the data gives each role, each linked to its own page, with the
  "biên tập" badge exactly on editorial readings;
* the paragraphs printed for every clause are the clause's official paragraphs
  (:func:`vnplans.data.fulltext.clause_paragraphs`), all of them, word for word;
* every open-data file (CSV and JSON) read back equals the model, row by row and field by field.

Expected values are written from the model's fields and the documented file formats, not by calling
the code that renders or exports them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from conftest import BuiltSite

from vnplans.data.fulltext import clause_paragraphs, normalize_for_comparison
from vnplans.data.model import Agency, Clause, Document, Group, Plan, Portfolio, Role, Unknown

# -- reading a page ------------------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class RoleEntry:
    """One line of a role list: where its link goes, the link's words, and whether it is marked editorial."""

    href: str
    name: str
    editorial: bool


@dataclass
class ClauseView:
    """What a reader sees of one clause (its own section, without the clauses nested in it)."""

    anchor: str
    paragraphs: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, list[RoleEntry]]] = field(default_factory=list)  # (role class, dt text, entries)


@dataclass
class PageView:
    title: str = ""
    ids: set[str] = field(default_factory=set)
    clauses: dict[str, ClauseView] = field(default_factory=dict)


def _classes(attrs: list[tuple[str, str | None]]) -> list[str]:
    return (dict(attrs).get("class") or "").split()


class _ClauseParser(HTMLParser):
    """Collects, per clause section, its printed paragraphs and its role list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageView()
        self._stack: list[tuple[str, list[str]]] = []  # open elements: (tag, classes)
        self._clauses: list[ClauseView | None] = []  # per open <section>: its clause, if it is one
        self._text: list[str] | None = None  # the words being collected (a paragraph, a link, a dt, h1)
        self._target: str = ""  # what the words are for
        self._href = ""
        self._in_roles = False
        self._row: tuple[str, str, list[RoleEntry]] | None = None
        self._entry_editorial = False
        self._links_in_entry = 0
        self._skip = 0  # inside a permalink ("#"): not words of the text

    @property
    def _clause(self) -> ClauseView | None:
        return next((c for c in reversed(self._clauses) if c is not None), None) if self._clauses else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = _classes(attrs)
        element_id = dict(attrs).get("id")
        if element_id:
            self.page.ids.add(element_id)
        if tag not in _VOID:
            self._stack.append((tag, classes))
        if tag == "section":
            self._clauses.append(ClauseView("") if "clause" in classes else None)
        clause = self._clause
        if clause is not None and not clause.anchor and tag in ("h2", "h3", "h4", "h5", "h6") and element_id:
            clause.anchor = element_id
            self.page.clauses[element_id] = clause
            if "clause__section-title" in classes:
                self._start("paragraph")
        if tag == "h1" and not self.page.title:
            self._start("h1")
        if tag == "p" and {"clause__title", "clause__text"} & set(classes):
            self._start("paragraph")
        if tag == "a" and {"clause__permalink", "headerlink"} & set(classes):
            self._skip += 1
        if tag == "dl" and "roles" in classes:
            self._in_roles = True
        if self._in_roles:
            if tag == "div" and "roles__row" in classes:
                role = next(c.removeprefix("roles__row--") for c in classes if c.startswith("roles__row--"))
                self._row = (role, "", [])
            elif tag == "dt":
                self._start("dt")
            elif tag == "li":
                self._entry_editorial = False
                self._links_in_entry = 0
            elif tag == "span" and "badge--editorial" in classes:
                self._entry_editorial = True
            elif tag == "a" and self._row is not None:
                # The entry's own link comes first; later links say what the body is today ("nay là").
                if self._links_in_entry == 0:
                    self._href = dict(attrs).get("href") or ""
                    self._start("link")
                self._links_in_entry += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self._stack:
            open_tag, classes = self._stack.pop()
            self._close(open_tag, classes)
            if open_tag == tag:
                break

    def _close(self, tag: str, classes: list[str]) -> None:
        words = " ".join("".join(self._text or []).split())
        clause = self._clause
        if tag == "a" and {"clause__permalink", "headerlink"} & set(classes):
            self._skip -= 1
        elif tag == "a" and self._target == "link" and self._text is not None and self._row is not None:
            self._row[2].append(RoleEntry(self._href, words, False))
            self._text = None
        elif tag == "li" and self._row is not None and self._row[2]:
            self._row[2][-1].editorial = self._entry_editorial
        elif tag == "dt" and self._target == "dt" and self._row is not None:
            self._row = (self._row[0], words, self._row[2])
            self._text = None
        elif tag == "div" and "roles__row" in classes and self._row is not None and clause is not None:
            clause.roles.append(self._row)
            self._row = None
        elif tag == "dl" and "roles" in classes:
            self._in_roles = False
        elif tag == "h1" and self._target == "h1":
            self.page.title = words
            self._text = None
        elif self._target == "paragraph" and self._text is not None and tag in ("p", "h2", "h3", "h4", "h5", "h6"):
            if clause is not None:
                clause.paragraphs.append(words)
            self._text = None
        if tag == "section" and self._clauses:
            self._clauses.pop()

    def _start(self, target: str) -> None:
        self._text, self._target = [], target

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._skip:
            self._text.append(data)


def read_page(site: BuiltSite, url: str) -> PageView:
    parser = _ClauseParser()
    parser.feed(site.file(url).read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def resolve(from_url: str, href: str) -> tuple[str, str]:
    """(target URL relative to the site root, fragment) of a relative link on the page ``from_url``."""
    parts = urlsplit(href)
    target = posixpath.normpath(posixpath.join(from_url, unquote(parts.path))) if parts.path else from_url
    if parts.path.endswith("/") and not target.endswith("/"):
        target += "/"
    return ("" if target == "./" else target), parts.fragment


@pytest.fixture(params=["seed", "fixture"])
def site(request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue(f"{request.param}_site")  # type: ignore[no-any-return]


def _page_of(actor: Agency | Group) -> str:
    return f"{'nhom' if isinstance(actor, Group) else 'co-quan'}/{actor.id}/"


# -- role lists ----------------------------------------------------------------------------------------


def test_every_role_list_names_the_agencies_of_the_data_in_order(site: BuiltSite) -> None:
    """Per clause: the role rows in role order; under each, every agency the data gives that role, in
    the data's order, linked to its own page, marked "biên tập" exactly when the reading is editorial."""
    checked = 0
    for plan in site.portfolio.plans:
        url = f"ke-hoach/{plan.id}/"
        page = read_page(site, url)
        for clause in plan.clauses():
            view = page.clauses.get(clause.anchor)
            assert view is not None, f"{url}: no section for {clause.ref}"
            expected = []
            for role in Role:
                entries = clause.actors(role)
                if entries:
                    actors = [site.portfolio.actor(e.actor_id) for e in entries]
                    rows = [(_page_of(a), a.name, e.editorial) for a, e in zip(actors, entries, strict=True)]
                    expected.append((role.value, f"{role.abbrev} {role.label}", rows))
            shown = [
                (role, label, [(resolve(url, e.href)[0], e.name, e.editorial) for e in entries])
                for role, label, entries in view.roles
            ]
            assert shown == expected, f"{url} {clause.ref}"
            checked += len(clause.roles)
    assert checked >= (60 if site.name == "seed" else 75)


def test_every_role_link_opens_the_agencys_own_page(site: BuiltSite) -> None:
    names = {_page_of(a): a.name for a in site.portfolio.actors}
    targets = set()
    for plan in site.portfolio.plans:
        url = f"ke-hoach/{plan.id}/"
        for view in read_page(site, url).clauses.values():
            targets |= {resolve(url, e.href)[0] for _, _, entries in view.roles for e in entries}
    assert targets and targets <= names.keys()
    for target in sorted(targets):
        assert read_page(site, target).title == names[target], target


# -- the official text -----------------------------------------------------------------------------------


def test_every_clause_prints_all_its_official_paragraphs(site: BuiltSite) -> None:
    """The plan page prints each clause's official paragraphs, every one of them, word for word."""
    compared = 0
    for plan in site.portfolio.plans:
        url = f"ke-hoach/{plan.id}/"
        page = read_page(site, url)
        for clause in plan.clauses():
            expected = [normalize_for_comparison(p) for p in clause_paragraphs(clause)]
            if clause.title is None and clause.text is None:
                expected = []  # a clause holding only items prints its number in its heading
            assert page.clauses[clause.anchor].paragraphs == expected, f"{url} {clause.ref}"
            compared += len(expected)
    assert compared >= (50 if site.name == "seed" else 65)


def test_the_fixture_has_what_the_seed_lacks(fixture_site: BuiltSite) -> None:
    """The fixture plan keeps the cases the tests above must see: several paragraphs, đ, editorial roles."""
    plan = fixture_site.portfolio.plan("2023-ke-hoach-mau")
    clauses = {c.ref: c for c in plan.clauses()}
    assert (clauses["I.1"].text or "").count("\n\n") == 2
    assert [c.number for c in clauses["II.1"].children] == ["a", "b", "c", "d", "đ", "e"]
    assert clauses["II.1.đ.-2"].anchor == "muc-ii-1-dd--2"
    assert len(clauses["I.1"].actors(Role.COORDINATE)) == 3
    assert sum(r.editorial for c in clauses.values() for r in c.roles) == 3
    assert any(b.editorial for b in clauses["II.1.e"].basis)


# -- open data -------------------------------------------------------------------------------------------

OPEN_DATA = "du-lieu-mo"


#: A cell starting with one of these would be a formula in a spreadsheet: the file gives it a leading
#: apostrophe, so "- Tổ chức…" stays text ("'- Tổ chức…").
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _sheet(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_TRIGGERS) else text


def _rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Expected CSV rows as the file holds them: names and values as a spreadsheet keeps them as text."""
    return [{_sheet(k): _sheet(v) for k, v in row.items()} for row in rows]


def _csv(site: BuiltSite, url: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = site.file(url).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{url}: spreadsheet programs need the byte order mark"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def _json(site: BuiltSite, url: str) -> Any:
    return json.loads(site.file(url).read_text(encoding="utf-8"))


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _cell(value: object) -> str:
    """A CSV cell: empty for nothing or an unknown (the JSON carries the reason), dates ISO."""
    if value is None or isinstance(value, Unknown):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _clause_url(plan: Plan, clause: Clause) -> str:
    return f"ke-hoach/{plan.id}/#{clause.anchor}"


def _assert_links_resolve(site: BuiltSite, urls: list[str]) -> None:
    """Every URL of a data file opens a page of the site (and the clause's anchor on it)."""
    pages: dict[str, PageView] = {}
    for url in urls:
        path, fragment = url.split("#", 1) if "#" in url else (url, "")
        assert site.file(path).is_file(), url
        if fragment:
            page = pages.setdefault(path, read_page(site, path))
            assert fragment in page.ids, url


def test_clauses_csv_row_by_row(site: BuiltSite) -> None:
    header, rows = _csv(site, f"{OPEN_DATA}/muc.csv")
    assert header == ["plan_id", "ref", "anchor", "label", "depth", "title", "text"] + [
        "deadline_text",
        "deadline",
        "basis",
        "url",
    ]
    expected = [
        {
            "plan_id": plan.id,
            "ref": clause.ref,
            "anchor": clause.anchor,
            "label": clause.label,
            "depth": str(clause.depth),
            "title": clause.title or "",
            "text": clause.text or "",
            "deadline_text": clause.deadline.text if clause.deadline else "",
            "deadline": (clause.deadline.normalized or "") if clause.deadline else "",
            "basis": ";".join(b.document_id for b in clause.basis),
            "url": _clause_url(plan, clause),
        }
        for plan in site.portfolio.plans
        for clause in plan.clauses()
    ]
    assert rows == _rows(expected)
    assert any(r["deadline"] and r["deadline"] != r["deadline_text"] for r in rows)
    _assert_links_resolve(site, [r["url"] for r in rows])


def test_roles_csv_row_by_row(site: BuiltSite) -> None:
    header, rows = _csv(site, f"{OPEN_DATA}/phan-cong.csv")
    assert header == [
        "plan_id",
        "clause_ref",
        "role",
        "role_label",
        "actor_id",
        "actor_name",
        "actor_is_group",
        "editorial",
        "note",
        "now_ids",
        "now_names",
        "now_status",
    ]
    expected = []
    for plan in site.portfolio.plans:
        for clause in plan.clauses():
            for r in clause.roles:
                actor = site.portfolio.actor(r.actor_id)
                expected.append(
                    {
                        "plan_id": plan.id,
                        "clause_ref": clause.ref,
                        "role": r.role.value,
                        "role_label": r.role.label,
                        "actor_id": actor.id,
                        "actor_name": actor.name,
                        "actor_is_group": _bool(isinstance(actor, Group)),
                        "editorial": _bool(r.editorial),
                        "note": r.note or "",
                    }
                )
    today = [{k: row.pop(k) for k in ("now_ids", "now_names", "now_status")} for row in rows]
    assert rows == _rows(expected)
    # Who holds the duty today comes from the succession events: each holder is a body of the data,
    # named as in the data; a body still active (or a group) holds its own duty.
    statuses = {"con-hoat-dong", "da-xac-minh", "chua-xac-minh", "chua-xac-dinh", "chua-ro"}
    for row, now in zip(rows, today, strict=True):
        assert now["now_status"] in statuses, now
        ids = now["now_ids"].split(";") if now["now_ids"] else []
        if now["now_status"] in ("con-hoat-dong", "chua-ro"):
            assert ids == [], (row, now)
        else:
            assert ids, (row, now)
            assert now["now_names"] == ";".join(site.portfolio.agency(i).name for i in ids)
        if row["actor_is_group"] == "true":
            assert now["now_status"] == "con-hoat-dong"
    if site.name == "fixture":
        assert {r["editorial"] for r in rows} == {"true", "false"}


def test_agencies_csv_and_json_row_by_row(site: BuiltSite) -> None:
    """Every agency of the model, with the URL of its page when the site has one (a standard body
    that no plan concerns has none)."""
    portfolio = site.portfolio
    pages = {a.id: _page_of(a) for a in portfolio.actors if site.file(_page_of(a)).is_file()}
    header, rows = _csv(site, f"{OPEN_DATA}/co-quan.csv")
    assert header == [
        "id",
        "name",
        "kind",
        "is_group",
        "jurisdiction",
        "from",
        "until",
        "standard",
        "short_names",
        "members",
        "url",
    ]
    expected = [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "is_group": "false",
            "jurisdiction": a.jurisdiction_id,
            "from": _cell(a.period.start),
            "until": _cell(a.period.end),
            "standard": _bool(a.generated),
            "short_names": ";".join(a.short_names),
            "members": "",
            "url": pages.get(a.id, ""),
        }
        for a in portfolio.agencies
    ] + [
        {
            "id": g.id,
            "name": g.name,
            "kind": "",
            "is_group": "true",
            "jurisdiction": g.jurisdiction_id,
            "from": "",
            "until": "",
            "standard": "false",
            "short_names": "",
            "members": ";".join(g.members),
            "url": _page_of(g),
        }
        for g in portfolio.groups
    ]
    assert rows == _rows(expected)
    assert any(r["members"] for r in rows if r["is_group"] == "true")
    _assert_links_resolve(site, [r["url"] for r in rows if r["url"]])
    assert all(g.id in pages for g in portfolio.groups)

    data = _json(site, f"{OPEN_DATA}/co-quan.json")
    assert data["format_version"] == 1
    assert data["agencies"] == [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "jurisdiction": a.jurisdiction_id,
            "from": _unknown_or(a.period.start),
            "until": _unknown_or(a.period.end),
            "standard": a.generated,
            "short_names": list(a.short_names),
            "spellings": list(a.spellings),
            "url": pages.get(a.id),
        }
        for a in portfolio.agencies
    ]
    assert data["groups"] == [
        {
            "id": g.id,
            "name": g.name,
            "spellings": list(g.spellings),
            "jurisdiction": g.jurisdiction_id,
            "members": list(g.members),
            "membership_note": g.note,
            "url": _page_of(g),
        }
        for g in portfolio.groups
    ]


def _unknown_or(value: object) -> object:
    if isinstance(value, Unknown):
        return {"unknown": value.reason, "not_before": value.not_before.isoformat() if value.not_before else None}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _document_url(document: Document) -> str:
    return f"van-ban/{document.id}/"


def test_documents_csv_and_json_row_by_row(site: BuiltSite) -> None:
    portfolio = site.portfolio
    header, rows = _csv(site, f"{OPEN_DATA}/van-ban.csv")
    assert header == ["id", "type", "number", "date", "issuer", "title", "verification", "source_url", "url"]
    assert rows == _rows(
        [
            {
                "id": d.id,
                "type": d.type,
                "number": _cell(d.number),
                "date": _cell(d.date),
                "issuer": d.issuer,
                "title": _cell(d.title),
                "verification": d.verification.value,
                "source_url": d.source_url or "",
                "url": _document_url(d),
            }
            for d in portfolio.documents
        ]
    )
    _assert_links_resolve(site, [r["url"] for r in rows])

    data = _json(site, f"{OPEN_DATA}/van-ban.json")
    assert data["format_version"] == 1
    assert data["documents"] == [
        {
            "id": d.id,
            "type": d.type,
            "number": _unknown_or(d.number),
            "date": _unknown_or(d.date),
            "issuer": d.issuer,
            "title": _unknown_or(d.title),
            "signer": _unknown_or(d.signer),
            "source_url": d.source_url,
            "verification": d.verification.value,
            "verification_note": d.verification_note,
            "relations": [{"type": r.type.value, "target": r.target_id, "editorial": r.editorial} for r in d.relations],
            "url": _document_url(d),
        }
        for d in portfolio.documents
    ]


def _clause_json(plan: Plan, clause: Clause) -> dict[str, Any]:
    return {
        "ref": clause.ref,
        "anchor": clause.anchor,
        "label": clause.label,
        "title": clause.title,
        "text": clause.text,
        "roles": [
            {"role": r.role.value, "actor": r.actor_id, "editorial": r.editorial, "note": r.note} for r in clause.roles
        ],
        "basis": [{"document": b.document_id, "editorial": b.editorial, "note": b.note} for b in clause.basis],
        "deadline": None
        if clause.deadline is None
        else {"text": clause.deadline.text, "normalized": clause.deadline.normalized},
        "note": clause.note,
        "numbering": clause.numbering,
        "footnotes": [{"marker": f.marker, "text": f.text} for f in clause.footnotes],
        "url": _clause_url(plan, clause),
        "items": [_clause_json(plan, child) for child in clause.children],
    }


def test_plans_json_holds_every_plan_with_its_whole_clause_tree(site: BuiltSite) -> None:
    data = _json(site, f"{OPEN_DATA}/ke-hoach.json")
    assert data["format_version"] == 1
    plans = site.portfolio.plans
    assert [p["id"] for p in data["plans"]] == [p.id for p in plans]
    for plan, entry in zip(plans, data["plans"], strict=True):
        assert entry["type"] == plan.type
        assert (entry["number"], entry["date"]) == (_unknown_or(plan.number), _unknown_or(plan.date))
        assert entry["issuer"] == {
            "agency": plan.issuer_id,
            "editorial": plan.issuer_editorial,
            "note": plan.issuer_note,
        }
        assert entry["title"] == plan.title
        assert entry["implements"] == [ref.document_id for ref in plan.implements]
        signer = plan.signer
        assert entry["signer"] == {"name": signer.name, "authority": signer.authority, "position": signer.position}
        assert entry["url"] == f"ke-hoach/{plan.id}/"
        assert entry["opening"] == (_clause_json(plan, plan.opening) if plan.opening else None)
        assert entry["sections"] == [_clause_json(plan, s) for s in plan.sections]
        assert entry["closing"] == (_clause_json(plan, plan.closing) if plan.closing else None)
        assert entry["recipients"] == [{"text": r.text, "agencies": list(r.agency_ids)} for r in plan.recipients]
        assert entry["appendices"] == [
            {
                "ref": a.ref,
                "anchor": a.anchor,
                "title": a.title,
                "caption": a.caption,
                "items": [_clause_json(plan, i) for i in a.items],
            }
            for a in plan.appendices
        ]

    # the tree holds every clause once
    def count(node: dict[str, Any]) -> int:
        return 1 + sum(count(child) for child in node["items"])

    total = sum(
        count(c)
        for p in data["plans"]
        for c in [*filter(None, (p["opening"], p["closing"])), *p["sections"]]
        + [i for a in p["appendices"] for i in a["items"]]
    )
    assert total == sum(1 for p in plans for _ in p.clauses())


def test_each_plans_matrix_csv_puts_every_role_under_its_agency(site: BuiltSite) -> None:
    portfolio: Portfolio = site.portfolio
    for plan in portfolio.plans:
        header, rows = _csv(site, f"ke-hoach/{plan.id}/phan-cong.csv")
        assigned = [c for c in plan.clauses() if c.roles]
        named = {r.actor_id for c in assigned for r in c.roles}
        columns = [a for a in portfolio.actors if a.id in named]  # agencies, then groups, in data order
        assert header == ["muc", "noi_dung", *[a.name for a in columns]]
        expected = []
        for clause in assigned:
            row = {"muc": clause.ref, "noi_dung": clause.text or clause.title or ""}
            for actor in columns:
                roles = [r for r in clause.roles if r.actor_id == actor.id]
                row[actor.name] = "".join(r.role.label + (" (biên tập)" if r.editorial else "") for r in roles)
            expected.append(row)
        assert rows == _rows(expected), plan.id


# -- unknowns ----------------------------------------------------------------------------------------------


def _page_text(site: BuiltSite, url: str) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(site.file(url).read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def test_the_home_page_gives_each_plans_number_and_date_or_says_they_are_unknown(site: BuiltSite) -> None:
    text = _page_text(site, "")
    for plan in site.portfolio.plans:
        number = plan.number if isinstance(plan.number, str) else "chưa xác định"
        date = plan.date.strftime("%d/%m/%Y") if isinstance(plan.date, dt.date) else "chưa xác định"
        assert f"Số hiệu: {number} · Ngày ban hành: {date}" in text, plan.id


def _refs(refs: Any) -> list[dict[str, Any]]:
    return [{"document": r.document_id, "article": r.article} for r in refs]


def test_jurisdictions_and_succession_files_row_by_row(site: BuiltSite) -> None:
    portfolio = site.portfolio
    header, rows = _csv(site, f"{OPEN_DATA}/dia-ban.csv")
    assert header == ["id", "name", "level", "parent", "from", "until", "url"]
    pages = {j.id: f"dia-ban/{j.id}/" for j in portfolio.jurisdictions if site.file(f"dia-ban/{j.id}/").is_file()}
    assert rows == _rows(
        [
            {
                "id": j.id,
                "name": j.name,
                "level": j.level.value,
                "parent": j.parent_id or "",
                "from": _cell(j.period.start),
                "until": _cell(j.period.end),
                "url": pages.get(j.id, ""),
            }
            for j in portfolio.jurisdictions
        ]
    )
    assert pages, "some jurisdiction has a page"

    header, rows = _csv(site, f"{OPEN_DATA}/ke-thua.csv")
    assert header == ["event", "kind", "date", "from_id", "to_id", "functions", "certainty", "basis", "generated"]
    assert rows == _rows(
        [
            {
                "event": str(index),
                "kind": event.kind.value,
                "date": _cell(event.date),
                "from_id": from_id,
                "to_id": successor.agency_id,
                "functions": ";".join(successor.functions),
                "certainty": successor.certainty.value,
                "basis": ";".join(b.document_id for b in (successor.basis or event.basis)),
                "generated": _bool(event.generated),
            }
            for index, event in enumerate(portfolio.events, 1)
            for from_id in event.from_ids
            for successor in event.successors
        ]
    )

    data = _json(site, f"{OPEN_DATA}/dia-ban-va-ke-thua.json")
    assert (data["format_version"], data["as_of"]) == (1, portfolio.as_of.isoformat())
    assert data["jurisdictions"] == [
        {
            "id": j.id,
            "name": j.name,
            "level": j.level.value,
            "parent": j.parent_id,
            "from": _unknown_or(j.period.start),
            "until": _unknown_or(j.period.end),
            "note": j.note,
        }
        for j in portfolio.jurisdictions
    ]
    assert data["changes"] == [
        {
            "kind": c.kind.value,
            "from": list(c.from_ids),
            "to": list(c.to_ids),
            "date": _unknown_or(c.date),
            "basis": _refs(c.basis),
            "certainty": c.certainty.value,
            "note": c.note,
        }
        for c in portfolio.changes
    ]
    assert data["functions"] == [{"id": f.id, "name": f.name} for f in portfolio.functions]
    assert data["events"] == [
        {
            "kind": e.kind.value,
            "from": list(e.from_ids),
            "to": [
                {
                    "agency": s.agency_id,
                    "functions": list(s.functions),
                    "certainty": s.certainty.value,
                    "basis": _refs(s.basis),
                    "note": s.note,
                }
                for s in e.successors
            ],
            "date": _unknown_or(e.date),
            "basis": _refs(e.basis),
            "certainty": e.certainty.value,
            "generated": e.generated,
            "note": e.note,
        }
        for e in portfolio.events
    ]
    assert data["events"] and data["jurisdictions"]


#: The open-data files the tests above read back, row by row.
READ_BACK = {
    "ke-hoach.json",
    "muc.csv",
    "phan-cong.csv",
    "co-quan.csv",
    "co-quan.json",
    "van-ban.csv",
    "van-ban.json",
    "dia-ban.csv",
    "ke-thua.csv",
    "dia-ban-va-ke-thua.json",
}


def test_every_open_data_file_is_read_back(seed_site: BuiltSite) -> None:
    """A new open-data file needs a test above that compares it with the model."""
    folder = seed_site.root / OPEN_DATA
    published = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    data_files = {p for p in published if p.endswith((".csv", ".json")) and not p.startswith("schemas/")}
    assert data_files == READ_BACK

"""Hostile or careless data, unit by unit: notes sanitiser, CSV cells, titles, case folding, chains.

The browser test (tests/browser/test_hostile_data.py) attacks every field of a built site; these
tests pin each defence down where it lives, with the exact output.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import time

import pytest

from vnplans.data.diagnostics import Loc
from vnplans.data.model import Document, Portfolio, Relation, RelationType, Unknown, Verification
from vnplans.site.build import SiteBuild, export_markdown
from vnplans.site.linking import Linker, fold_case
from vnplans.site.notes import note_html
from vnplans.site.opendata import csv_cell, open_data_files
from vnplans.site.render import LINEAGE_LEVELS

PLAN_ID = "2021-lien-hiep-hoi-khkt"

# -- editorial notes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note, expected",
    [
        ("*Chú ý*: xem **Điều 5**", "<p><em>Chú ý</em>: xem <strong>Điều 5</strong></p>"),
        (
            "[nguồn](https://example.org/a)",
            '<p><a href="https://example.org/a" rel="noopener noreferrer nofollow">nguồn</a></p>',
        ),
        # images from anywhere become plain links: the page loads nothing
        (
            "![sơ đồ](https://evil.invalid/x.png)",
            '<p><a href="https://evil.invalid/x.png" rel="noopener noreferrer nofollow">sơ đồ</a></p>',
        ),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer nofollow">x</a></p>'),
        ("[x](data:text/html,hi)", '<p><a rel="noopener noreferrer nofollow">x</a></p>'),
        ("[x](vbscript:msgbox)", '<p><a rel="noopener noreferrer nofollow">x</a></p>'),
        # an entity cannot smuggle a scheme: the href stays a harmless relative URL
        (
            "[x](javascript&#58;alert(1))",
            '<p><a href="javascript&amp;#58;alert(1)" rel="noopener noreferrer nofollow">x</a></p>',
        ),
        ("# Tiêu đề\n\n- một\n- hai", "Tiêu đề\n<ul>\n<li>một</li>\n<li>hai</li>\n</ul>"),
        ("Sở TT&TT", "<p>Sở TT&amp;TT</p>"),
        ("<style>body{display:none}</style>", "<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>"),
    ],
)
def test_notes_keep_emphasis_and_links_and_nothing_else(note: str, expected: str) -> None:
    assert str(note_html(note)) == expected


# -- CSV ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("https://evil.invalid")', '\'=HYPERLINK("https://evil.invalid")'),
        ("+1", "'+1"),
        ("- Tổ chức quán triệt", "'- Tổ chức quán triệt"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sở Tài chính", "Sở Tài chính"),
        ("II.2.4", "II.2.4"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_that_start_a_formula_get_a_leading_apostrophe(value: str, expected: str) -> None:
    assert csv_cell(value) == expected


def test_csv_headers_built_from_agency_names_are_neutralised_and_json_keeps_the_text(portfolio: Portfolio) -> None:
    hostile = dataclasses.replace(portfolio.agency("so-tai-chinh"), name="=cmd|' /C calc'!A0")
    agencies = tuple(hostile if a.id == "so-tai-chinh" else a for a in portfolio.agencies)
    build = SiteBuild(dataclasses.replace(portfolio, agencies=agencies))
    files = build.files()
    header = next(
        csv.reader(io.StringIO(files[f"ke-hoach/{PLAN_ID}/ma-tran-phan-cong-{PLAN_ID}.csv"].decode("utf-8-sig")))
    )
    assert "'=cmd|' /C calc'!A0" in header
    rows = list(csv.reader(io.StringIO(files["du-lieu-mo/co-quan.csv"].decode("utf-8-sig"))))
    assert rows[[r[0] for r in rows].index("so-tai-chinh")][:2] == ["so-tai-chinh", "'=cmd|' /C calc'!A0"]
    assert '"name": "=cmd|\' /C calc\'!A0"' in files["du-lieu-mo/co-quan.json"].decode("utf-8")


def test_a_clause_starting_with_a_dash_keeps_its_text_after_the_apostrophe(portfolio: Portfolio) -> None:
    files = open_data_files(portfolio)
    texts = [row[6] for row in csv.reader(io.StringIO(files["du-lieu-mo/muc.csv"].decode("utf-8-sig")))]
    clauses = [c.text for p in portfolio.plans for c in p.clauses()]
    assert texts[1:] == [("'" + t if t and t.startswith("-") else t or "") for t in clauses]


# -- page titles -----------------------------------------------------------------------------------------


def test_a_hostile_agency_name_is_escaped_once_in_title_description_and_contents(portfolio: Portfolio) -> None:
    name = 'Sở TT&TT <img src=x onerror=alert(1)> "q"'
    hostile = dataclasses.replace(portfolio.agency("so-tai-chinh"), name=name)
    agencies = tuple(hostile if a.id == "so-tai-chinh" else a for a in portfolio.agencies)
    build = SiteBuild(dataclasses.replace(portfolio, agencies=agencies))
    route = next(r for r in build.routes if r.url == f"co-quan/so-tai-chinh/{PLAN_ID}/")
    page = build.render(route)
    escaped = "Sở TT&amp;TT &lt;img src=x onerror=alert(1)&gt; &#34;q&#34;"
    assert str(page.title).startswith(escaped + ": nhiệm vụ trong ")
    assert str(page.description).startswith("Nhiệm vụ của " + escaped + " trong ")
    assert f"<h1>{escaped}</h1>" in page.body
    assert "<img" not in page.body
    assert [str(e.title) for e in page.toc][:2] == ["Bảng nhiệm vụ", "Thực hiện (1)"]
    # the export writes plain text in its front matter, YAML-quoted
    assert export_markdown(page).startswith('---\ntitle: "Sở TT&TT <img src=x onerror=alert(1)> \\"q\\": nhiệm vụ')


# -- case folding ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Sở Tàı chính", "SỞ TÀİ CHÍNH", "ẞ İİ ß ﬁ Sở Tài chính", "İ" * 50])
def test_case_folding_keeps_positions_for_every_letter(portfolio: Portfolio, text: str) -> None:
    assert len(fold_case(text)) == len(text)
    runs = Linker(portfolio).runs(text)
    assert "".join(r.text for r in runs) == text


def test_dotted_capital_i_links_and_dotless_i_does_not(portfolio: Portfolio) -> None:
    linker = Linker(portfolio)
    linked = [(r.text, r.target.id) for r in linker.runs("SỞ TÀİ CHÍNH và Sở Tàı chính") if r.target]
    assert linked == [("SỞ TÀİ CHÍNH", "so-tai-chinh")]


# -- chains ----------------------------------------------------------------------------------------------


def _document(index: int, relations: tuple[Relation, ...], template: Document) -> Document:
    return dataclasses.replace(
        template,
        id=f"vb-{index}",
        number=f"{index}/KH-UBND",
        title=Unknown("-"),
        relations=relations,
        verification=Verification.UNVERIFIED,
    )


def _relation(source: int, target: int) -> Relation:
    return Relation(RelationType.IMPLEMENTS, f"vb-{source}", f"vb-{target}", False, None, Loc("data/documents.yaml", 1))


def test_a_500_document_chain_shows_the_nearest_levels_and_says_it_goes_on(portfolio: Portfolio) -> None:
    template = portfolio.documents[0]
    documents = tuple(_document(i, (_relation(i, i - 1),) if i else (), template) for i in range(500))
    build = SiteBuild(dataclasses.replace(portfolio, documents=(*portfolio.documents, *documents)))
    started = time.perf_counter()
    lineage = build.context.lineage(documents[0])
    assert [level[0].id for level in lineage.descendants] == [f"vb-{i}" for i in range(1, LINEAGE_LEVELS + 1)]
    assert (lineage.more_ancestors, lineage.more_descendants) == (False, True)
    pages = {i: build.render(next(r for r in build.routes if r.url == f"van-ban/vb-{i}/")) for i in (3, 250, 496)}
    middle = pages[250].body
    chain = re.findall(r'<li class="chain__(?:item[^"]*|more)">(.*?)</li>', middle, re.S)
    # … còn văn bản cấp trên → vb-244 … vb-249 → vb-250 → vb-251 … vb-256 → còn văn bản cấp dưới …
    assert chain[0] == "… còn văn bản cấp trên" and chain[-1] == "còn văn bản cấp dưới …"
    assert [re.search(r"vb-(\d+)/", item).group(1) for item in chain[1:-1] if "href" in item] == [
        str(i) for i in [*range(250 - LINEAGE_LEVELS, 250), *range(251, 251 + LINEAGE_LEVELS)]
    ]
    # Near the ends, only the side that goes on says so; every page holds at most 2 x LINEAGE_LEVELS + 1 entries.
    assert pages[3].body.count('class="chain__more"') == 1 and "còn văn bản cấp dưới" in pages[3].body
    assert pages[496].body.count('class="chain__more"') == 1 and "còn văn bản cấp trên" in pages[496].body
    assert {page.body.count('class="chain__item') for page in pages.values()} == {
        3 + 1 + LINEAGE_LEVELS,
        2 * LINEAGE_LEVELS + 1,
        LINEAGE_LEVELS + 1 + 3,
    }
    print(f"\n500-document chain: lineage and three pages in {time.perf_counter() - started:.2f} s")


def test_a_branching_50_document_graph_shows_each_document_once(portfolio: Portfolio) -> None:
    # Ten levels of five documents; each implements all five of the level above: 5**9 paths.
    template = portfolio.documents[0]
    documents = tuple(
        _document(
            level * 5 + k,
            tuple(_relation(level * 5 + k, (level - 1) * 5 + j) for j in range(5)) if level else (),
            template,
        )
        for level in range(10)
        for k in range(5)
    )
    build = SiteBuild(dataclasses.replace(portfolio, documents=(*portfolio.documents, *documents)))
    started = time.perf_counter()
    lineage = build.context.lineage(documents[0])
    assert [sorted(d.id for d in level) for level in lineage.descendants] == [
        sorted(f"vb-{level * 5 + k}" for k in range(5)) for level in range(1, LINEAGE_LEVELS + 1)
    ]
    assert lineage.more_descendants
    page = build.render(next(r for r in build.routes if r.url == "van-ban/vb-22/"))
    assert page.body.count('class="chain__item') == 10  # 4 levels above, itself, 5 below
    assert page.body.count("<a href") < 200
    print(f"\nbranching 50-document graph: lineage and page in {time.perf_counter() - started:.2f} s")

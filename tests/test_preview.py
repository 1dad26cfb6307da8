"""The live preview's list of problems (vnplans/site/preview.py), without a browser or a server.

The browser tests (tests/browser/test_preview.py) serve the site and edit it; these pin the parts:
the banner's text and escaping, the stand-in pages, and which pages of the navigation get one.
"""

from __future__ import annotations

import re

from vnplans.data.diagnostics import Loc, Report
from vnplans.data.messages import msg, verbatim
from vnplans.site.preview import Problems, build_stopped, nav_pages

PLAN_FILE = "data/plans/2021-lien-hiep-hoi-khkt.yaml"


def _report() -> Report:
    report = Report()
    report.warning(Loc(PLAN_FILE, 9, 3), "note", verbatim("a warning"), verbatim("do this"))
    report.error(
        Loc(PLAN_FILE, 85, 27),
        "roles.thuc-hien[0]",
        msg("unknown agency or group '{id}'{suggestion}", id="x<img src=y onerror=alert(1)>", suggestion=""),
        verbatim("fix it"),
    )
    return report


def _items(html: str) -> list[str]:
    return re.findall(r"<li><pre>(.*?)</pre></li>", html, re.S)


def test_banner_lists_every_problem_as_the_validator_prints_it_escaped() -> None:
    report = _report()
    problems = Problems.of(report)
    html = str(problems.banner_html())
    assert problems.blocking and (problems.errors, problems.warnings) == (1, 1)
    assert "Dữ liệu có 1 lỗi và 1 cảnh báo: chưa dựng lại được trang." in html
    assert "data-problems--blocking" in html and 'role="alert"' in html
    expected = [d.format_text() for d in report.sorted()]  # by position: the warning (line 9) first
    escaped = [
        t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;") for t in expected
    ]
    assert _items(html) == escaped
    assert "<img" not in html


def test_warnings_alone_do_not_block_and_an_empty_report_shows_nothing() -> None:
    report = Report()
    report.warning(Loc(PLAN_FILE, 9, 3), "note", verbatim("a warning"), verbatim("do this"))
    problems = Problems.of(report)
    assert problems and not problems.blocking
    html = str(problems.banner_html())
    assert "Dữ liệu có 1 cảnh báo." in html and "data-problems--blocking" not in html
    assert not Problems.of(Report())


def test_a_crash_after_validation_is_shown_with_its_traceback() -> None:
    problems = Problems.of(Report()).with_crash("Traceback (most recent call last):\n  KeyError: 'ı'")
    assert problems.blocking
    html = str(problems.banner_html())
    assert "Không dựng được trang." in html and "KeyError: &#39;ı&#39;" in html


def test_stand_in_page_keeps_the_title_of_the_navigation() -> None:
    page = Problems.of(_report()).page_markdown("Tra cứu theo cơ quan")
    assert page.startswith('---\ntitle: "Tra cứu theo cơ quan"\n---\n\n# Tra cứu theo cơ quan\n')
    assert "dữ liệu đang có lỗi" in page


def test_nav_pages_walks_sections_and_skips_links() -> None:
    nav = ["a.md", {"T": "b.md"}, {"S": ["c.md", {"U": "d/index.md"}, {"X": "https://example.org/"}]}]
    assert list(nav_pages(nav)) == [("", "a.md"), ("T", "b.md"), ("", "c.md"), ("U", "d/index.md")]


def test_a_build_stops_with_the_full_list_in_the_editors_language() -> None:
    report = _report()
    text = build_stopped(report)
    head, _, rest = text.partition("\n")
    assert rest == report.format_text()
    assert head == "tệp dữ liệu có lỗi; sửa các lỗi rồi dựng lại (scripts/validate in ra đúng danh sách này):"
    assert "roles.thuc-hien[0]: không có cơ quan hoặc nhóm mã 'x<img src=y onerror=alert(1)>'" in rest

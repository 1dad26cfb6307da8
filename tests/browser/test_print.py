"""Print: an agency prints its duty list for a plan on A4, every duty with its clause number and text, and none
of the site's navigation, search or footer. The PDF is kept in ``test-artifacts/print/``.
"""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

from vnplans.data.model import Portfolio, Role
from vnplans.site.duties import all_duties

from .conftest import ARTIFACTS
from .harness import PAGE_TYPES, StaticSite

AGENCY_ID = "so-tai-chinh"


def _plain(text: str) -> str:
    """NFC, one space between words: PDF text comes out in lines, in whatever normal form."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _squeezed(text: str) -> str:
    """Without any spaces: pypdf splits Chromium's Vietnamese text around letters with diacritics
    ("S ở Tài chính"), so words are compared letter by letter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _has_ref(text: str, ref: str) -> bool:
    """``III.3`` as a whole clause number (not the start of ``III.3.1``)."""
    return re.search(rf"(?<![\w.]){re.escape(ref)}(?!\.?\d)(?!\w)", text) is not None


def _phrase(clause_text: str, words: int = 7) -> str:
    """The first words of a clause's text, without the editors' link markup, as a reader sees them."""
    first = clause_text.strip().split("\n")[0]
    first = re.sub(r"\[([^\]]+)\]\([^)]*\)|\{[^}]*\}", r"\1", first)  # links / attribute lists, if any
    return _plain(" ".join(first.split()[:words]))


def _print_to_pdf(page) -> str:
    """The open page printed as Chromium prints it (print media, A4), as text; the PDF is kept."""
    pdf = page.pdf(format="A4", print_background=True)
    folder = ARTIFACTS / "print"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{AGENCY_ID}.pdf").write_bytes(pdf)
    return _plain(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def test_printed_duty_list_has_every_duty(new_page, site: StaticSite, portfolio: Portfolio) -> None:
    page = new_page()
    page.goto(site.url(PAGE_TYPES["agency-plan"]))
    text = _print_to_pdf(page)
    duties = all_duties(portfolio)[AGENCY_ID]
    listed = [d for role in Role for d in duties.by_role[role]] + list(duties.via_groups)
    refs = sorted({d.clause.ref for d in listed})
    assert {"III.3", "II.2.4", "II.1.1", "II.1.2", "II.3.3", "III.7", "III.4"} <= set(refs), refs  # the data

    missing_refs = [ref for ref in refs if not _has_ref(text, ref)]
    assert not missing_refs, f"clause numbers missing from the PDF: {missing_refs}"
    phrases = {d.clause.ref: _phrase(d.clause.text) for d in listed if d.clause.text}
    missing_text = {ref: phrase for ref, phrase in phrases.items() if _squeezed(phrase) not in _squeezed(text)}
    assert not missing_text, f"clause text missing from the PDF: {missing_text}\n--- PDF text ---\n{text[:3000]}"


def test_printed_duty_list_has_no_site_chrome(new_page, site: StaticSite) -> None:
    chrome = {
        "search box": "Tìm kiếm",
        "navigation": "Tra cứu theo cơ quan",
        "navigation (editor guide)": "Hướng dẫn biên tập",
        "print button": "In danh sách nhiệm vụ",
        "footer copyright": "Nội dung văn bản là văn bản hành chính nhà nước",
        "repository link": "Dữ liệu nguồn",
    }
    page = new_page()
    page.goto(site.url(PAGE_TYPES["agency-plan"]))
    on_screen = _squeezed(
        page.inner_text("body")
        + " ".join(page.eval_on_selector_all("[placeholder]", "els => els.map(e => e.placeholder)"))
    )
    assert [w for w in chrome.values() if _squeezed(w) not in on_screen] == [], "the screen should show them all"

    text = _print_to_pdf(page)
    found = {what: words for what, words in chrome.items() if _squeezed(words) in _squeezed(text)}
    assert not found, f"site chrome printed: {found}\n--- PDF text ---\n{text[:1500]}"

"""The importer corpus (``tests/import_corpus``) is self-consistent, without running the importer.

Each fixture text has a gold annotation written by hand (format: ``tests/import_corpus/README.md``).
These checks keep the gold honest, so that scores measured against it mean something:

* every clause is found in its text, word for word, with its printed number, in document order,
  and nothing of the plan's body is left between two clauses (no clause forgotten);
* PDF-damaged texts are compared after removing the page furniture the gold declares and joining
  the lines; a damaged text and its clean twin carry the same annotation;
* refs are unique, follow the project's citation form and the official numbering (a skip must be
  marked);
* every agency in a role is listed under ``agencies:``, and its name or a spelling of it is written in
  the clause (or, when inherited, in a heading above it); spellings listed are spellings the text uses;
* dates are real dates and are written in the text; numbers, titles, signers and deadlines are too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

try:  # the C loader when PyYAML has it: the gold files are long
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]
from conftest import REPO_ROOT

from vnplans.data.records import LETTERS
from vnplans.data.records import ROMAN as ROMAN_NUMERALS
from vnplans.data.vocab import DocType

CORPUS = REPO_ROOT / "tests" / "import_corpus"
GOLD_FILES = sorted(CORPUS.glob("*.gold.yaml"))

ROLES = ("chu-tri", "thuc-hien", "phoi-hop", "duoc-tham-muu", "nhan-bao-cao")
LEVELS = ("quoc-gia", "tinh", "huyen", "xa")
KINDS = {
    "dang",
    "dan-cu",
    "chinh-phu",
    "bo",
    "co-quan-thuoc-chinh-phu",
    "vu-cuc",
    "ubnd",
    "ban-chi-dao",
    "lanh-dao",
    "so-nganh",
    "phong-ban",
    "tu-phap",
    "doan-the",
    "hoi",
    "bao-dai",
    "don-vi-su-nghiep",
    "doanh-nghiep",
    "nhom",
}
LAYOUTS = {
    "header-tabs",
    "header-pipes",
    "header-one-column",
    "header-party",
    "wrapper-quyet-dinh",
    "wrapper-nghi-quyet",
    "wrapper-cong-van",
    "chi-thi",
    "type-line-suffix",
    "numbering-roman-arabic-dotted",
    "numbering-arabic-top",
    "numbering-party-dash",
    "numbering-letters",
    "numbering-skip",
    "dashes",
    "plus-items",
    "task-blocks",
    "task-block-thuc-hien",
    "chu-tri-mid-sentence",
    "agency-lists",
    "names-with-commas",
    "long-unit-names",
    "actor-headings",
    "giao-heading",
    "de-nghi-heading",
    "report-recipient",
    "trinh-recipient",
    "heads-of-bodies",
    "other-jurisdiction-bodies",
    "tone-variants",
    "footnotes",
    "appendix-table",
    "table-group-rows",
    "table-group-merged-cell",
    "table-numbering-continues",
    "table-numbering-restarts",
    "table-continuation-rows",
    "column-cap-trinh",
    "column-san-pham",
    "column-thuc-hien",
    "pdf-line-wrap",
    "pdf-page-numbers",
    "pdf-running-header",
    "pdf-running-footer",
    "pdf-signature-stamp",
    "pdf-page-break-mid-sentence",
    "pdf-signature-page-break",
    "pdf-title-wrapped",
    "pdf-heading-wrapped",
    "pdf-hyphenation",
    "pdf-name-split",
    "pdf-footnote-at-page-foot",
    "pdf-table-header-repeated",
}
#: Document types: the one vocabulary of the project (``vnplans/data/vocab.py``, ``common.schema.json``).
DOC_TYPES = set(DocType.ids())
OPENING, CLOSING = "Mở đầu", "Đoạn kết"
MIN_CLAUSES, MAX_CLAUSES = 25, 80
MIN_FIXTURES = 14  # issue 12 asks for at least 12 plans; clean and damaged twins each count

JURISDICTION = re.compile(r"^(?P<level>[a-z-]+): (?P<name>\S.*)$")
ROMAN = re.compile(r"[IVXLC]+")
#: Old and new tone placement (hoà / hòa, Uỷ / Ủy) are the same spelling.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip


def norm(text: str) -> str:
    """Whitespace normalised: every run of spaces, tabs and line breaks is one space."""
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """For comparing names: NFC, case-folded, tone placement unified, whitespace normalised."""
    text = unicodedata.normalize("NFC", text).casefold()
    for old, new in _OLD_TONES.items():
        text = text.replace(old, new)
    return norm(text)


# ---- the texts ----------------------------------------------------------------------------------


def joined_lines(lines: list[str]) -> str:
    """Lines joined into one string, as a reader reads them: a line that ends in a hyphen glued to a
    letter or digit ("318/QĐ-" + "UBND") goes on without a space; any other break is a space."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"\w-$", out):
            out += line
        else:
            out += " " + line
    return out


@dataclass(frozen=True)
class Document:
    """A fixture text with its page furniture taken out."""

    lines: tuple[str, ...]  # without furniture lines
    body: str  # joined, whitespace-normalised, footnote notes taken out

    @classmethod
    def read(cls, path: Path, gold: dict[str, Any]) -> Document:
        raw = path.read_text(encoding="utf-8")
        patterns = [re.compile(p) for p in gold["fixture"].get("furniture", [])]
        lines = tuple(x for x in raw.split("\n") if not any(p.fullmatch(x.strip()) for p in patterns))
        body = norm(joined_lines(list(lines)))
        for note in gold.get("footnotes", []):
            whole = norm(f"{note['marker']} {note['text']}")
            assert whole in body, f"{path.name}: footnote {note['marker']} not found as a note: {whole[:80]!r}"
            body = body.replace(whole, " ", 1)
        return cls(lines, norm(body))


@dataclass(frozen=True)
class Table:
    """One appendix table: its header and its rows, each row a mapping column → cell."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def appendix_tables(lines: tuple[str, ...]) -> list[Table]:
    """The pipe tables of the appendices (after the first «PHỤ LỤC» line, so that a header laid out as
    a table is not one of them). Rules and header rows repeated at a page break are dropped; a row whose
    first cell is empty (the rest of a row broken over two lines or two pages) is joined to the row
    above, cell by cell."""
    tables: list[Table] = []
    start = next((i for i, x in enumerate(lines) if x.strip().startswith("PHỤ LỤC")), len(lines))
    header: list[str] | None = None
    rows: list[list[str]] = []
    for line in (*lines[start:], ""):
        stripped = line.strip()
        if not stripped.startswith("|"):
            if header is not None and stripped.startswith("PHỤ LỤC"):
                tables.append(Table(tuple(header), tuple(tuple(r) for r in rows)))
                header, rows = None, []
            continue
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        if all(re.fullmatch(r":?-{3,}:?", c) or not c for c in cells):
            continue
        if header is None:
            header = cells
            continue
        if cells == header:
            continue
        if not cells[0] and rows:
            previous = rows[-1]
            for i, cell in enumerate(cells):
                if cell and i < len(previous):
                    previous[i] = f"{previous[i]} {cell}" if previous[i] else cell
            continue
        rows.append(cells + [""] * (len(header) - len(cells)))
    if header is not None:
        tables.append(Table(tuple(header), tuple(tuple(r) for r in rows)))
    return tables


# ---- the gold -----------------------------------------------------------------------------------


@functools.cache
def load_gold(path: Path) -> dict[str, Any]:
    """A gold file, read once per session (the tests only read it)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    assert isinstance(data, dict), path
    return data


def gold_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in gold_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in gold_strings(v)]
    return []


def parse_date(text: str) -> dt.date:
    match = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", text)
    assert match, f"date {text!r} is not written DD/MM/YYYY"
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as error:  # 31/02
        raise AssertionError(f"date {text!r} does not exist: {error}") from None


def date_spellings(date: dt.date) -> list[str]:
    d, m, y = date.day, date.month, date.year
    return [
        f"ngày {d:02d} tháng {m:02d} năm {y}",
        f"ngày {d} tháng {m} năm {y}",
        f"ngày {d:02d} tháng {m} năm {y}",
        f"ngày {d} tháng {m:02d} năm {y}",
        *(f"{dd}{sep}{mm}{sep}{y}" for sep in "/-" for dd in {f"{d}", f"{d:02d}"} for mm in {f"{m}", f"{m:02d}"}),
    ]


def parent_ref(ref: str) -> str | None:
    return ref.rsplit(".", 1)[0] if "." in ref else None


def printed_label(ref: str) -> str | None:
    """The number as printed before the clause ("1.2.", "a)", "V."), from its ref; None for a dash item
    ("-" or "+", either may be printed), a table row or the opening and closing paragraphs."""
    if ref in (OPENING, CLOSING) or ref.startswith("PL"):
        return None
    parts = ref.split(".")
    last = parts[-1]
    if last.startswith("-"):
        return None
    if last in LETTERS:
        return f"{last})"
    if ROMAN.fullmatch(last):
        return f"{last}."
    digits: list[str] = []
    for part in reversed(parts):
        if not part.isdigit():
            break
        digits.insert(0, part)
    return ".".join(digits) + "."


def clause_words(clause: dict[str, Any]) -> str:
    return norm(" ".join(x for x in (clause.get("title"), clause.get("text")) if x))


def agency_key(entry: dict[str, Any]) -> tuple[str, str, str]:
    return (fold(entry["name"]), entry["jurisdiction"], fold(entry.get("of", "")))


# ---- the checks ---------------------------------------------------------------------------------


def test_every_text_has_a_gold_and_every_gold_a_text() -> None:
    texts = {p.name for p in CORPUS.glob("*.txt")}
    named = {load_gold(p)["fixture"]["text"] for p in GOLD_FILES}
    assert texts == named
    assert {p.name.removesuffix(".gold.yaml") for p in GOLD_FILES} == {t.removesuffix(".txt") for t in texts}
    assert len(GOLD_FILES) >= MIN_FIXTURES, f"the corpus has {len(GOLD_FILES)} fixtures"


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.yaml"))
def fixture(request: pytest.FixtureRequest) -> tuple[Path, dict[str, Any], Document]:
    path: Path = request.param
    gold = load_gold(path)
    return path, gold, read_document(path)


@functools.cache
def read_document(gold_path: Path) -> Document:
    gold = load_gold(gold_path)
    return Document.read(CORPUS / gold["fixture"]["text"], gold)


def test_text_and_gold_are_nfc(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, _ = fixture
    raw = (CORPUS / gold["fixture"]["text"]).read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw, f"{gold['fixture']['text']} is not NFC"
    for text in gold_strings(gold):
        assert unicodedata.normalize("NFC", text) == text, f"{path.name}: not NFC: {text[:60]!r}"


def test_fixture_block(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, _ = fixture
    fx = gold["fixture"]
    assert set(fx) <= {"text", "pdf_damaged", "twin", "layouts", "furniture", "note"}, path.name
    unknown = set(fx["layouts"]) - LAYOUTS
    assert not unknown, f"{path.name}: layout tags not in the vocabulary: {sorted(unknown)}"
    pdf_tags = {t for t in fx["layouts"] if t.startswith("pdf-")}
    assert bool(pdf_tags) == fx["pdf_damaged"], f"{path.name}: pdf-* tags go with pdf_damaged: true"
    raw_lines = [x.strip() for x in (CORPUS / fx["text"]).read_text(encoding="utf-8").split("\n")]
    for pattern in fx.get("furniture", []):
        assert fx["pdf_damaged"], f"{path.name}: furniture is declared for damaged texts only"
        assert any(re.fullmatch(pattern, x) for x in raw_lines), f"{path.name}: furniture {pattern!r} matches no line"
    if fx.get("twin"):
        twin_gold = load_gold(CORPUS / fx["twin"].replace(".txt", ".gold.yaml"))
        assert twin_gold["fixture"]["twin"] == fx["text"], f"{path.name}: twins must name each other"
        assert twin_gold["fixture"]["pdf_damaged"] != fx["pdf_damaged"], f"{path.name}: one twin is damaged"
        for key in ("plan", "decision", "clauses", "footnotes", "appendices", "agencies"):
            assert twin_gold.get(key) == gold.get(key), f"{path.name}: '{key}' differs from its twin's"


def test_plan_and_decision_are_in_the_text(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, doc = fixture
    plan = gold["plan"]
    known = {"type", "type_line", "number", "date", "issuer", "signer", "title", "caption", "note"}
    assert set(plan) <= known, f"{path.name}: unknown keys in plan: {sorted(set(plan) - known)}"
    assert plan["type"] in DOC_TYPES, f"{path.name}: plan type {plan['type']!r}"
    folded = fold(doc.body)
    for part in (plan, gold.get("decision")):
        if not part:
            continue
        assert part["type"] in DOC_TYPES, f"{path.name}: type {part['type']!r}"
        if part.get("number") is not None:
            assert norm(part["number"]) in doc.body, f"{path.name}: number {part['number']!r} not in the text"
        if part.get("date") is not None:
            date = parse_date(part["date"])  # a wrong date fails here, with the value
            assert any(fold(s) in folded for s in date_spellings(date)), f"{path.name}: date {date} not in the text"
        for key in ("title", "type_line", "caption", "authority", "preamble"):
            if part.get(key):
                assert norm(part[key]) in doc.body, f"{path.name}: {key} {part[key][:60]!r} not in the text"
        issuer = part["issuer"]
        level = JURISDICTION.fullmatch(issuer["jurisdiction"])
        assert level and level["level"] in LEVELS, f"{path.name}: issuer jurisdiction {issuer['jurisdiction']!r}"
        signer = part.get("signer")
        if signer:
            for key in ("authority", "position", "name"):
                for line in (signer.get(key) or "").split("\n"):  # the lines of "TM. …\nKT. …"
                    assert norm(line) in doc.body, f"{path.name}: signer {key} {line!r} not in the text"
    decision = gold.get("decision")
    if decision:
        known = {
            "type",
            "number",
            "date",
            "issuer",
            "authority",
            "title",
            "preamble",
            "articles",
            "paragraphs",
            "to",
            "signer",
        }
        assert set(decision) <= known, f"{path.name}: unknown keys in decision: {sorted(set(decision) - known)}"
        for line in decision.get("to", []):
            assert norm(line) in doc.body, f"{path.name}: Kính gửi line {line!r} not in the text"
        for article in decision.get("articles", []):
            assert norm(f"Điều {article['number']}. {article['text']}") in doc.body, (
                f"{path.name}: Điều {article['number']}"
            )
        for paragraph in decision.get("paragraphs", []):
            assert norm(paragraph) in doc.body, f"{path.name}: paragraph {paragraph[:60]!r} not in the text"


def test_clauses_are_verbatim_in_order_and_cover_the_body(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, doc = fixture
    clauses = gold["clauses"]
    party_style = "numbering-party-dash" in gold["fixture"]["layouts"]
    assert MIN_CLAUSES <= len(clauses) <= MAX_CLAUSES, f"{path.name}: {len(clauses)} clauses"
    cursor = None  # end of the previous clause in doc.body
    for clause in clauses:
        ref = clause["ref"]
        if ref.startswith("PL"):
            continue
        words = clause_words(clause)
        assert words, f"{path.name}: {ref} has neither title nor text"
        label = printed_label(ref)
        if label and party_style and label.endswith("."):
            label = label[:-1] + "-"  # "I-", "1-": the numbering of Party documents
        if label is None and ref not in (OPENING, CLOSING):
            candidates = [f"- {words}", f"+ {words}"]
        else:
            candidates = [f"{label} {words}" if label else words]
        start = 0 if cursor is None else cursor
        found = [(doc.body.find(c, start), c) for c in candidates]
        found = [(i, c) for i, c in found if i >= 0]
        assert found, (
            f"{path.name}: {ref} not found (verbatim, with its number, after the previous clause): {candidates[0][:100]!r}"
        )
        at, candidate = min(found)
        if cursor is not None:
            gap = doc.body[cursor:at].strip()
            assert not gap, (
                f"{path.name}: text between the clause before {ref} and {ref} belongs to no clause: {gap[:120]!r}"
            )
        cursor = at + len(candidate)


def test_appendix_rows_are_verbatim_and_complete(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, doc = fixture
    tables = appendix_tables(doc.lines)
    appendices = gold.get("appendices", [])
    assert len(tables) == len(appendices), f"{path.name}: {len(tables)} appendix tables, {len(appendices)} in the gold"
    for index, (appendix, table) in enumerate(zip(appendices, tables, strict=True), start=1):
        where = f"{path.name}: {appendix['ref']}"
        assert appendix["ref"] == f"PL{index}", where
        for key in ("title", "caption"):
            if appendix.get(key):
                assert norm(appendix[key]) in doc.body, f"{where}: {key} {appendix[key][:60]!r} not in the text"
        assert tuple(appendix["columns"]) == table.header, f"{where}: columns {table.header} in the text"
        task = table.header.index(appendix["task_column"])
        rows = [c for c in gold["clauses"] if c["ref"].startswith(f"{appendix['ref']}.")]
        assert len(rows) == len(table.rows), f"{where}: {len(table.rows)} rows in the text, {len(rows)} in the gold"
        for clause, cells in zip(rows, table.rows, strict=True):
            number = clause["ref"].rsplit(".", 1)[1]
            assert cells[0].rstrip(".") == number, f"{where}: {clause['ref']} is row {cells[0]!r} in the text"
            filled = {table.header[i]: norm(c) for i, c in enumerate(cells) if i and c}
            if ROMAN.fullmatch(number) and len(filled) <= 1:  # a group row: its one cell is its title
                assert list(filled.values()) == [norm(clause.get("title", ""))], f"{where}: group row {number}"
                continue
            assert norm(clause.get("text", "")) == filled.pop(table.header[task], ""), f"{where}: {clause['ref']} text"
            given = {k: norm(v) for k, v in (clause.get("cells") or {}).items()}
            assert given == filled, f"{where}: {clause['ref']} cells {given} != text {filled}"


def test_refs_are_unique_nested_and_numbered_in_order(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, _ = fixture
    refs = [c["ref"] for c in gold["clauses"]]
    assert len(refs) == len(set(refs)), f"{path.name}: duplicate refs"
    if OPENING in refs:
        assert refs[0] == OPENING, f"{path.name}: the opening comes first"
    if CLOSING in refs:
        after = refs[refs.index(CLOSING) + 1 :]
        assert all(r.startswith("PL") for r in after), f"{path.name}: only appendix rows follow the closing"
    seen: set[str] = set()
    siblings: dict[str | None, list[dict[str, Any]]] = {}
    for clause in gold["clauses"]:
        ref = clause["ref"]
        assert re.fullmatch(r"(PL\d+\.)?([IVXLC]+|\d+|[a-zđ]|-\d+)(\.([IVXLC]+|\d+|[a-zđ]|-\d+))*", ref) or ref in (
            OPENING,
            CLOSING,
        ), f"{path.name}: ref {ref!r} is not in the citation form"
        parent = parent_ref(ref)
        if parent is not None and not re.fullmatch(r"PL\d+", parent):
            assert parent in seen, f"{path.name}: {ref} comes before its parent {parent}"
        seen.add(ref)
        if ref not in (OPENING, CLOSING):
            siblings.setdefault(parent, []).append(clause)
    for parent, items in siblings.items():
        check_sibling_numbers(path.name, parent, items)


def check_sibling_numbers(name: str, parent: str | None, items: list[dict[str, Any]]) -> None:
    """Numbers of one list go 1, 2, 3 (or a, b, c; I, II; -1, -2) unless a clause marks the skip."""
    numbers = [c["ref"].rsplit(".", 1)[-1] for c in items]
    romans = list(ROMAN_NUMERALS)
    expected_next: str | None = None
    for clause, number in zip(items, numbers, strict=True):
        if number.startswith("-"):
            order, value = [f"-{i}" for i in range(1, 60)], number
        elif number in LETTERS:
            order, value = list(LETTERS), number
        elif ROMAN.fullmatch(number):
            order, value = romans, number
        else:
            order, value = [str(i) for i in range(1, 200)], number
        if expected_next is None:
            ok = value == order[0] or (parent is not None and parent.startswith("PL") and value.isdigit())
        else:
            ok = value == expected_next
        if not ok:
            assert clause.get("numbering") in ("skip", "repeat", "continues"), (
                f"{name}: {clause['ref']} breaks the numbering of its list (expected {expected_next or order[0]!r}); "
                "mark it numbering: skip if the official text really skips"
            )
        expected_next = order[order.index(value) + 1] if value in order else None


def test_roles_name_listed_agencies_written_where_they_act(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, _ = fixture
    agencies = {agency_key(a): a for a in gold["agencies"]}
    assert len(agencies) == len(gold["agencies"]), f"{path.name}: an agency is listed twice"
    by_ref = {c["ref"]: c for c in gold["clauses"]}
    for clause in gold["clauses"]:
        own = fold(" ".join([clause_words(clause), *(clause.get("cells") or {}).values()]))
        ancestors = ""
        parent = parent_ref(clause["ref"])
        while parent is not None:
            if parent in by_ref:
                ancestors += " " + fold(clause_words(by_ref[parent]))
            parent = parent_ref(parent)
        roles = clause.get("roles") or {}
        assert set(roles) <= set(ROLES), f"{path.name}: {clause['ref']}: unknown role in {sorted(roles)}"
        keys = [agency_key(e) for entries in roles.values() for e in entries]
        assert len(keys) == len(set(keys)), f"{path.name}: {clause['ref']}: one agency holds two roles"
        for role, entries in roles.items():
            for entry in entries:
                where = f"{path.name}: {clause['ref']} {role} {entry['name']!r}"
                assert set(entry) <= {"name", "jurisdiction", "of", "inherited", "note"}, where
                assert agency_key(entry) in agencies, f"{where}: not listed under agencies"
                agency = agencies[agency_key(entry)]
                spellings = [fold(s) for s in [agency["name"], *agency.get("forms", [])]]
                if entry.get("inherited"):
                    assert any(s in ancestors for s in spellings), f"{where}: inherited, but no heading above names it"
                    assert not any(s in own for s in spellings), f"{where}: named in the clause itself, not inherited"
                else:
                    assert any(s in own for s in spellings), f"{where}: the clause does not name it"
        if "deadline" in clause:
            deadlines = clause["deadline"] if isinstance(clause["deadline"], list) else [clause["deadline"]]
            for deadline in deadlines:
                assert fold(deadline) in own, f"{path.name}: {clause['ref']} deadline {deadline!r} not in the clause"
        assert set(clause) <= {"ref", "title", "text", "cells", "roles", "deadline", "numbering", "note"}, (
            f"{path.name}: {clause['ref']}: unknown keys {sorted(set(clause))}"
        )


def test_agencies_are_well_formed_and_spelled_as_in_the_text(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, doc = fixture
    folded = fold(doc.body + " " + " ".join(doc.lines))
    for agency in gold["agencies"]:
        where = f"{path.name}: agency {agency['name']!r}"
        assert set(agency) <= {"name", "official_name", "jurisdiction", "of", "kind", "forms", "note"}, where
        assert agency["kind"] in KINDS, f"{where}: kind {agency['kind']!r}"
        level = JURISDICTION.fullmatch(agency["jurisdiction"])
        assert level and level["level"] in LEVELS, f"{where}: jurisdiction {agency['jurisdiction']!r}"
        for form in agency.get("forms", []):
            assert fold(form) in folded, f"{where}: spelling {form!r} is not in the text"
        assert any(fold(s) in folded for s in [agency["name"], *agency.get("forms", [])]), f"{where}: not in the text"


def test_footnotes_belong_to_clauses_that_carry_their_marker(fixture: tuple[Path, dict[str, Any], Document]) -> None:
    path, gold, _ = fixture
    by_ref = {c["ref"]: c for c in gold["clauses"]}
    markers = [n["marker"] for n in gold.get("footnotes", [])]
    assert len(markers) == len(set(markers)), f"{path.name}: a footnote marker is used twice"
    for note in gold.get("footnotes", []):
        assert note["clause"] in by_ref, f"{path.name}: footnote {note['marker']} names an unknown clause"
        clause = by_ref[note["clause"]]
        assert note["marker"] in clause_words(clause) + " ".join((clause.get("cells") or {}).values()), (
            f"{path.name}: clause {note['clause']} does not carry the marker {note['marker']}"
        )

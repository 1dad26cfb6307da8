"""vnplans.data.yamlio.read_yaml: plain values, 1-based marks, and the refusals that keep data files safe."""

from __future__ import annotations

import itertools
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from vnplans.data import yamlio
from vnplans.data.diagnostics import Loc, Report
from vnplans.data.yamlio import MAX_DEPTH, YamlDoc, format_path, read_yaml


def read(tmp_path: Path, content: str | bytes) -> tuple[YamlDoc | None, Report]:
    path = tmp_path / "f.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    report = Report()
    return read_yaml(path, "data/f.yaml", report), report


def only_error(report: Report) -> tuple[str, str, str]:
    """(``file:line:col``, message, hint) of the one diagnostic of ``report``."""
    assert len(report.diagnostics) == 1, report.format_text()
    diagnostic = report.diagnostics[0]
    return str(diagnostic.loc), diagnostic.text("en"), diagnostic.hint_text("en")


SAMPLE = """\
# a comment
id: p
title: Kế hoạch
sections:
  - number: I
    items:
      - number: "1"
        text: Nội dung
"""


def test_values_and_marks(tmp_path: Path) -> None:
    doc, report = read(tmp_path, SAMPLE)
    assert doc is not None and report.diagnostics == []
    assert doc.data == {
        "id": "p",
        "title": "Kế hoạch",
        "sections": [{"number": "I", "items": [{"number": "1", "text": "Nội dung"}]}],
    }
    # values: 1-based line and column where the value starts
    assert doc.value_marks[("id",)] == (2, 5)
    assert doc.value_marks[("title",)] == (3, 8)
    assert doc.value_marks[("sections", 0)] == (5, 5)
    assert doc.value_marks[("sections", 0, "items", 0, "number")] == (7, 17)
    assert doc.value_marks[("sections", 0, "items", 0, "text")] == (8, 15)
    # keys: where the key is written
    assert doc.key_marks[("id",)] == (2, 1)
    assert doc.key_marks[("sections", 0, "items", 0, "text")] == (8, 9)


def test_loc_and_key_loc(tmp_path: Path) -> None:
    doc, _ = read(tmp_path, SAMPLE)
    assert doc is not None
    path = ("sections", 0, "items", 0, "text")
    assert doc.loc(path) == Loc("data/f.yaml", 8, 15, "sections[0].items[0].text")
    assert doc.key_loc(path) == Loc("data/f.yaml", 8, 9, "sections[0].items[0].text")
    assert str(doc.loc(path)) == "data/f.yaml:8:15"
    # a path that is not in the file (a missing key) falls back to the nearest enclosing value
    missing = ("sections", 0, "items", 0, "title")
    assert doc.loc(missing) == Loc("data/f.yaml", 7, 9, "sections[0].items[0].title")
    assert doc.key_loc(missing) == doc.loc(missing)


def test_format_path() -> None:
    assert format_path(("sections", 1, "items", 0, "text")) == "sections[1].items[0].text"
    assert format_path(("roles", "phoi-hop", 2)) == "roles.phoi-hop[2]"
    assert format_path(()) == ""


def test_scalars_keep_dates_as_text(tmp_path: Path) -> None:
    doc, report = read(tmp_path, "a: 2021-04-05\nb: 05/04/2021\nc: 2\nd: true\ne:\nf: 1.5\ng: '2'\n")
    assert doc is not None and report.diagnostics == []
    assert doc.data == {"a": "2021-04-05", "b": "05/04/2021", "c": 2, "d": True, "e": None, "f": 1.5, "g": "2"}


def test_nfc_normalisation_is_recorded(tmp_path: Path) -> None:
    composed = "Sở Tài chính"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    doc, report = read(tmp_path, f"name: {decomposed}\nother: {composed}\nlist: [{decomposed}]\n")
    assert doc is not None and report.diagnostics == []
    assert doc.data == {"name": composed, "other": composed, "list": [composed]}
    assert doc.nfc_changed == [("name",), ("list", 0)]


def test_nfd_keys_are_read_composed(tmp_path: Path) -> None:
    key = unicodedata.normalize("NFD", "tên")
    doc, _ = read(tmp_path, f"{key}: x\n")
    assert doc is not None and doc.data == {"tên": "x"}


def test_bom_is_accepted_and_does_not_shift_columns(tmp_path: Path) -> None:
    doc, report = read(tmp_path, "\ufeffid: p\ntitle: T\n".encode())
    assert doc is not None and report.diagnostics == []
    assert doc.data == {"id": "p", "title": "T"}
    assert doc.key_marks[("id",)] == (1, 1)
    assert doc.value_marks[("id",)] == (1, 5)


def test_crlf_line_numbers(tmp_path: Path) -> None:
    doc, report = read(tmp_path, b"id: p\r\n\r\ntitle: T\r\nitems:\r\n  - x\r\n  - y\r\n")
    assert doc is not None and report.diagnostics == []
    assert doc.data == {"id": "p", "title": "T", "items": ["x", "y"]}
    assert doc.value_marks[("title",)] == (3, 8)
    assert doc.value_marks[("items", 1)] == (6, 5)
    assert not any("\r" in v for v in doc.data["items"])


def test_crlf_line_numbers_in_errors(tmp_path: Path) -> None:
    _, report = read(tmp_path, b"a: 1\r\nb: 2\r\na: 3\r\n")
    assert only_error(report)[:2] == ("data/f.yaml:3:1", "duplicate key 'a' (first written on line 1)")


def test_lone_cr_line_ends(tmp_path: Path) -> None:
    doc, _ = read(tmp_path, b"a: 1\rb: x\r")
    assert doc is not None and doc.data == {"a": 1, "b": "x"}
    assert doc.value_marks[("b",)] == (2, 4)


def test_aliases_are_refused(tmp_path: Path) -> None:
    doc, report = read(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert doc is None
    where, message, hint = only_error(report)
    assert where == "data/f.yaml:1:4"  # the anchored value that is used twice
    assert message == "anchors and aliases (&name, *name) are not allowed in data files"
    assert hint == "write the value out in full instead of referring to another one"


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    doc, report = read(tmp_path, "\n".join(lines) + "\n")  # 9**16 strings if expanded
    assert doc is None
    where, message, _ = only_error(report)
    assert (where, message) == ("data/f.yaml:1:4", "anchors and aliases (&name, *name) are not allowed in data files")


def test_undefined_alias_is_a_syntax_error(tmp_path: Path) -> None:
    doc, report = read(tmp_path, "a: *nothing\n")
    assert doc is None
    where, message, _ = only_error(report)
    assert where == "data/f.yaml:1:4"
    assert message == "YAML syntax error: an alias (*name) is used; anchors and aliases are not allowed in data files"


def _nested(levels: int) -> str:
    """``a:`` holding ``levels`` lists, one inside the other."""
    return "a: " + "[" * levels + "]" * levels + "\n"


def test_depth_limit(tmp_path: Path) -> None:
    # the mapping is level 0, the value of 'a' level 1: MAX_DEPTH lists are the deepest allowed
    doc, report = read(tmp_path, _nested(MAX_DEPTH))
    assert doc is not None and report.diagnostics == []
    doc, report = read(tmp_path, _nested(MAX_DEPTH + 1))
    assert doc is None
    where, message, _ = only_error(report)
    assert where == f"data/f.yaml:1:{4 + MAX_DEPTH}"
    assert message == f"the data is nested more than {MAX_DEPTH} levels deep"


def test_very_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    doc, report = read(tmp_path, _nested(5000))
    assert doc is None
    assert report.has_errors()


@pytest.mark.parametrize(
    ("text", "where", "tag"),
    [
        ("a: !!python/object/apply:os.system ['true']\n", "data/f.yaml:1:4", "python/object/apply:os.system"),
        ("a: !include other.yaml\n", "data/f.yaml:1:4", "!include"),
        ("a: !!binary aGVsbG8=\n", "data/f.yaml:1:4", "binary"),
        ("a: !!set {x, y}\n", "data/f.yaml:1:4", "set"),
        ("a:\n  b: !custom [1]\n", "data/f.yaml:2:6", "!custom"),
    ],
)
def test_tags_are_refused(tmp_path: Path, text: str, where: str, tag: str) -> None:
    doc, report = read(tmp_path, text)
    assert doc is None
    actual_where, message, hint = only_error(report)
    assert actual_where == where
    assert message.startswith("the tag '") and tag in message and message.endswith("' is not allowed in data files")
    assert "remove the tag" in hint


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    _, report = read(tmp_path, "a:\n  <<: {x: 1}\n  y: 2\n")
    assert only_error(report)[:2] == ("data/f.yaml:2:3", "merge keys (<<) are not allowed in data files")


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    doc, report = read(tmp_path, "a:\n  x: 1\n  y: 2\n  x: 3\n")
    assert doc is None
    where, message, hint = only_error(report)
    assert (where, message) == ("data/f.yaml:4:3", "duplicate key 'x' (first written on line 2)")
    assert "a key may appear once per block" in hint


def test_same_key_in_two_blocks_is_fine(tmp_path: Path) -> None:
    doc, report = read(tmp_path, "- x: 1\n- x: 2\n")
    assert doc is not None and doc.data == [{"x": 1}, {"x": 2}] and report.diagnostics == []


def test_a_list_as_a_key_is_refused(tmp_path: Path) -> None:
    _, report = read(tmp_path, "? [a, b]\n: 1\n")
    assert only_error(report)[:2] == ("data/f.yaml:1:3", "a key must be a plain word, not a list or mapping")


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_BYTES", 10)
    doc, report = read(tmp_path, "title: eleven\n")
    assert doc is None
    where, message, _ = only_error(report)
    assert where == "data/f.yaml"
    assert message == "the file is 14 bytes; data files are limited to 10 bytes"


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    doc, report = read(tmp_path, b"a: 1\nb: S\xe1 N\xf4i v\xfb\n")  # Latin-1/Windows-1258 bytes
    assert doc is None
    where, message, hint = only_error(report)
    assert (where, message) == ("data/f.yaml:2:1", "the file is not valid UTF-8")
    assert "UTF-8" in hint


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "\ufeff"])
def test_empty_files(tmp_path: Path, content: str) -> None:
    doc, report = read(tmp_path, content)
    assert doc is None
    assert only_error(report)[:2] == ("data/f.yaml:1:1", "the file is empty")


def test_tab_indentation(tmp_path: Path) -> None:
    _, report = read(tmp_path, "a:\n\tb: 1\n")
    where, message, hint = only_error(report)
    assert (where, message) == ("data/f.yaml:2:1", "YAML syntax error: a tab character is used for indentation")
    assert hint == "YAML indents with spaces only; replace the tab with spaces"


def test_missing_file(tmp_path: Path) -> None:
    report = Report()
    assert read_yaml(tmp_path / "nope.yaml", "data/nope.yaml", report) is None
    where, message, _ = only_error(report)
    assert where == "data/nope.yaml" and message.startswith("cannot read the file: ")


def test_extreme_nesting_is_reported_not_a_crash(tmp_path: Path) -> None:
    # in a child process: a segmentation fault here would end the whole test run
    path = tmp_path / "deep.yaml"
    path.write_text(_nested(30_000), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from vnplans.data.diagnostics import Report; "
        "from vnplans.data.yamlio import read_yaml; r = Report(); "
        "assert read_yaml(Path(sys.argv[1]), 'data/deep.yaml', r) is None; print(r.format_text('en'))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        check=False,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-500:]}"
    assert proc.stdout == f"data/deep.yaml:1:{4 + MAX_DEPTH}: the data is nested more than {MAX_DEPTH} levels deep\n"


@pytest.mark.parametrize(
    "text",
    [
        "- " * 30_000 + "x\n",  # block lists, one inside the other, on one line
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 1_300)),  # and by indentation (1.7 MB)
        "a: " + "[b: " * 20_000 + "c" + "]" * 20_000 + "\n",  # flow lists of one-pair mappings
        "a: " + "[[x], " * 20_000 + "y" + "]" * 20_000 + "\n",  # with simple lists at every level
    ],
    ids=["compact-block", "indented-block", "flow-pairs", "flow-with-simple-lists"],
)
def test_deep_nesting_of_every_kind_is_reported_not_a_crash(tmp_path: Path, text: str) -> None:
    # in a child process, with a small thread stack: the cheap bound must send these to the exact check
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys, threading; threading.stack_size(1 << 20); from pathlib import Path; "
        "from vnplans.data.diagnostics import Report; from vnplans.data.yamlio import read_yaml; r = Report(); "
        "t = threading.Thread(target=lambda: print(read_yaml(Path(sys.argv[1]), 'd.yaml', r) is None, "
        "r.diagnostics[0].text('en') if r.diagnostics else '')); t.start(); t.join()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120, cwd=REPO_ROOT, check=False
    )
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-500:]}"
    assert proc.stdout == f"True the data is nested more than {MAX_DEPTH} levels deep\n"


def test_an_alias_of_a_text_is_refused_at_its_anchor(tmp_path: Path) -> None:
    doc, report = read(tmp_path, "a: &x Sở Nội vụ\nb: *x\n")
    assert doc is None
    assert only_error(report)[:2] == (
        "data/f.yaml:1:4",
        "anchors and aliases (&name, *name) are not allowed in data files",
    )

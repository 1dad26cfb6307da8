"""Invisible, control and text-direction characters: refused or warned about where they are written."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from vnplans.data.characters import FLAGGED, Kind, describe, kind_of, printable
from vnplans.data.diagnostics import Diagnostic, Loc, Report, Severity
from vnplans.data.messages import msg
from vnplans.data.yamlio import MAX_CHARACTER_REPORTS, YamlDoc, read_yaml, text_position


def read(tmp_path: Path, text: str) -> tuple[YamlDoc | None, list[tuple[str, str, str, str]]]:
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8"))
    report = Report()
    doc = read_yaml(path, "data/f.yaml", report)
    found = [(d.severity.value, str(d.loc), d.field, d.text("en")) for d in report.diagnostics]
    return doc, found


CONTROL = "a control character ({}) is not allowed in data files"
BIDI = "a text-direction control character ({}) is not allowed in data files"
LINE_BREAK = "the character {} is not allowed in data files: YAML reads it as a new line"


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x00", "U+0000 NULL"),
        ("\x07", "U+0007 BELL"),
        ("\x0b", "U+000B LINE TABULATION"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x7f", "U+007F DELETE"),
        ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
    ],
)
def test_control_characters_are_refused_where_they_are(tmp_path: Path, char: str, name: str) -> None:
    doc, found = read(tmp_path, f"id: p\ntitle: Kế hoạch{char} số 1\nitems: [a\n")
    assert doc is None
    # line 2, column of the character itself (Kế hoạch is 8 characters after 'title: '); nothing else:
    # the YAML is not read, so the unclosed bracket on line 3 is not reported yet
    assert found == [("error", "data/f.yaml:2:16", "", CONTROL.format(name))]


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x85", "U+0085 NEXT LINE"), ("\u2028", "U+2028 LINE SEPARATOR"), ("\u2029", "U+2029 PARAGRAPH SEPARATOR")],
)
def test_characters_yaml_reads_as_line_breaks_are_refused(tmp_path: Path, char: str, name: str) -> None:
    doc, found = read(tmp_path, f"a: x{char}y\nb: 1\nc: 2{char}\n")
    assert doc is None
    # editors' line numbers: the separator on line 1 does not push 'c' to line 4
    assert found == [
        ("error", "data/f.yaml:1:5", "", LINE_BREAK.format(name)),
        ("error", "data/f.yaml:3:5", "", LINE_BREAK.format(name)),
    ]


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u061c", "U+061C ARABIC LETTER MARK"),
    ],
)
def test_bidi_controls_are_errors_and_the_file_is_still_read(tmp_path: Path, char: str, name: str) -> None:
    doc, found = read(tmp_path, f"a: 1\nname: Tỉnh ủy{char}Bình Thuận\na: 2\n")
    assert doc is None  # the duplicate key below is found in the same run, on its own line
    assert found == [
        ("error", "data/f.yaml:2:14", "", BIDI.format(name)),
        ("error", "data/f.yaml:3:1", "", "duplicate key 'a' (first written on line 1)"),
    ]


def test_noncharacters(tmp_path: Path) -> None:
    doc, found = read(tmp_path, "a: x\ufdd0\nb: \U0001fffe\n")
    assert doc is not None  # YAML reads them; the report has errors, so nothing is published
    assert found == [
        ("error", "data/f.yaml:1:5", "", "U+FDD0 NONCHARACTER is not a character that a text may contain"),
        ("error", "data/f.yaml:2:4", "", "U+1FFFE NONCHARACTER is not a character that a text may contain"),
    ]
    # YAML cannot read U+FFFE and U+FFFF: the file is not read further
    doc, found = read(tmp_path, "a: x\ufffe\nb: [\n")
    assert doc is None
    assert found == [("error", "data/f.yaml:1:5", "", "U+FFFE NONCHARACTER is not a character that a text may contain")]


def test_invisible_characters_and_special_spaces_are_warnings(tmp_path: Path) -> None:
    doc, found = read(tmp_path, "a: Sở\u200bTài chính\nb: Sở\u00a0Nội vụ\nc: Ủy ban\u00ad\nd: x\ue000\n")
    assert doc is not None and doc.data["b"] == "Sở\u00a0Nội vụ"  # read as written: warnings only
    assert found == [
        ("warning", "data/f.yaml:1:6", "", "an invisible character (U+200B ZERO WIDTH SPACE) in the text"),
        ("warning", "data/f.yaml:2:6", "", "a special space (U+00A0 NO-BREAK SPACE) instead of a plain space"),
        ("warning", "data/f.yaml:3:10", "", "an invisible character (U+00AD SOFT HYPHEN) in the text"),
        ("warning", "data/f.yaml:4:5", "", "a private-use character (U+E000): readers see an empty box"),
    ]


def test_a_bom_at_the_start_is_fine_but_not_inside(tmp_path: Path) -> None:
    doc, found = read(tmp_path, "\ufeffa: 1\nb: x\ufeffy\n")
    assert doc is not None
    assert found == [
        ("warning", "data/f.yaml:2:5", "", "an invisible character (U+FEFF ZERO WIDTH NO-BREAK SPACE) in the text")
    ]


def test_tabs_inside_values_are_ordinary(tmp_path: Path) -> None:
    doc, found = read(tmp_path, "a: 'x\ty'\nb: |\n  line\tone\n")
    assert doc is not None and found == []


def test_escapes_in_double_quotes_are_found_where_they_are_written(tmp_path: Path) -> None:
    text = 'a: 1\nname: "Tỉnh ủy\\u202EBình"\nlist:\n  - "ok \\t tab, \\n new line, \\\\u202E is text"\n  - "x\\e[2J"\n'
    doc, found = read(tmp_path, text)
    assert doc is not None
    assert found == [
        ("error", "data/f.yaml:2:15", "name", BIDI.format("U+202E RIGHT-TO-LEFT OVERRIDE")),
        ("error", "data/f.yaml:5:7", "list[1]", CONTROL.format("U+001B ESCAPE")),
    ]


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\0", "U+0000 NULL"),
        ("\\x85", "U+0085 NEXT LINE"),
        ("\\N", "U+0085 NEXT LINE"),
        ("\\L", "U+2028 LINE SEPARATOR"),
        ("\\r", "U+000D CARRIAGE RETURN"),
        ("\\U0001FFFE", "U+1FFFE NONCHARACTER"),
    ],
)
def test_every_kind_of_escape_is_found(tmp_path: Path, escape: str, name: str) -> None:
    doc, found = read(tmp_path, f'a: "xy{escape}z"\n')
    assert doc is not None
    assert len(found) == 1 and found[0][:3] == ("error", "data/f.yaml:1:7", "a") and name in found[0][3]


def test_an_escaped_key_is_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text('"ke\\x1by": 1\n', encoding="utf-8")
    report = Report()
    read_yaml(path, "data/f.yaml", report)
    assert report.format_text("en").splitlines()[0] == (
        "data/f.yaml:1:4: ke<U+001B>y: " + CONTROL.format("U+001B ESCAPE")
    )


def test_many_characters_are_counted_not_listed(tmp_path: Path) -> None:
    lines = [f"k{i}: a\u200bb\u200bc" for i in range(MAX_CHARACTER_REPORTS + 5)]
    doc, found = read(tmp_path, "\n".join(lines) + "\n")
    assert doc is not None
    # one message per line and character (not one per occurrence), then a count of the other lines
    assert len(found) == MAX_CHARACTER_REPORTS + 1
    assert found[0] == (
        "warning",
        "data/f.yaml:1:6",
        "",
        "an invisible character (U+200B ZERO WIDTH SPACE) in the text",
    )
    assert found[-1] == (
        "warning",
        f"data/f.yaml:{MAX_CHARACTER_REPORTS + 1}:7",
        "",
        "5 more lines with characters like those above in this file",
    )


def test_text_position_counts_only_line_feeds() -> None:
    text = "ab\ncd\u2028ef\x85\ngh"
    assert text_position(text, 0) == (1, 1)
    assert text_position(text, 4) == (2, 2)
    assert text_position(text, 7) == (2, 5)  # after U+2028: still line 2
    assert text_position(text, 10) == (3, 1)


# -- the classes cover Unicode's categories ----------------------------------------------------------


ALL = "".join(map(chr, range(sys.maxunicode + 1)))
FLAGGED_CODES = {m.start() for m in FLAGGED.finditer(ALL)}


def test_every_format_control_and_space_character_is_flagged() -> None:
    wanted = {
        code
        for code, c in enumerate(ALL)
        if unicodedata.category(c) in ("Cf", "Zs", "Co", "Cs") or (unicodedata.category(c) == "Cc" and c not in "\t\n")
    } - {ord(" ")}
    assert sorted(f"U+{code:04X}" for code in wanted - FLAGGED_CODES) == []


#: Invisible although Unicode calls them letters or marks: the Hangul fillers, the grapheme joiner.
INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0\u034f"


def test_letters_punctuation_and_vietnamese_are_not_flagged() -> None:
    flagged = [
        f"U+{code:04X}"
        for code in sorted(FLAGGED_CODES)
        if unicodedata.category(ALL[code])[0] in "LNPSM" and ALL[code] not in INVISIBLE_LETTERS
    ]
    assert flagged == []
    assert not FLAGGED.search("Ủy ban nhân dân tỉnh Bình Thuận – “Sở Tài chính”… đ Đ ơ ư 2021/QĐ-UBND\t\n")


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\x00", Kind.CONTROL),
        ("\x85", Kind.LINE_BREAK),
        ("\u202e", Kind.BIDI),
        ("\ufffe", Kind.NONCHARACTER),
        ("\u200b", Kind.INVISIBLE),
        ("\u3000", Kind.SPACE),
        ("\U000f0000", Kind.PRIVATE_USE),
        ("a", None),
        ("\t", None),
    ],
)
def test_kinds(char: str, kind: Kind | None) -> None:
    assert kind_of(char) is kind


def test_names() -> None:
    assert describe("\x1f") == "U+001F UNIT SEPARATOR"
    assert describe("\u00ad") == "U+00AD SOFT HYPHEN"
    assert describe("\U000e0041") == "U+E0041 TAG LATIN CAPITAL LETTER A"
    assert describe("\uffff") == "U+FFFF NONCHARACTER"


# -- messages stay on one line, whatever they quote --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("so-noi-vu\n", "so-noi-vu"),
        ("a\r\nb", "a b"),
        ("a\u2028b\x85c\x0bd", "a b c d"),
        ("Tỉnh ủy\u202eabc", "Tỉnh ủy<U+202E>abc"),
        ("x\x1b[2Jy", "x<U+001B>[2Jy"),
        ("plain text", "plain text"),
    ],
)
def test_printable(value: str, shown: str) -> None:
    assert printable(value) == shown


def test_every_part_of_a_message_is_on_one_line() -> None:
    diagnostic = Diagnostic(
        Severity.ERROR,
        Loc("data/plans/a\nb.yaml", 3, 4),
        "sections[0].items[0].roles.x\u2028y",
        msg("unknown agency or group '{id}'{suggestion}", id="so\nnoi\u202evu", suggestion=""),
        msg("use an id defined in data/agencies.yaml, or add the agency there first"),
    )
    text = diagnostic.format_text("en")
    assert text.splitlines() == [
        "data/plans/a b.yaml:3:4: sections[0].items[0].roles.x y: unknown agency or group 'so noi<U+202E>vu'",
        "    hint: use an id defined in data/agencies.yaml, or add the agency there first",
    ]
    github = diagnostic.format_github("en")
    assert len(github.splitlines()) == 1 and "line=3,col=4" in github

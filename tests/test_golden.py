"""Golden fixtures for the validator: each broken data folder beside the exact report it must give.

``tests/golden/base/`` is a small, valid data folder. Each ``tests/golden/cases/<NN-name>/`` holds:

* ``data/...``: the files it replaces in, or adds to, a copy of the base (same relative paths);
* ``expected.txt``: the exact standard output of
  ``scripts/validate <root>/data --root <root> [args]``, so paths read ``data/plans/p.yaml:12:5``, in
  Vietnamese (the editors' language, the default);
* optionally ``expected.en.txt``: the same report with ``--lang en`` (English, for developers);
* optionally ``args.txt`` (extra arguments, whitespace-separated), ``exit_code.txt`` (when not 1),
  ``delete.txt`` (paths to remove from the copy, one a line) and ``generate.py`` (a function
  ``generate(root)`` that writes what is too big to commit, e.g. a file over the size limit);
* optionally ``known_issue.txt``: the validator does not yet give ``expected.txt``, which holds the
  report it *should* give (right line, clear words). The case is an expected failure, and fails as
  soon as the validator gets it right, so that the file is removed with the fix.

A new case is a new folder. To write the ``expected.txt`` of new or changed cases, run
``GOLDEN_UPDATE=1 python -m pytest tests/test_golden.py``, then read every changed file: each message
must point at the line and column of the mistake, and teach the fix. Cases with ``known_issue.txt``
are never rewritten.
"""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from vnplans.commands.validate import validate_main

GOLDEN = Path(__file__).resolve().parent / "golden"
BASE = GOLDEN / "base"
CASES = sorted(p for p in (GOLDEN / "cases").iterdir() if p.is_dir())
UPDATE = os.environ.get("GOLDEN_UPDATE") == "1"

#: Cases also run as a separate process, to prove that no traceback escapes the command line.
SUBPROCESS_CASES = (
    "26-custom-include-tag",
    "27-alias-bomb",
    "30-file-over-size-limit",
    "43-empty-file",
    "71-nul-in-official-text",
    "84-agencies-linked-to-dev-zero",
    "85-symlink-loop",
    "87-fifo-in-data-folder",
    "89-chain-longer-than-limit",
    "105-not-utf8",
)


def _prepare(case: Path, root: Path) -> list[str]:
    """Lay out base + case under ``root``; return the validator's arguments."""
    shutil.copytree(BASE / "data", root / "data")
    for relative in _lines(case / "delete.txt"):
        target = root / relative
        assert target.exists(), f"{case.name}/delete.txt: {relative} is not in the base"
        target.unlink()
    if (case / "data").is_dir():
        shutil.copytree(case / "data", root / "data", dirs_exist_ok=True)
    if (case / "generate.py").is_file():
        runpy.run_path(str(case / "generate.py"))["generate"](root)
    args = (case / "args.txt").read_text(encoding="utf-8").split() if (case / "args.txt").is_file() else []
    return [str(root / "data"), "--root", str(root), *args]


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _expected_code(case: Path) -> int:
    path = case / "exit_code.txt"
    return int(path.read_text(encoding="utf-8").strip()) if path.is_file() else 1


def _update(case: Path, out: str, code: int, name: str = "expected.txt") -> None:
    (case / name).write_text(out, encoding="utf-8", newline="\n")
    code_file = case / "exit_code.txt"
    if code != 1:
        code_file.write_text(f"{code}\n", encoding="utf-8")
    elif code_file.exists():
        code_file.unlink()


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 34
    names = [c.name for c in CASES]
    assert len({n.split("-")[0] for n in names}) == len(names), "case numbers must be unique"


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        ("vi", "đạt: 1 kế hoạch, 10 mục, 4 cơ quan, 1 nhóm cơ quan, 3 văn bản; 0 lỗi, 0 cảnh báo\n"),
        ("en", "ok: 1 plan, 10 clauses, 4 agencies, 1 group, 3 documents; 0 errors, 0 warnings\n"),
    ],
)
def test_base_is_valid(lang: str, summary: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(BASE / "data", tmp_path / "data")
    code = validate_main([str(tmp_path / "data"), "--root", str(tmp_path), "--strict", "--lang", lang])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == summary


def test_there_are_english_cases() -> None:
    """Developers read English: a few cases pin it, so the msgids stay readable as messages."""
    assert sum((case / "expected.en.txt").is_file() for case in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*_prepare(case, tmp_path), "--lang", "vi"]
    code = validate_main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err

    known_issue = _lines(case / "known_issue.txt")
    if UPDATE and not known_issue:
        _update(case, out, code)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert code == _expected_code(case)
    if known_issue:
        if out == expected:
            pytest.fail(f"{case.name} is fixed: remove its known_issue.txt")
        pytest.xfail("; ".join(known_issue))
    assert out == expected
    assert str(tmp_path) not in out, "paths in messages must be relative to --root"
    if "github" not in argv:
        _check_summary(out, err, code)


@pytest.mark.parametrize("case", [c for c in CASES if (c / "expected.en.txt").is_file()], ids=lambda c: c.name)
def test_golden_english(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*_prepare(case, tmp_path), "--lang", "en"]
    code = validate_main(argv)
    out, err = capsys.readouterr()
    if UPDATE:
        _update(case, out, code, "expected.en.txt")
    assert code == _expected_code(case)
    assert out == (case / "expected.en.txt").read_text(encoding="utf-8")
    if "github" not in argv:
        _check_summary(out, err, code, lang="en")


#: How the report words its parts, per language: (hint prefix, warning tag, ok, failed, error, warning).
_WORDS = {
    "vi": ("    cách sửa: ", ": cảnh báo: ", "đạt: ", "chưa đạt: ", "{} lỗi", "{} cảnh báo"),
    "en": ("    hint: ", ": warning: ", "ok: ", "failed: ", "{} error{}", "{} warning{}"),
}


def _check_summary(out: str, err: str, code: int, lang: str = "vi") -> None:
    """The summary line counts exactly the diagnostics printed."""
    hint, warning_tag, ok, failed, error_word, warning_word = _WORDS[lang]
    diagnostics = [line for line in out.splitlines() if not line.startswith((hint, ok))]
    warnings = sum(warning_tag in line for line in diagnostics)
    errors = len(diagnostics) - warnings
    counts = f"{error_word.format(errors, 's' * (errors != 1))}, {warning_word.format(warnings, 's' * (warnings != 1))}"
    if code == 0:
        assert err == ""
        assert out.splitlines()[-1].startswith(ok) and out.rstrip().endswith(counts)
    else:
        assert re.match(rf"{failed}{counts}\b", err), err


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_command_line_prints_no_traceback(name: str, tmp_path: Path) -> None:
    case = GOLDEN / "cases" / name
    argv = _prepare(case, tmp_path)
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "validate"), *argv, "--lang", "vi"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout == (case / "expected.txt").read_text(encoding="utf-8")
    assert proc.returncode == _expected_code(case)
    assert proc.stderr.startswith("chưa đạt: ")

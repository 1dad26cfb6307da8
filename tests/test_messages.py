"""The message catalogues: every message an editor can meet is worded in Vietnamese, from one catalogue.

Messages are named in the code by their English wording (``msg("…")``, the gettext msgid) and worded
for editors in ``vnplans/locale/vi/LC_MESSAGES/vnplans.po``; ``scripts/messages check`` (run here)
keeps the two in step.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from vnplans.commands import messages as catalogue_tool
from vnplans.data import messages
from vnplans.data.diagnostics import Diagnostic, Loc, Severity, did_you_mean
from vnplans.data.messages import EMPTY, join, msg, msg_n, use_language


def test_every_message_is_worded_in_every_catalogue() -> None:
    assert catalogue_tool.problems() == []


def test_the_check_finds_a_missing_wording_and_a_wrong_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(messages.LOCALE_DIR, tmp_path / "locale")
    path = tmp_path / "locale" / "vi" / "LC_MESSAGES" / "vnplans.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgstr "tệp trống"', 'msgstr ""', 1)
    text = text.replace("không có cơ quan hoặc nhóm mã '{id}'{suggestion}", "không có cơ quan mã '{ma}'{suggestion}")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path / "locale")
    found = catalogue_tool.problems()
    assert any("'the file is empty'" in p and "has no wording" in p for p in found), found
    assert any(
        "\"unknown agency or group '{id}'{suggestion}\"" in p and "placeholders ['ma', 'suggestion']" in p
        for p in found
    ), found
    assert len(found) == 2


def test_a_message_is_worded_when_printed_in_the_language_asked_for() -> None:
    message = msg(
        "unknown agency or group '{id}'{suggestion}",
        id="so-noi-vuu",
        suggestion=did_you_mean("so-noi-vuu", ["so-noi-vu"]),
    )
    assert message.render("vi") == "không có cơ quan hoặc nhóm mã 'so-noi-vuu' (có phải là 'so-noi-vu'?)"
    assert message.render("en") == "unknown agency or group 'so-noi-vuu' (did you mean 'so-noi-vu'?)"


def test_counts_follow_each_languages_plural_rule() -> None:
    assert [msg_n("{n} error", "{n} errors", n).render("en") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert [msg_n("{n} error", "{n} errors", n).render("vi") for n in (0, 1, 2)] == ["0 lỗi", "1 lỗi", "2 lỗi"]


def test_join_words_each_part_and_keeps_braces_in_values() -> None:
    joined = join([msg("plan"), "{x}", msg("document")], " / ")
    assert joined.render("vi") == "kế hoạch / {x} / văn bản"
    assert joined.render("en") == "plan / {x} / document"
    assert not EMPTY and EMPTY.render("vi") == ""


def test_the_language_comes_from_the_command_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    diagnostic = Diagnostic(
        Severity.WARNING, Loc("data/a.yaml", 3, 5), "id", msg("the file is empty"), msg("invalid YAML")
    )
    monkeypatch.delenv(messages.LANG_ENV, raising=False)
    try:
        use_language(None)
        assert diagnostic.format_text() == "data/a.yaml:3:5: cảnh báo: id: tệp trống\n    cách sửa: YAML không hợp lệ"
        monkeypatch.setenv(messages.LANG_ENV, "en")
        assert diagnostic.format_text() == "data/a.yaml:3:5: warning: id: the file is empty\n    hint: invalid YAML"
        use_language("vi")
        assert diagnostic.format_text().startswith("data/a.yaml:3:5: cảnh báo: ")
    finally:
        use_language(None)


def test_a_value_with_a_line_break_stays_on_the_messages_line() -> None:
    diagnostic = Diagnostic(
        Severity.ERROR, Loc("data/a.yaml", 1, 1), "", msg("marked for checking: {reason}", reason="một\nhai")
    )
    assert diagnostic.format_text("vi") == "data/a.yaml:1:1: cần kiểm tra: một hai"


def test_validate_speaks_english_on_request(tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "tests" / "golden" / "base" / "data", tmp_path / "data")
    command = [sys.executable, str(REPO_ROOT / "scripts" / "validate"), str(tmp_path / "data"), "--root", str(tmp_path)]
    vi = subprocess.run(command, capture_output=True, text=True, check=True)
    en = subprocess.run([*command, "--lang", "en"], capture_output=True, text=True, check=True)
    assert vi.stdout.startswith("đạt: 1 kế hoạch, ")
    assert en.stdout.startswith("ok: 1 plan, ")

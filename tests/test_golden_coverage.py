"""Every diagnostic the validator can emit has a golden case: checked mechanically, not by memory.

The messages of the data layer are the msgids of the catalogue located under ``vnplans/data/``
(messages, hints and the fragments they are made of), plus the ``x-hint``s of the JSON Schemas.
Each golden case is run once more, in English, recording every message put into words; a msgid
that no case prints fails the test, until a case for it is added to ``tests/golden/cases/`` or
it is listed below as one no data can reach, with the reason.
"""

from __future__ import annotations

import ast
import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO_ROOT
from test_golden import CASES, _prepare

from vnplans.commands import messages as catalogue_tool
from vnplans.commands.validate import validate_main
from vnplans.data.messages import Message, use_language

#: Messages no data file can bring out today, and why. The test fails when one becomes reachable
#: (a golden case prints it): then delete it here.
UNREACHABLE = {
    "{problem}": "the schema stage words every validator our schemas use; this is jsonschema's own text for any other",
    "a number": "no schema has a value of type number",
    "a whole number": "no schema has a value of type integer",
    "a value": "every alternative of a oneOf in the schemas has a type",
    "'{text}' is not a date": "the schemas' date patterns refuse every text that parse_date cannot read",
    "YAML error: {problem}": "PyYAML gives every parse error a position (MarkedYAMLError)",
    "invalid YAML": "PyYAML always says what the syntax error is",
    # An x-hint beside a $ref: schema.py words the error from the referenced definition, so this
    # hint never reaches an editor (a finding).
    "use the id of the document in data/documents.yaml, e.g. qd-1425-ubnd-2021; add it there first": (
        "x-hint beside $ref: the id definition's hint is shown"
    ),
    "a special file": "files.py names every kind of file POSIX has (folder, pipe, device, socket) before this one",
}

#: Messages data can bring out but a golden case cannot make on every machine, and the test that
#: checks each instead.
NOT_MADE_BY_A_CASE = {
    "a device": "creating a device needs privileges: test_files.py::test_a_device_inside_is_refused_before_reading",
    "cannot read the file: {reason}": (
        "tests often run as root, who reads any file: test_files.py::test_an_unreadable_file_is_reported"
    ),
}


def data_layer_msgids() -> dict[str, list[str]]:
    """msgid → where it is written, for every message of the data layer and every schema x-hint."""
    out: dict[str, list[str]] = {}
    for message in catalogue_tool.extract():
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        places = [path for path, _ in message.locations]
        if any(p.startswith(("vnplans/data/", "schemas/")) for p in places):
            out[str(msgid)] = places
    return out


@contextlib.contextmanager
def recording(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Every msgid put into words while the block runs."""
    seen: set[str] = set()
    render = Message.render

    def recorded(self: Message, lang: str | None = None) -> str:
        if self.translatable:
            seen.add(self.text)
        return render(self, lang)

    monkeypatch.setattr(Message, "render", recorded)
    try:
        yield seen
    finally:
        monkeypatch.setattr(Message, "render", render)
        use_language(None)


def test_every_diagnostic_has_a_golden_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wanted = data_layer_msgids()
    with recording(monkeypatch) as seen:
        for case in CASES:
            root = tmp_path / case.name
            argv = _prepare(case, root)
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                validate_main([*argv, "--lang", "en"])
    excused = UNREACHABLE.keys() | NOT_MADE_BY_A_CASE.keys()
    missing = sorted(f"{wanted[m][0]}: {m!r}" for m in wanted.keys() - seen - excused)
    assert missing == [], "add a golden case that prints each of these:\n" + "\n".join(missing)
    assert sorted(excused - wanted.keys()) == [], "no longer a message: remove it from the lists above"
    assert sorted(excused & seen) == [], "a golden case prints it now: remove it from the lists above"


def test_every_message_in_the_code_is_in_the_catalogue() -> None:
    """A msg("…") the extractor misses (inside an f-string, say) would be printed in English to editors."""
    extracted = {str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalogue_tool.extract() if m.id}
    written = []
    for path in sorted((REPO_ROOT / "vnplans").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("msg", "msg_n"):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    written.append((f"{path.relative_to(REPO_ROOT)}:{node.lineno}", first.value))
    assert len(written) > 150
    assert [f"{where}: {text!r}" for where, text in written if text not in extracted] == []

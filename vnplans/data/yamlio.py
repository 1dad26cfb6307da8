"""Safe YAML reading that keeps a line and column for every value.

The YAML is composed (not constructed) with the C-accelerated safe loader when available, then turned
into plain Python values by our own walk, which is where the policy lives:

* only the standard tags of YAML 1.1's core schema; ``!!python/object`` and any custom tag are refused;
* duplicate keys are refused (PyYAML silently keeps the last one);
* anchors and aliases are refused: editors never need them, and they are the way to an alias bomb;
* files over :data:`MAX_BYTES` and nesting deeper than :data:`MAX_DEPTH` are refused;
* a UTF-8 BOM and CRLF line ends are accepted; every string is normalised to Unicode NFC;
* dates are kept as text; :mod:`vnplans.data.values` parses them, so ``31/02/2021`` becomes an error with a
  line number instead of a crash.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Loc, Report
from .messages import EMPTY, Message, msg, verbatim

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


@dataclass
class YamlDoc:
    """One data file: its plain value, and where each value and key came from."""

    path: Path
    display: str
    data: Any = None
    value_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    nfc_changed: list[PathKey] = field(default_factory=list)

    def loc(self, path: PathKey) -> Loc:
        """Where the value at ``path`` starts; falls back to the nearest enclosing value."""
        probe = tuple(path)
        while probe and probe not in self.value_marks:
            probe = probe[:-1]
        line, col = self.value_marks.get(probe, (1, 1))
        return Loc(self.display, line, col, format_path(path))

    def key_loc(self, path: PathKey) -> Loc:
        """Where the key of the mapping entry at ``path`` is written (for unknown-key errors)."""
        if tuple(path) in self.key_marks:
            line, col = self.key_marks[tuple(path)]
            return Loc(self.display, line, col, format_path(path))
        return self.loc(path)


def format_path(path: PathKey) -> str:
    """``('sections', 1, 'items', 0, 'text')`` → ``sections[1].items[0].text``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: Message, hint: Message = EMPTY) -> None:
        self.mark = mark
        self.message = message
        self.hint = hint


def read_yaml(path: Path, display: str, report: Report) -> YamlDoc | None:
    """Read one YAML file; on any problem add it to ``report`` and return ``None``."""
    doc = YamlDoc(path=path, display=display)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.error(Loc(display), "", msg("cannot read the file: {reason}", reason=verbatim(exc.strerror or str(exc))))
        return None
    if len(raw) > MAX_BYTES:
        report.error(
            Loc(display),
            "",
            msg(
                "the file is {size} bytes; data files are limited to {limit} bytes",
                size=format(len(raw), ","),
                limit=format(MAX_BYTES, ","),
            ),
            msg("split a very large plan into several files, or check that nothing was pasted twice"),
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.error(
            Loc(display, line, 1),
            "",
            msg("the file is not valid UTF-8"),
            msg("save the file with UTF-8 encoding (most editors: File > Save with Encoding > UTF-8)"),
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        too_deep = _nesting_exceeds_limit(text)
        node = None if too_deep else yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _report_syntax(exc, text, display, report)
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark are rare
        report.error(Loc(display), "", msg("YAML error: {problem}", problem=verbatim(str(exc))))
        return None
    if too_deep:
        where = Loc(display, too_deep.line + 1, too_deep.column + 1)
        report.error(where, "", _too_deep())
        return None
    if node is None:
        report.error(Loc(display, 1, 1), "", msg("the file is empty"))
        return None
    try:
        doc.data = _convert(node, (), doc, set(), 0)
    except _Refused as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (0, 0)
        report.error(Loc(display, line, col), "", exc.message, exc.hint)
        return None
    return doc


def _nesting_exceeds_limit(text: str) -> Any:
    """Where the nesting first goes past :data:`MAX_DEPTH`, found by streaming the parser's events.

    The composer is recursive: in the C loader a few ten thousand nested brackets (a 60 kB file)
    overflow the C stack and kill the process, before :func:`_convert` could count the levels.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the top-level mapping is level 0 for _convert
                return event.start_mark
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _report_syntax(exc: yaml.MarkedYAMLError, text: str, display: str, report: Report) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem: Message = verbatim(exc.problem) if exc.problem else msg("invalid YAML")
    raw_problem = exc.problem or ""
    hint = msg("check the indentation and the colons of this line and the line above")
    lines = text.split("\n")
    this_line = lines[mark.line] if mark and mark.line < len(lines) else ""
    quote = _unclosed_quote(exc, text)
    if quote is not None:
        line, col = quote
        problem = msg("the quoted text that starts here is not closed on its line")
        hint = msg(
            "end the text with the quote mark it starts with; inside double quotes, "
            'write a quote mark that is part of the text as \\"'
        )
    elif "\t" in raw_problem or "\t" in this_line[: max(col, 1)]:
        problem = msg("a tab character is used for indentation")
        hint = msg("YAML indents with spaces only; replace the tab with spaces")
        col = this_line.index("\t") + 1 if "\t" in this_line else col
    elif "could not find expected ':'" in raw_problem or "mapping values are not allowed" in raw_problem:
        hint = msg(
            "a line must be 'key: value'; if the value itself contains ': ', put the whole value in double quotes"
        )
    elif "found undefined alias" in raw_problem:
        problem = msg("an alias (*name) is used; anchors and aliases are not allowed in data files")
        hint = msg("write the value out in full instead of using & and *")
    report.error(Loc(display, line, col), "", msg("YAML syntax error: {problem}", problem=problem), hint)


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int] | None:
    """Where a quoted text that was never closed starts (1-based), or ``None``.

    PyYAML reports such a quote where the *next* quote mark of the file happens to close it, often many
    lines below, or at the end of the file; the editor's mistake is where the quote opens.
    """
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return exc.context_mark.line + 1, exc.context_mark.column + 1
    if exc.problem_mark is None:
        return None
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > exc.problem_mark.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line == exc.problem_mark.line
            ):
                found = (token.start_mark.line + 1, token.start_mark.column + 1)
    except yaml.YAMLError:
        pass  # the scan stops at the same mistake; the tokens before it are what we need
    return found


def _convert(node: yaml.Node, path: PathKey, doc: YamlDoc, seen: set[int], depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _Refused(node.start_mark, _too_deep())
    if id(node) in seen:
        raise _Refused(
            node.start_mark,
            msg("anchors and aliases (&name, *name) are not allowed in data files"),
            msg("write the value out in full instead of referring to another one"),
        )
    seen.add(id(node))
    doc.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        _check_tag(node, _MAP)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node.start_mark, msg("a key must be a plain word, not a list or mapping"))
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    key_node.start_mark,
                    msg("merge keys (<<) are not allowed in data files"),
                    msg("write the keys out in full"),
                )
            key = unicodedata.normalize("NFC", str(key_node.value))
            if key in result:
                first = doc.key_marks[path + (key,)]
                raise _Refused(
                    key_node.start_mark,
                    msg("duplicate key '{key}' (first written on line {line})", key=key, line=first[0]),
                    msg("a key may appear once per block; merge the two values or rename one"),
                )
            doc.key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, path + (key,), doc, seen, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, _SEQ)
        return [_convert(item, path + (i,), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, path, doc)


def _check_tag(node: yaml.Node, expected: str) -> None:
    if node.tag != expected:
        raise _Refused(
            node.start_mark,
            *_tag_refused(node.tag),
        )


def _tag_refused(tag: str) -> tuple[Message, Message]:
    return (
        msg("the tag '{tag}' is not allowed in data files", tag=_written(tag)),
        msg("remove the tag (the part starting with '!'); data files hold plain text, numbers and lists"),
    )


def _too_deep() -> Message:
    return msg("the data is nested more than {limit} levels deep", limit=MAX_DEPTH)


def _written(tag: str) -> str:
    """A tag as the editor wrote it: ``tag:yaml.org,2002:python/name`` → ``!!python/name``."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _scalar(node: yaml.ScalarNode, path: PathKey, doc: YamlDoc) -> Any:
    tag, value = node.tag, node.value
    if tag in (_STR, _TIMESTAMP):
        normal = unicodedata.normalize("NFC", value)
        if normal != value:
            doc.nfc_changed.append(path)
        return normal
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() in ("true", "yes", "on", "y")
    if tag == _INT:
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value  # sexagesimal and other oddities: let the schema report a type error
    if tag == _FLOAT:
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    raise _Refused(
        node.start_mark,
        *_tag_refused(tag),
    )

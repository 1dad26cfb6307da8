"""Safe YAML reading that keeps a line and column for every value.

The YAML is composed (not constructed) with the C-accelerated safe loader when available, then turned
into plain Python values by our own walk, which is where the policy lives:

* only the standard tags of YAML 1.1's core schema; ``!!python/object`` and any custom tag are refused;
* duplicate keys are refused (PyYAML silently keeps the last one);
* anchors and aliases are refused, an anchor even when no alias uses it: editors never need them,
  and they are the way to an alias bomb;
* only a regular file inside the data folder is read, and never more than :data:`MAX_BYTES` + 1
  bytes of it (:mod:`vnplans.data.files`); nesting deeper than :data:`MAX_DEPTH` is refused;
* control, text-direction and invisible characters are reported where they are written, with lines
  and columns counted as editors count them (:mod:`vnplans.data.characters`);
* a UTF-8 BOM and CRLF line ends are accepted; every string is normalised to Unicode NFC;
* dates are kept as text; :mod:`vnplans.data.values` parses them, so ``31/02/2021`` becomes an error with a
  line number instead of a crash.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import characters
from .diagnostics import Loc, Report
from .files import read_bounded
from .messages import EMPTY, Message, msg, msg_n, verbatim

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Bounds the memory one file can take (about 20x its size while parsing). A plan of 20,000 clauses of
#: the seed's length, roles and basis is about 13 MB; real plans are well under 1 MB.
MAX_BYTES = 16_000_000
MAX_DEPTH = 40
#: Flagged characters reported one by one in a file; the rest are counted in one message.
MAX_CHARACTER_REPORTS = 10

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
    #: Double-quoted values (path, start and end offset in the text) whose escapes write a flagged character.
    escapes: list[tuple[PathKey, int, int]] = field(default_factory=list)
    #: The text while it is converted: where escapes are looked for (``""`` once the file is read).
    source: str = field(default="", repr=False)
    #: True when every value is known to be NFC already (the whole text is, and nothing is escaped).
    all_nfc: bool = field(default=False, repr=False)
    #: The first line of the file (without a BOM), for the check of the schema line.
    first_line: str = ""

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


def read_yaml(path: Path, display: str, report: Report, within: Path | None = None) -> YamlDoc | None:
    """Read one YAML file; on any problem add it to ``report`` and return ``None``.

    With ``within`` (a resolved folder), only a regular file inside that folder is read (see
    :mod:`vnplans.data.files`).
    """
    doc = YamlDoc(path=path, display=display)
    raw = read_bounded(path, display, report, MAX_BYTES, within)
    if raw is None:
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
    doc.first_line = text.partition("\n")[0]
    doc.source = text
    # Every value is a piece of the text, or pieces joined by a space or line break, unless an escape
    # wrote it; and a piece of NFC text is NFC. So one check of the whole text can stand for all.
    doc.all_nfc = "\\" not in text and unicodedata.is_normalized("NFC", text)
    if not _check_characters(text, display, report):
        return None
    try:
        too_deep = _nesting_exceeds_limit(text) if _may_nest_deeply(text) else None
        node = None if too_deep else yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _report_syntax(exc, text, display, report)
        return None
    except yaml.YAMLError as exc:
        _report_unmarked(exc, text, display, report)
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
        _refuse_anchors(text)
    except _Refused as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (0, 0)
        report.error(Loc(display, line, col), "", exc.message, exc.hint)
        return None
    finally:
        doc.source = ""
    _report_escapes(doc, text, report)
    return doc


def text_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counted as editors count them: only line feeds
    end a line (YAML also counts NEL, U+2028 and U+2029, which editors do not show as line ends)."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _check_characters(text: str, display: str, report: Report) -> bool:
    """Report flagged characters (see :mod:`vnplans.data.characters`) where they are written.

    Each character is reported once per line, up to :data:`MAX_CHARACTER_REPORTS`; one more message
    counts the rest. False when the file holds a character that YAML cannot read, or reads as a line
    break: then it is not parsed at all (its line numbers would not be the editor's).
    """
    readable = True
    seen: set[tuple[int, str]] = set()
    shown: list[tuple[int, int, str]] = []
    rest: list[tuple[int, int, str]] = []
    for index, char in characters.find_flagged(text):
        readable = readable and not characters.unreadable(char)
        line, col = text_position(text, index)
        if (line, char) in seen:
            continue
        seen.add((line, char))
        (shown if len(shown) < MAX_CHARACTER_REPORTS else rest).append((line, col, char))
    for line, col, char in shown:
        _report_character(Loc(display, line, col), char, report)
    if rest:
        line, col, _ = rest[0]
        more = msg_n(
            "{n} more line with characters like those above in this file",
            "{n} more lines with characters like those above in this file",
            len({line for line, _, _ in rest}),
        )
        hint = msg("fix the ones above, then check the file again")
        if any(characters.kind_of(char) in characters.ERRORS for _, _, char in rest):
            report.error(Loc(display, line, col), "", more, hint)
        else:
            report.warning(Loc(display, line, col), "", more, hint)
    return readable


def _report_character(loc: Loc, char: str, report: Report) -> None:
    message, hint = characters.problem(char)
    if characters.kind_of(char) in characters.ERRORS:
        report.error(loc, loc.field, message, hint)
    else:
        report.warning(loc, loc.field, message, hint)


def _report_escapes(doc: YamlDoc, text: str, report: Report) -> None:
    """Flagged characters written as escapes in double quotes (``"\\u202E"``), where the escape is."""
    for path, start, end in doc.escapes:
        found = characters.first_escape(text[start:end])
        if found is None:  # pragma: no cover - the value holds the character, so an escape wrote it
            continue
        offset, char = found
        line, col = text_position(text, start + offset)
        _report_character(Loc(doc.display, line, col, format_path(path)), char, report)


def _report_unmarked(exc: yaml.YAMLError, text: str, display: str, report: Report) -> None:
    """A YAML error without a mark (the reader's): placed by its position, on one line, with a hint."""
    position = getattr(exc, "position", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        line, col = text_position(text, position)
        char = text[position : position + 1]
        if char and characters.kind_of(char) is not None:
            report.error(Loc(display, line, col), "", *characters.problem(char))
            return
        where = Loc(display, line, col)  # pragma: no cover - the character check finds what the reader refuses
    else:
        where = Loc(display)
    reason = getattr(exc, "reason", "") or str(exc)
    report.error(
        where,
        "",
        msg("YAML error: {problem}", problem=verbatim(str(reason))),
        msg("check the indentation and the colons of this line and the line above"),
    )


#: The C composer recurses once per level of nesting; this many levels are safe even on a thread's
#: small stack (in a trial a 1 MB thread stack held 3,000 levels; the main stack some 20,000).
_SAFE_COMPOSE_DEPTH = 1000
#: Half of it for flow levels (two per bracket at most), half for block levels (two per column).
_MAX_BRACKETS = 240
_SIMPLE_FLOW = re.compile(r"\[[^\[\]{}\n\"'#]*\]|\{[^\[\]{}\n\"'#]*\}")
_LONG_BLOCK_PREFIX = re.compile(rf"[ \t?:-]{{{_SAFE_COMPOSE_DEPTH // 4 - 2}}}")
_LONG_BLOCK_PREFIX_LATER = re.compile(rf"\n[ \t?:-]{{{_SAFE_COMPOSE_DEPTH // 4 - 2}}}")


def _may_nest_deeply(text: str) -> bool:
    """False when ``text`` certainly nests less than :data:`_SAFE_COMPOSE_DEPTH` levels deep (cheap).

    Each flow level needs a ``[`` or ``{`` (a flow sequence two: it may hold a one-pair mapping).
    Block levels start at a column that grows with each level, except a list under a key, which may
    share the key's column; and that column is within the line's leading run of spaces, tabs and
    ``- ? :`` indicators. So the depth is at most twice the number of brackets plus twice the longest
    such run (plus the document): with at most 240 brackets and runs under 248, under 1,000. Simple
    one-line lists (see below) count as no bracket, which keeps large plans on this cheap way.
    """
    if text.count("[") + text.count("{") > _MAX_BRACKETS:
        # A bracketed list on one line with no brackets, quotes or '#' inside, like the roles'
        # "[so-noi-vu, ubnd-tinh]", is either a real innermost list (closed where it seems: nothing
        # could quote or comment out its end) or text: counted as none, it adds two levels at most.
        simple = _SIMPLE_FLOW.sub("", text)
        if simple.count("[") + simple.count("{") > _MAX_BRACKETS - 1:
            return True
    return bool(_LONG_BLOCK_PREFIX.match(text) or _LONG_BLOCK_PREFIX_LATER.search(text))


def _refuse_anchors(text: str) -> None:
    """Refuse an anchor (``&name``) even when no alias uses it: the README says anchors are refused.

    Composed nodes do not keep their anchors, so the tokens are scanned, but only when an ``&``
    stands where an anchor could: after a space, a bracket or a comma, before a name ("Sở KH&ĐT" and
    "KH & ĐT" are text, not anchors).
    """
    index = text.find("&")
    while index != -1:
        before = text[index - 1] if index else " "
        after = text[index + 1 : index + 2]
        if (before.isspace() or before in "[{,") and after and not after.isspace() and after not in "[]{},":
            break
        index = text.find("&", index + 1)
    else:
        return
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AnchorToken):
            raise _Refused(token.start_mark, *_anchors_refused())


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
    mark = node.start_mark
    if depth > MAX_DEPTH:
        raise _Refused(mark, _too_deep())
    doc.value_marks[path] = (mark.line + 1, mark.column + 1)
    if node.__class__ is yaml.ScalarNode:  # most nodes; a scalar met twice (an alias) is refused with the anchors
        return _scalar(node, path, doc)
    if id(node) in seen:  # a list or block met twice: an alias, perhaps a bomb; refused before it is expanded
        raise _Refused(mark, *_anchors_refused())
    seen.add(id(node))
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
            if key_node.style == '"':
                _note_escapes(key_node, path + (str(key_node.value),), doc)
            key = str(key_node.value) if doc.all_nfc else unicodedata.normalize("NFC", str(key_node.value))
            key_path = path + (key,)
            key_mark = key_node.start_mark
            if key in result:
                first = doc.key_marks[key_path]
                raise _Refused(
                    key_mark,
                    msg("duplicate key '{key}' (first written on line {line})", key=key, line=first[0]),
                    msg("a key may appear once per block; merge the two values or rename one"),
                )
            doc.key_marks[key_path] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = _convert(value_node, key_path, doc, seen, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, _SEQ)
        return [_convert(item, path + (i,), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    raise AssertionError(f"a YAML node of an unknown kind: {node!r}")  # pragma: no cover


def _anchors_refused() -> tuple[Message, Message]:
    return (
        msg("anchors and aliases (&name, *name) are not allowed in data files"),
        msg("write the value out in full instead of referring to another one"),
    )


def _note_escapes(node: yaml.ScalarNode, path: PathKey, doc: YamlDoc) -> None:
    """Remember a double-quoted value whose escapes wrote a flagged character (the raw text has none)."""
    start, end = node.start_mark.index, node.end_mark.index
    if doc.source.find("\\", start, end) != -1 and characters.has_flagged(node.value):
        doc.escapes.append((path, node.start_mark.index, node.end_mark.index))


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
    if node.style == '"':
        _note_escapes(node, path, doc)
    if tag in (_STR, _TIMESTAMP):
        if doc.all_nfc:
            return value
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

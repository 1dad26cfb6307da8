"""YAML for editors: the layout of the hand-made files, written by hand rather than by a YAML dumper.

* the ``# yaml-language-server: $schema=…`` line first, then the importer's notes as comments;
* keys in the order the code builds them, which is the schema's order;
* ids, enum values and dates plain; every text double-quoted on one line, or, when it has several
  paragraphs, a literal block (``|-``) that reads like the document;
* short lists of ids as flow lists (``thuc-hien: [so-noi-vu, so-tai-chinh]``).

The output is read back with PyYAML and compared with the data before it is returned, so a quoting
mistake here is caught as a bug instead of being written to disk.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

PLAN_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/plan.schema.json"
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")
_FLOW_KEYS = {
    "implements",
    "basis",
    "agencies",
    "members",
    "member_kinds",
    "exclude",
    "chu-tri",
    "phoi-hop",
    "thuc-hien",
    "duoc-tham-muu",
    "nhan-bao-cao",
}


def dump_yaml(data: dict[str, Any], comments: list[str]) -> str:
    """``data`` as YAML text; ``comments`` (first the schema line, if any) go on top as ``#`` lines."""
    lines = [c if c.startswith("#") else f"# {c}" for c in comments]
    _mapping(data, 0, lines)
    text = "\n".join(lines) + "\n"
    reread = yaml.safe_load(text)
    if reread != data:  # pragma: no cover - a bug in this module
        raise AssertionError("the YAML written does not read back as the data; please report this")
    return text


def _mapping(data: dict[str, Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        start = first_prefix if (n == 0 and first_prefix is not None) else pad
        head = f"{start}{key}:"
        if isinstance(value, dict):
            lines.append(head)
            _mapping(value, indent + 2, lines)
        elif isinstance(value, list):
            if key in _FLOW_KEYS and all(isinstance(v, str) for v in value):
                lines.append(f"{head} [{', '.join(_scalar(v) for v in value)}]")
            else:
                lines.append(head)
                _sequence(value, indent + 2, lines)
        else:
            _value(head, value, indent + 2, lines)


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            _mapping(item, indent + 2, lines, first_prefix=f"{pad}- ")
        elif isinstance(item, list):  # pragma: no cover - not used by the formats
            lines.append(f"{pad}-")
            _sequence(item, indent + 2, lines)
        else:
            _value(f"{pad}-", item, indent + 2, lines)


def _value(head: str, value: Any, indent: int, lines: list[str]) -> None:
    if isinstance(value, str) and "\n" in value and _literal_ok(value):
        lines.append(f"{head} |-")
        lines.extend((" " * indent + line) if line else "" for line in value.split("\n"))
    else:
        lines.append(f"{head} {_scalar(value)}")


def _literal_ok(text: str) -> bool:
    parts = text.split("\n")
    return (
        bool(parts[0].strip())
        and not text.endswith("\n")
        and all(line == line.strip(" ") and "\t" not in line for line in parts)
        and all(c.isprintable() for line in parts for c in line)
    )


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and yaml.safe_load(text) == text:
        return text
    return _double_quoted(text)


def _double_quoted(text: str) -> str:
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif not c.isprintable():
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'

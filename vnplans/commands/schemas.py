"""``scripts/schemas``: keep the vocabularies of the JSON Schemas equal to :mod:`vnplans.data.vocab`.

    scripts/schemas update   # rewrite the vocabulary definitions of schemas/common.schema.json
    scripts/schemas check    # fail when a schema lists other values than the vocabulary module

Each vocabulary is one definition in ``common.schema.json`` (``#/$defs/role``, ``#/$defs/doc_type`` …)
with its ids (``enum``) and Vietnamese labels (for editors' IDEs); every other schema refers to it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from ..data.schema import ALL_SCHEMA_FILES, SCHEMA_DIR
from ..data.vocab import VOCABULARIES, Vocabulary

COMMON = SCHEMA_DIR / "common.schema.json"

#: What each vocabulary is, for the description an IDE shows.
TITLES = {
    "role": "Vai trò",
    "doc_type": "Loại văn bản",
    "agency_kind": "Loại cơ quan",
    "verification": "Mức xác minh của văn bản",
    "relation_type": "Quan hệ giữa các văn bản",
    "legal_status": "Tình trạng hiệu lực",
    "level": "Cấp",
    "change_kind": "Loại thay đổi",
    "certainty": "Mức chắc chắn của sự kiện",
    "numbering_mark": "Số mục khác thứ tự vì văn bản gốc in như vậy",
}


def definition(name: str, vocabulary: type[Vocabulary]) -> dict[str, Any]:
    """The schema definition of one vocabulary: its ids, with their labels for editors."""
    members = list(vocabulary)
    listing = "; ".join(f"{m.value} ({m.label})" for m in members)
    return {
        "enum": [m.value for m in members],
        "markdownEnumDescriptions": [m.label for m in members],
        "description": f"{TITLES[name]}: {listing}.",
    }


def update() -> bool:
    """Rewrite the vocabulary definitions of common.schema.json; True when the file changed."""
    text = COMMON.read_text(encoding="utf-8")
    schema = json.loads(text)
    for name, vocabulary in VOCABULARIES.items():
        schema["$defs"][name] = definition(name, vocabulary)
    new = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    COMMON.write_text(new, encoding="utf-8")
    return new != text


def problems() -> list[str]:
    """Where the schemas and the vocabulary module disagree; empty when they agree."""
    out = []
    common = json.loads(COMMON.read_text(encoding="utf-8"))["$defs"]
    for name, vocabulary in VOCABULARIES.items():
        found = common.get(name)
        if found != definition(name, vocabulary):
            out.append(f"common.schema.json#/$defs/{name} differs from vnplans.data.vocab.{vocabulary.__name__}")
    for file_name in ALL_SCHEMA_FILES:
        schema = json.loads((SCHEMA_DIR / file_name).read_text(encoding="utf-8"))
        for pointer, values in _enums(schema, ""):
            if file_name == "common.schema.json" and pointer.removeprefix("/$defs/") in VOCABULARIES:
                continue
            out.append(f"{file_name}#{pointer} lists values {values}: refer to a vocabulary of common.schema.json")
    return out


def _enums(node: Any, pointer: str) -> Iterator[tuple[str, list[Any]]]:
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield pointer, node["enum"]
        for key, value in node.items():
            yield from _enums(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums(value, f"{pointer}/{index}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/schemas",
        description="Keep the vocabularies of the JSON Schemas equal to vnplans/data/vocab.py.",
    )
    parser.add_argument("action", choices=("update", "check"))
    args = parser.parse_args(argv)
    if args.action == "update":
        print("schemas/common.schema.json: updated" if update() else "schemas/common.schema.json: unchanged")
        return 0
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    print(f"{len(found)} problem(s)" if found else "ok: the schemas use the vocabularies of vnplans/data/vocab.py")
    return 1 if found else 0

"""Accepting an import's proposals as they are: each entry appended to the data file it belongs to.

The proposals file holds entries in the formats of the data files (``jurisdictions`` for
data/jurisdictions.yaml, ``agencies`` and ``groups`` for data/agencies.yaml, ``documents`` for
data/documents.yaml). An editor copies the ones they confirm; the tests and the corpus scorer accept
all of them unedited, to prove that doing so gives data that validates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..data.load import AGENCIES_FILE, DOCUMENTS_FILE, JURISDICTIONS_FILE
from .emit import dump_yaml

#: Which data file each section of a proposals file goes to, and under which key.
SECTIONS = (
    ("jurisdictions", JURISDICTIONS_FILE),
    ("agencies", AGENCIES_FILE),
    ("groups", AGENCIES_FILE),
    ("documents", DOCUMENTS_FILE),
)
SCHEMA_LINES = {
    JURISDICTIONS_FILE: "# yaml-language-server: $schema=../schemas/jurisdictions.schema.json",
    AGENCIES_FILE: "# yaml-language-server: $schema=../schemas/agencies.schema.json",
    DOCUMENTS_FILE: "# yaml-language-server: $schema=../schemas/documents.schema.json",
}


def accept_proposals(data_dir: Path, proposals: dict[str, Any]) -> None:
    """Append every proposed entry to the data files of ``data_dir`` (rewritten without their comments:
    use it on a copy of the data, as the tests and the scorer do)."""
    files: dict[str, dict[str, Any]] = {}
    for section, file in SECTIONS:
        entries = proposals.get(section) or []
        if not entries:
            continue
        if file not in files:
            files[file] = yaml.safe_load((data_dir / file).read_text(encoding="utf-8")) or {}
        files[file].setdefault(section, []).extend(entries)
    for file, content in files.items():
        (data_dir / file).write_text(dump_yaml(content, [SCHEMA_LINES[file]]), encoding="utf-8")

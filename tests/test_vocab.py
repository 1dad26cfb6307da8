"""One source per vocabulary: the JSON Schemas list exactly the ids of vnplans/data/vocab.py.

``scripts/schemas update`` writes the vocabulary definitions of ``schemas/common.schema.json`` from
the module; ``scripts/schemas check`` (run here) fails when a schema and the module disagree, or when
a schema lists values of its own instead of referring to a vocabulary.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vnplans.commands import schemas
from vnplans.data import schema as schema_stage
from vnplans.data.vocab import LABELS, VOCABULARIES, DocType


def test_the_schemas_use_the_vocabularies_of_the_module() -> None:
    assert schemas.problems() == []


def test_every_value_has_a_label() -> None:
    for vocabulary in VOCABULARIES.values():
        for member in vocabulary:
            assert LABELS[member][0], member


def test_a_schema_that_disagrees_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(schema_stage.SCHEMA_DIR, copy)
    common = json.loads((copy / "common.schema.json").read_text(encoding="utf-8"))
    common["$defs"]["doc_type"]["enum"].append("to-trinh-moi")
    (copy / "common.schema.json").write_text(json.dumps(common, ensure_ascii=False), encoding="utf-8")
    plan = json.loads((copy / "plan.schema.json").read_text(encoding="utf-8"))
    plan["properties"]["type"] = {"enum": [t.value for t in DocType]}
    (copy / "plan.schema.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(schemas, "SCHEMA_DIR", copy)
    monkeypatch.setattr(schemas, "COMMON", copy / "common.schema.json")
    found = schemas.problems()
    assert found == [
        "common.schema.json#/$defs/doc_type differs from vnplans.data.vocab.DocType",
        "plan.schema.json#/properties/type lists values "
        f"{[t.value for t in DocType]}: refer to a vocabulary of common.schema.json",
    ]

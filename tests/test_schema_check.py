"""The compiled schema check answers as jsonschema does, on real data, golden cases and mutations."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import REPO_ROOT

from vnplans.data import schema
from vnplans.data.diagnostics import Report
from vnplans.data.yamlio import read_yaml

GOLDEN = REPO_ROOT / "tests" / "golden"


def kind_of(path: Path) -> str:
    return "plan" if path.parent.name == "plans" else path.stem


def jsonschema_valid(kind: str, data: Any) -> bool:
    return not any(True for _ in schema._validator(kind).iter_errors(data))


def data_files() -> list[Path]:
    folders = [REPO_ROOT / "data", GOLDEN / "base" / "data", *sorted((GOLDEN / "cases").glob("*/data"))]
    return [p for folder in folders for p in sorted(folder.rglob("*.yaml")) if kind_of(p) in schema.KINDS]


def load(path: Path) -> Any:
    doc = read_yaml(path, path.name, Report())
    return None if doc is None else doc.data


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_real_and_golden_files(path: Path) -> None:
    data = load(path)
    if data is not None:
        assert schema.is_valid(kind_of(path), data) == jsonschema_valid(kind_of(path), data)


# -- mutations -----------------------------------------------------------------------------------------

ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    1.0,
    2.5,
    "",
    " ",
    "so-noi-vu\n",
    "Sở Nội vụ",
    "II",
    "2.4",
    "đ",
    "-",
    "2021-Q2",
    "31/02/2021",
    "05/04/2021",
    "https://example.org/x",
    "thuc-hien",
    "chua-xac-minh",
    [],
    ["so-noi-vu"],
    [{}],
    {},
    {"unknown": "lý do"},
    {"unknown": ""},
    {"agency": "so-noi-vu", "editorial": True, "note": "x"},
    {"text": "trước ngày 30/6/2021", "normalized": "2021-06-30"},
]


def _containers(node: Any, out: list[Any]) -> list[Any]:
    if isinstance(node, dict):
        out.append(node)
        for value in node.values():
            _containers(value, out)
    elif isinstance(node, list):
        out.append(node)
        for value in node:
            _containers(value, out)
    return out


def mutate(data: Any, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        containers = _containers(data, [])
        target = rng.choice(containers)
        if isinstance(target, dict) and target:
            key = rng.choice(list(target))
            action = rng.randrange(5)
            if action == 0:
                del target[key]
            elif action == 1:
                target[key] = rng.choice(ODD_VALUES)
            elif action == 2:
                target[rng.choice(["x", "tittle", "roles", "note", "editorial", "unknown", key + "s"])] = rng.choice(
                    ODD_VALUES
                )
            elif action == 3 and isinstance(target[key], str):
                target[key] = target[key] + rng.choice(["\n", " ", "x", "-", "Đ"])
            else:
                target[key] = copy.deepcopy(rng.choice(containers))
        elif isinstance(target, list):
            if target and rng.random() < 0.5:
                del target[rng.randrange(len(target))]
            else:
                target.append(copy.deepcopy(rng.choice([*ODD_VALUES, *containers[:5]])))
    return data


def sample(kind: str) -> Path:
    """A small valid file of ``kind``: the golden base's, or else the real data's."""
    name = "plans/p.yaml" if kind == "plan" else f"{kind}.yaml"
    base = GOLDEN / "base" / "data" / name
    return base if base.is_file() else REPO_ROOT / "data" / name


def shrink(node: Any) -> Any:
    """The same structure with at most three entries per list: every shape, a fraction of the size."""
    if isinstance(node, dict):
        return {key: shrink(value) for key, value in node.items()}
    if isinstance(node, list):
        return [shrink(value) for value in node[:3]]
    return node


@pytest.mark.parametrize("kind", schema.KINDS)
def test_mutations(kind: str) -> None:
    original = shrink(load(sample(kind)))
    assert schema.is_valid(kind, original)
    rng = random.Random(kind)
    outcomes = {True: 0, False: 0}
    for _ in range(500):
        data = mutate(original, rng)
        expected = jsonschema_valid(kind, data)
        assert schema.is_valid(kind, data) == expected, data
        outcomes[expected] += 1
    assert min(outcomes.values()) > 50, outcomes  # both answers are exercised


@pytest.mark.parametrize(("instance", "valid"), [(True, False), (1, True), (1.0, True), (1.5, False)])
def test_integers_follow_jsonschema(instance: Any, valid: bool) -> None:
    compiled = schema._Compiler().node("common.schema.json", {"type": "integer"})
    assert compiled(instance) is valid
    assert jsonschema.Draft202012Validator({"type": "integer"}).is_valid(instance) is valid


def test_an_unknown_keyword_is_refused() -> None:
    with pytest.raises(ValueError, match="'maxLength' is not compiled"):
        schema._Compiler().node("common.schema.json", {"type": "string", "maxLength": 3})


@pytest.mark.parametrize(
    "instance",
    [
        ["Tài chính", "Tài chính"],
        ["Tài chính", "Thuế"],
        [1, 1.0],
        [1, True],
        [0, False],
        [{"a": [1]}, {"a": [1.0]}],
        [{"a": 1}, {"a": 2}],
        [[1, 2], [2, 1]],
        [None, None],
        "not a list",
    ],
)
def test_unique_items_follow_jsonschema(instance: Any) -> None:
    """``uniqueItems`` (a document's lĩnh vực): equal as JSON Schema says, 1 and 1.0 alike, true and 1 not."""
    node = {"uniqueItems": True}
    expected = jsonschema.Draft202012Validator(node).is_valid(instance)
    assert schema._Compiler().node("documents.schema.json", node)(instance) is expected


@pytest.mark.parametrize("instance", ["cong-van", "cong-van\n", "quyet-dinh", None, 0, ["cong-van"]])
def test_a_constant_follows_jsonschema(instance: Any) -> None:
    node = {"const": "cong-van"}
    compiled = schema._Compiler().node("plan.schema.json", node)
    assert compiled(instance) is jsonschema.Draft202012Validator(node).is_valid(instance)

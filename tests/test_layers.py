"""The package follows the pipeline: each stage imports only the stages before it.

data (YAML → Portfolio) ← site (pages, open data) ← review (scripts/diff); the importer uses the data
layer only; commands may use any stage. Inside review, model ← diff ← render ← command.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "vnplans"

#: Sub-package → the sub-packages its modules may import (besides itself).
ALLOWED = {
    "data": set(),
    "site": {"data"},
    "importer": {"data"},
    "review": {"data", "site"},
    "commands": {"data", "site", "importer", "review"},
}
#: The command-line helpers (language option, parser, printing messages) that the command-line
#: modules of every stage share: a leaf module that imports only the data layer.
SHARED = {"vnplans.commands.common"}
#: The modules of review in pipeline order: each may import only those before it.
REVIEW_ORDER = ("model", "diff", "render", "command")


def imported_modules(path: Path) -> set[str]:
    """The vnplans modules ``path`` imports, as dotted names (``vnplans.data.model``)."""
    module = ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.startswith("vnplans"):
                out.add(name)
                # "from ..site import routes" imports the module vnplans.site.routes
                out |= {f"{name}.{a.name}" for a in node.names if _is_module(f"{name}.{a.name}")}
        elif isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names if alias.name.startswith("vnplans")}
    return out


def _is_module(dotted: str) -> bool:
    return REPO_ROOT.joinpath(*dotted.split(".")).with_suffix(".py").is_file()


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_stage_imports_only_the_stages_before_it(path: Path) -> None:
    stage = path.relative_to(PACKAGE).parts[0]
    used = {name.split(".")[1] for name in imported_modules(path) - SHARED if name.count(".") >= 1}
    assert used - {stage} <= ALLOWED[stage]


@pytest.mark.parametrize("shared", sorted(SHARED))
def test_shared_modules_import_only_the_data_layer(shared: str) -> None:
    path = REPO_ROOT.joinpath(*shared.split(".")).with_suffix(".py")
    assert {name.split(".")[1] for name in imported_modules(path) if name.count(".") >= 1} <= {"data"}


def test_review_runs_model_diff_render_command() -> None:
    for index, name in enumerate(REVIEW_ORDER):
        used = {
            m.split(".")[2]
            for m in imported_modules(PACKAGE / "review" / f"{name}.py")
            if m.startswith("vnplans.review.")
        }
        assert used <= set(REVIEW_ORDER[:index]), name


def test_the_check_sees_imports() -> None:
    """The parser above resolves relative imports (so a wrong import would not slip past it)."""
    assert "vnplans.site.routes" in imported_modules(PACKAGE / "review" / "model.py")
    assert "vnplans.review.model" in imported_modules(PACKAGE / "review" / "diff.py")
    assert "vnplans.data.model" in imported_modules(PACKAGE / "site" / "duties.py")

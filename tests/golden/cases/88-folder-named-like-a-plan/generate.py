"""A folder named like a plan file."""

from pathlib import Path


def generate(root: Path) -> None:
    (root / "data" / "plans" / "q.yaml").mkdir()

"""Nest a value more levels deep than the validator accepts (cheap to make, noisy to commit)."""

from pathlib import Path

from vnplans.data.yamlio import MAX_DEPTH


def generate(root: Path) -> None:
    path = root / "data" / "plans" / "p.yaml"
    nested = "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2)
    path.write_text(path.read_text(encoding="utf-8") + f"note: {nested}\n", encoding="utf-8")

"""A plan that is a symbolic link to a file outside the data folder (it was validated and published)."""

from pathlib import Path


def generate(root: Path) -> None:
    plan = root / "data" / "plans" / "p.yaml"
    outside = root / "elsewhere.yaml"
    outside.write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    plan.unlink()
    plan.symlink_to(outside)

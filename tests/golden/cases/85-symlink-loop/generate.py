"""Two plans that are links to each other: a message, not RuntimeError."""

from pathlib import Path


def generate(root: Path) -> None:
    plans = root / "data" / "plans"
    (plans / "q.yaml").symlink_to("r.yaml")
    (plans / "r.yaml").symlink_to("q.yaml")

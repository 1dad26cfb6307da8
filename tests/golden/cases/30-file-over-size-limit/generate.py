"""Write a plan just over the validator's size limit: too big to commit, cheap to make."""

from pathlib import Path

from vnplans.data.yamlio import MAX_BYTES


def generate(root: Path) -> None:
    plan = root / "data" / "plans" / "p.yaml"
    text = plan.read_text(encoding="utf-8")
    padding = "# " + "x" * 98 + "\n"
    count = (MAX_BYTES - len(text.encode("utf-8"))) // len(padding) + 1
    plan.write_text(text + padding * count, encoding="utf-8")
    assert plan.stat().st_size > MAX_BYTES

"""A noncharacter (U+FDD0) in a plan's title: no text may contain it."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "title: Thực hiện Kế hoạch" in text
    path.write_text(text.replace("title: Thực hiện Kế hoạch", "title: Thực hiện\ufdd0 Kế hoạch"), encoding="utf-8")

"""A key in double quotes with a line break: the message stays on one line."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "title: MỤC ĐÍCH" in text
    path.write_text(text.replace("title: MỤC ĐÍCH", '"tit\\nle": MỤC ĐÍCH'), encoding="utf-8")

"""A text-direction control written as an escape in double quotes: found where the escape is written."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'text: "Sở Nội vụ chủ trì,' in text
    path.write_text(text.replace('text: "Sở Nội vụ chủ trì,', 'text: "Sở Nội vụ\\u202E chủ trì,'), encoding="utf-8")

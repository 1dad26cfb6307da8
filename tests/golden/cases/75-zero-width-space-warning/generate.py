"""A zero-width space inside an agency's name: a warning (the name would not be found in the texts)."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    assert "name: Sở Nội vụ" in text
    path.write_text(text.replace("name: Sở Nội vụ", "name: Sở Nội\u200b vụ"), encoding="utf-8")

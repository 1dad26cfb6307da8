"""A Symbol-font bullet (U+F0B7, private use) pasted from Word before a clause's text: readers see a box."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "text: Quán triệt Kết luận số 2-KL/TW." in text
    path.write_text(text.replace("text: Quán triệt", "text: \uf0b7 Quán triệt"), encoding="utf-8")

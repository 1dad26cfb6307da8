"""Ids that end with a line break (in Python's re, '$' matches before it): refused by the schema."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "chu-tri: [so-noi-vu]" in text
    path.write_text(text.replace("chu-tri: [so-noi-vu]", 'chu-tri: ["so-noi-vu\\n"]'), encoding="utf-8")

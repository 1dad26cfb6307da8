"""U+202E (right-to-left override) in an agency's name: shown reversed on the site; an error where it is."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    assert "name: Sở Tài chính" in text
    path.write_text(text.replace("name: Sở Tài chính", "name: Sở Tài\u202e chính"), encoding="utf-8")

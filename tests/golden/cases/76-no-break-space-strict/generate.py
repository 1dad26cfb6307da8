"""A no-break space in a clause: a warning, which fails with --strict."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Quán triệt Kết luận" in text
    path.write_text(text.replace("Quán triệt Kết luận", "Quán triệt\xa0Kết luận"), encoding="utf-8")

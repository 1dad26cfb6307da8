"""U+2028 inside a clause: YAML reads a line break that editors do not show; the line is the editor's."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "rà soát các phòng;" in text
    path.write_text(text.replace("rà soát các phòng;", "rà soát\u2028các phòng;"), encoding="utf-8")

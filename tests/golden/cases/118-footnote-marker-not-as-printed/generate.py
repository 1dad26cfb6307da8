"""A footnote whose marker is a letter: markers are written as printed, ¹, [1], (1) or *."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    line = "        text: Quán triệt Kết luận số 2-KL/TW.\n"
    assert line in text
    footnote = '        footnotes:\n          - marker: "a"\n            text: Kết luận ban hành năm 2021.\n'
    path.write_text(text.replace(line, line + footnote), encoding="utf-8")

"""An anchor (&name) that no alias uses: anchors are refused all the same."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "title: MỤC ĐÍCH" in text
    path.write_text(text.replace("title: MỤC ĐÍCH", "title: &muc-dich MỤC ĐÍCH"), encoding="utf-8")

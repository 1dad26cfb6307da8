"""A NUL pasted into the official text: it was 'unacceptable character ... position N', with no line."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "phối hợp Sở Tài chính thực hiện" in text
    path.write_text(
        text.replace("phối hợp Sở Tài chính thực hiện", "phối hợp Sở Tài chính\x00 thực hiện"), encoding="utf-8"
    )

"""A NUL in the official text, reported as a GitHub annotation: it had no line=, so the pull request could not show it."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "plans/p.yaml"
    text = path.read_text(encoding="utf-8")
    assert "phối hợp Sở Tài chính thực hiện" in text
    path.write_text(
        text.replace("phối hợp Sở Tài chính thực hiện", "phối hợp Sở Tài chính\x00 thực hiện"), encoding="utf-8"
    )

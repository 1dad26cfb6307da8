"""A document that implements the plan that implements it: a cycle, not an endless chain on the site."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "documents.yaml"
    text = path.read_text(encoding="utf-8")
    assert "      - type: thuc-hien\n        target: kl-2-tw-2020" in text
    path.write_text(
        text.replace(
            "      - type: thuc-hien\n        target: kl-2-tw-2020",
            "      - type: thuc-hien\n        target: kl-2-tw-2020\n      - type: thuc-hien\n        target: p",
        ),
        encoding="utf-8",
    )

"""1,001 documents, each implementing the one before: a validation error, not a crash on the site."""

from pathlib import Path

from vnplans.data.xref import MAX_CHAIN_LENGTH


def generate(root: Path) -> None:
    path = root / "data" / "documents.yaml"
    lines = [path.read_text(encoding="utf-8").rstrip("\n")]
    previous = "ct-1-tw-2010"
    for index in range(MAX_CHAIN_LENGTH):
        lines += [
            f"  - id: kh-{index}-ubnd-2022",
            "    type: ke-hoach",
            f"    number: {index}/KH-UBND",
            "    date: 01/02/2022",
            "    issuer: Ủy ban nhân dân tỉnh",
            "    title: Về một việc",
            "    verification: chi-theo-van-ban",
            "    relations:",
            "      - type: thuc-hien",
            f"        target: {previous}",
        ]
        previous = f"kh-{index}-ubnd-2022"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

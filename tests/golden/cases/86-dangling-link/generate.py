"""documents.yaml is a link to a file that does not exist."""

from pathlib import Path


def generate(root: Path) -> None:
    documents = root / "data" / "documents.yaml"
    documents.unlink()
    documents.symlink_to("van-ban.yaml")

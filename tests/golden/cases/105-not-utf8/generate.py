"""Write documents.yaml in Windows-1258 (Vietnamese): not UTF-8, as an old editor may save it."""

from pathlib import Path


def generate(root: Path) -> None:
    path = root / "data" / "documents.yaml"
    text = path.read_text(encoding="utf-8").replace("Về một việc", "Ve mot viec \xe9")
    path.write_bytes(text.encode("latin-1", errors="replace"))

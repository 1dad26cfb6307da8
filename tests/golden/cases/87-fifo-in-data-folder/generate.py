"""A named pipe as a plan and one in the data folder: refused, never opened (it hung the validator)."""

import os
from pathlib import Path


def generate(root: Path) -> None:
    os.mkfifo(root / "data" / "plans" / "q.yaml")
    os.mkfifo(root / "data" / "ghi-chu.txt")

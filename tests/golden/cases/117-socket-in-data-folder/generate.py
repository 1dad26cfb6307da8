"""A Unix socket named like a plan: refused as not an ordinary file, never opened."""

import os
import socket
from pathlib import Path


def generate(root: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    here = Path.cwd()
    os.chdir(root / "data" / "plans")  # a relative address: socket paths are limited to about 100 bytes
    try:
        server.bind("q.yaml")
    finally:
        os.chdir(here)
        server.close()  # the socket file stays until the folder is removed

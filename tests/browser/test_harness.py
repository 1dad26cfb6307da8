"""The harness itself: when Chromium is missing, and whether the server behaves like a static host.

These need no browser, so they run (and tell why the others skip) on a machine without Chromium.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .harness import INSTALL_HINT, PAGE_TYPES, ChromiumMissing, StaticSite, require_chromium

NOWHERE = {"PATH": "/nonexistent"}


def test_missing_chromium_is_a_skip_locally(tmp_path: Path) -> None:
    with pytest.raises(ChromiumMissing) as missing:
        require_chromium(NOWHERE, candidates=(str(tmp_path / "chromium"),))
    assert str(missing.value) == INSTALL_HINT == "install Chromium: sudo apt-get install -y chromium"
    assert not missing.value.fatal


def test_missing_chromium_fails_in_ci(tmp_path: Path) -> None:
    with pytest.raises(ChromiumMissing) as missing:
        require_chromium({**NOWHERE, "CI": "true"}, candidates=(str(tmp_path / "chromium"),))
    assert missing.value.fatal and "CI=true" in str(missing.value) and INSTALL_HINT in str(missing.value)


def test_wrong_chromium_path_fails_even_locally(tmp_path: Path) -> None:
    with pytest.raises(ChromiumMissing) as missing:
        require_chromium({**NOWHERE, "CHROMIUM_PATH": str(tmp_path / "nope")})
    assert missing.value.fatal and "CHROMIUM_PATH" in str(missing.value)


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.mark.parametrize(
    "path, status, content_type",
    [
        ("", 200, "text/html; charset=utf-8"),
        (PAGE_TYPES["agency"], 200, "text/html; charset=utf-8"),
        ("search/meta.json", 200, "application/json"),
        ("assets/site.css", 200, "text/css; charset=utf-8"),
        (PAGE_TYPES["404"], 404, "text/html; charset=utf-8"),
        ("assets/", 404, "text/html; charset=utf-8"),  # a folder without index.html: no listing
    ],
)
def test_server_answers_like_github_pages(site: StaticSite, path: str, status: int, content_type: str) -> None:
    got_status, got_type, body = _get(site.url(path))
    assert (got_status, got_type) == (status, content_type)
    if status == 404:
        assert body == (site.root / "404.html").read_bytes()

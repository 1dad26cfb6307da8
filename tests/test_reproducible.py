"""Reproducible builds: with SOURCE_DATE_EPOCH set (the workflows and scripts/check set it to the last
commit's time), two builds of the same commit are the same bytes, whatever the day they run.

Without it, MkDocs dates every page, the sitemap and its gzip header with the day of the build.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

from conftest import mkdocs_build

REPO = Path(__file__).resolve().parent.parent
EPOCH = 1_617_580_800  # 2021-04-05 00:00 UTC: not today, so a clock-dated build cannot pass


def _build(out: Path) -> dict[str, bytes]:
    mkdocs_build(
        REPO,
        out,
        {
            "SOURCE_DATE_EPOCH": str(EPOCH),
            "SITE_URL": "https://example.org/ke-hoach/",  # a sitemap with <lastmod> needs a site URL
        },
    )
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


def test_two_builds_with_source_date_epoch_are_identical_and_dated_by_it(tmp_path: Path) -> None:
    first, second = _build(tmp_path / "a"), _build(tmp_path / "b")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []

    day = dt.datetime.fromtimestamp(EPOCH, dt.UTC).date().isoformat()
    lastmods = re.findall(r"<lastmod>([^<]+)</lastmod>", first["sitemap.xml"].decode("utf-8"))
    assert lastmods and set(lastmods) == {day}
    with gzip.open(tmp_path / "a" / "sitemap.xml.gz") as packed:
        packed.read()
        assert packed.mtime == EPOCH

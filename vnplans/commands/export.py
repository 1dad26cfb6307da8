"""``scripts/export-pages``: write the generated Markdown pages and data files to a folder, without MkDocs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..site.build import SiteBuild
from .validate import REPO_ROOT


def export_main(argv: list[str] | None = None) -> int:
    """Write the generated Markdown pages and data files to a folder, without MkDocs."""

    parser = argparse.ArgumentParser(
        prog="scripts/export-pages",
        description="Write the site's generated Markdown pages and open-data files to a folder, without MkDocs.",
    )
    parser.add_argument("out_dir", type=Path, help="the folder to write into (created if missing)")
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "data", help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    build, result = SiteBuild.load(args.data)
    if build is None:
        print(result.report.format_text(), file=sys.stderr)
        print("failed: the data has errors (see scripts/validate)", file=sys.stderr)
        return 1
    written = build.export(args.out_dir)
    print(f"wrote {len(written)} files to {args.out_dir}")
    return 0

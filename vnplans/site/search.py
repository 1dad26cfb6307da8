"""Vietnamese search: append our worker patch (``assets/search-vi.js``) to Material's lunr.vi file.

Material has no hook for custom search pipelines; its worker loads ``lunr.vi.min.js`` before it
builds the index, so the patch is appended to the copy of that file in the built site. Material's
own file is not copied into this repository.
"""

from __future__ import annotations

from pathlib import Path

PATCH = Path(__file__).resolve().parent / "assets" / "search-vi.js"
TARGET = Path("assets/javascripts/lunr/min/lunr.vi.min.js")
MARKER = "/* vnplans: Vietnamese search"

#: The search separator the patch expects (mkdocs.yml plugins.search.separator): whitespace, spaced
#: dashes, punctuation and HTML entities; a dot or colon only before a space, so "II.2.4" stays whole.
SEPARATOR = r'\s+[-–—]+\s+|[\s,;!?()\[\]"“”‘’]+|[.:](?=\s|$)|&(?:amp|lt|gt|quot);'


def patch_search_worker(site_dir: Path) -> Path:
    """Append the patch to the built site's lunr.vi file (once). Raises if Material moved it."""
    target = site_dir / TARGET
    if not target.is_file():
        raise FileNotFoundError(
            f"{TARGET} is missing from the built site: is the theme Material with language 'vi'? "
            "Vietnamese diacritic-insensitive search depends on it"
        )
    content = target.read_text(encoding="utf-8")
    if MARKER not in content:
        target.write_text(content.rstrip("\n") + "\n" + PATCH.read_text(encoding="utf-8"), encoding="utf-8")
    return target

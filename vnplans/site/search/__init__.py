"""The site's search: records from the model, one Vietnamese normalisation, a static sharded index.

* :mod:`.text` — folding (đ → d, tones and marks dropped) and tokens that keep numbers whole;
  ``assets/search.js`` applies the same rules to what a reader types.
* :mod:`.records` — what readers search for: clauses, plans, agencies, groups, documents, prose pages.
* :mod:`.index` — the files under ``search/`` that the browser fetches piece by piece.

The MkDocs hooks create a :class:`SearchIndex` per build (:func:`search_index` of a ``SiteBuild``),
hand it the hand-written pages as MkDocs renders them and call :meth:`SearchIndex.write` after the
build; :func:`search_assets` are the script and styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .index import INDEX_DIR, IndexStats, SearchIndex

if TYPE_CHECKING:
    from ..build import SiteBuild
    from ..routes import Route

ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: Where the script and styles are published (mkdocs.yml names them in extra_javascript/extra_css).
ASSET_URLS = {"search.js": "assets/vnplans/search.js", "search.css": "assets/vnplans/search.css"}


def search_index(build: SiteBuild) -> SearchIndex:
    """The search index of one build: its portfolio, its routes, its open-data page as rendered."""

    def render_prose(route: Route) -> tuple[str, str]:
        page = build.render(route)
        return page.title.unescape(), str(page.body)

    return SearchIndex(build.portfolio, build.routes, render_prose)


def search_assets() -> dict[str, bytes]:
    """The search script and styles, by their URL in the site."""
    return {url: (ASSETS / name).read_bytes() for name, url in ASSET_URLS.items()}


__all__ = ["ASSET_URLS", "INDEX_DIR", "IndexStats", "SearchIndex", "search_assets", "search_index"]

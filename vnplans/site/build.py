"""The site, independent of any site generator: generated pages (HTML bodies) and data files.

:class:`SiteBuild` is created afresh for each build (MkDocs' ``on_config``), so nothing leaks from
one ``mkdocs serve`` rebuild into the next. Pages are rendered one at a time, when asked for
(:meth:`SiteBuild.render`), and not kept: memory holds the portfolio once, never a copy per page.
The MkDocs hooks hand each page's HTML to MkDocs as it writes the page; the ``scripts/export-pages``
command writes the very same pages to a folder (:meth:`SiteBuild.export`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..data.load import LoadResult, load_portfolio
from ..data.model import Portfolio, format_date
from . import routes
from .opendata import LICENCE_NAME, LICENCE_URL, matrix_csv, open_data_files
from .render import RenderedPage, Renderer, SiteContext, SourceLinks, TocEntry, yaml_string
from .routes import Route, plan_label
from .spreadsheet import matrix_xlsx

ASSETS = Path(__file__).resolve().parent / "assets"
#: Scripts of ours published with the site (not the search patch, which joins Material's file).
SCRIPT_ASSETS = ("moved-anchors.js", "reader.js")


class SiteBuild:
    """One build of the site from one loaded portfolio."""

    def __init__(self, portfolio: Portfolio, source: SourceLinks | None = None, site_url: str | None = None) -> None:
        self.portfolio = portfolio
        self.source = source or SourceLinks()
        self.context = SiteContext(portfolio, self.source, site_url)
        self.renderer = Renderer(self.context)
        self._by_src = {route.src_uri: route for route in self.context.routes}

    @classmethod
    def load(
        cls, data_dir: Path, source: SourceLinks | None = None, site_url: str | None = None
    ) -> tuple[SiteBuild | None, LoadResult]:
        """Load and validate ``data_dir``; the build is ``None`` when the data has errors.

        ``site_url`` is the public address of the site (MkDocs' ``site_url``), for the addresses
        printed on pages; without it, a printed page says the address it was opened at."""
        result = load_portfolio(data_dir)
        if result.portfolio is None:
            return None, result
        return cls(result.portfolio, source, site_url), result

    @property
    def routes(self) -> list[Route]:
        return self.context.routes

    def route(self, src_uri: str) -> Route | None:
        """The generated page handed to the site generator as ``src_uri``; ``None`` for other pages."""
        return self._by_src.get(src_uri)

    def edit_url(self, src_uri: str) -> str | None:
        """The edit link of a generated page: the YAML file it comes from. ``None`` for other pages."""
        route = self._by_src.get(src_uri)
        if route is None or route.source is None:
            return None
        return self.source.edit_url(route.source.file)

    def footer(self) -> dict[str, str]:
        """What the footer of every page says besides the copyright: the open data's licence and the
        date of the data (its "as of", a fact of the data, never the day of the build)."""
        return {"licence": LICENCE_NAME, "licence_url": LICENCE_URL, "updated": format_date(self.portfolio.as_of)}

    def render(self, route: Route) -> RenderedPage:
        """One page, rendered now (nothing is cached: call it once per page and let it go)."""
        return self.renderer.render(route)

    def pages(self) -> Iterator[RenderedPage]:
        """Every page, rendered one after the other."""
        for route in self.routes:
            yield self.render(route)

    def files(self) -> dict[str, bytes]:
        """Data files published with the site: open data, each plan's matrix CSV, our scripts."""
        files = open_data_files(self.portfolio)
        as_of = self.portfolio.as_of
        for plan in self.portfolio.plans:
            columns, rows = self.context.matrix(plan)
            clauses = [row.context.clause for row in rows]
            files[routes.matrix_csv_url(plan)] = matrix_csv(columns, clauses)
            address = self.context.address(routes.matrix_url(plan))
            files[routes.matrix_xlsx_url(plan)] = matrix_xlsx(plan_label(plan), columns, clauses, as_of, address)
        for name in SCRIPT_ASSETS:
            files[f"assets/{name}"] = (ASSETS / name).read_bytes()
        return files

    def export(self, out_dir: Path) -> list[Path]:
        """Write every generated page and data file under ``out_dir``; return the paths.

        A page is written as ``<url>/index.md``: YAML front matter with the title and description (as
        plain text) and the contents, then the page's body as one block of HTML, exactly as the site
        shows it. Markdown passes such a block through untouched, so any generator can use it.
        """
        written = []
        for page in self.pages():
            path = out_dir / page.route.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(export_markdown(page), encoding="utf-8")
            written.append(path)
        for name, content in self.files().items():
            path = out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.append(path)
        return written


def export_markdown(page: RenderedPage) -> str:
    """A page as a Markdown file: front matter (plain text, YAML-quoted), then the HTML body."""
    lines = [
        "---",
        f"title: {yaml_string(page.title.unescape())}",
        f"description: {yaml_string(page.description.unescape())}",
    ]
    if page.hide:
        lines.append(f"hide: [{', '.join(page.hide)}]")
    if page.toc:
        lines.append("toc:")
        lines.extend(_toc_yaml(page.toc, 1))
    lines.append("---")
    # No blank line inside the body: for CommonMark a blank line ends an HTML block.
    body = "\n".join(line for line in str(page.body).splitlines() if line.strip())
    return "\n".join(lines) + "\n\n" + body + "\n"


def _toc_yaml(entries: tuple[TocEntry, ...], depth: int) -> Iterator[str]:
    pad = "  " * depth
    for entry in entries:
        yield f"{pad}- id: {yaml_string(entry.anchor)}"
        yield f"{pad}  title: {yaml_string(entry.title.unescape())}"
        if entry.children:
            yield f"{pad}  children:"
            yield from _toc_yaml(entry.children, depth + 2)

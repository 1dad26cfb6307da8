"""The site, independent of any site generator: generated Markdown pages and data files.

:class:`SiteBuild` is created afresh for each build (MkDocs' ``on_config``), so nothing leaks from
one ``mkdocs serve`` rebuild into the next. The MkDocs hooks hand its pages to MkDocs; the
``scripts/export-pages`` command writes the very same pages to a folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data.load import LoadResult, load_portfolio
from ..data.model import Portfolio
from . import routes
from .opendata import matrix_csv, open_data_files
from .render import Renderer, SiteContext, SourceLinks
from .routes import Route


@dataclass(frozen=True)
class GeneratedPage:
    route: Route
    markdown: str


class SiteBuild:
    """One build of the site from one loaded portfolio."""

    def __init__(self, portfolio: Portfolio, source: SourceLinks | None = None) -> None:
        self.portfolio = portfolio
        self.source = source or SourceLinks()
        self.context = SiteContext(portfolio, self.source)
        self.renderer = Renderer(self.context)
        self._by_src = {route.src_uri: route for route in self.context.routes}

    @classmethod
    def load(cls, data_dir: Path, source: SourceLinks | None = None) -> tuple[SiteBuild | None, LoadResult]:
        """Load and validate ``data_dir``; the build is ``None`` when the data has errors."""
        result = load_portfolio(data_dir)
        if result.portfolio is None:
            return None, result
        return cls(result.portfolio, source), result

    @property
    def routes(self) -> list[Route]:
        return self.context.routes

    def edit_url(self, src_uri: str) -> str | None:
        """The edit link of a generated page: the YAML file it comes from. ``None`` for other pages."""
        route = self._by_src.get(src_uri)
        if route is None or route.source is None:
            return None
        return self.source.edit_url(route.source.file)

    def pages(self) -> list[GeneratedPage]:
        return [self.page(route) for route in self.routes]

    def page(self, route: Route) -> GeneratedPage:
        return GeneratedPage(route, self.renderer.render(route))

    def files(self) -> dict[str, bytes]:
        """Data files published with the site: open data and each plan's matrix CSV."""
        files = open_data_files(self.portfolio)
        for plan in self.portfolio.plans:
            columns, rows = self.context.matrix(plan)
            files[routes.matrix_csv_url(plan)] = matrix_csv(self.portfolio, plan, columns, [c.clause for c in rows])
        return files

    def export(self, out_dir: Path) -> list[Path]:
        """Write every generated page (Markdown) and data file under ``out_dir``; return the paths."""
        written = []
        for page in self.pages():
            path = out_dir / page.route.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
            written.append(path)
        for name, content in self.files().items():
            path = out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.append(path)
        return written

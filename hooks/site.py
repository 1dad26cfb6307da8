"""MkDocs build hooks: thin glue between MkDocs and the ``vnplans`` package.

All logic lives in ``vnplans``; these functions only translate between MkDocs' events and
:class:`vnplans.site.build.SiteBuild`. The build object is created afresh in ``on_config`` and kept
on the config of that build, so ``mkdocs serve`` rebuilds never see stale data.

Generated pages reach MkDocs as empty Markdown: their HTML is rendered once, by our templates,
when MkDocs is about to write the page (``on_page_context``), and dropped once it is written
(``on_post_page``). So no page's HTML is parsed again by Python-Markdown, and memory holds one
page at a time. MkDocs and Material print a page's title, description and contents as HTML; they
get the rendered page's, escaped by the templates, as they are.

``mkdocs build`` fails on a data error. ``mkdocs serve`` does not: it shows the problems on every
page (:mod:`vnplans.site.preview`) and keeps serving, because a failed build leaves every browser
request waiting for a site that never comes. While serving, each rebuild also imports ``vnplans``
afresh, so edits to its code, templates and to ``schemas/`` take effect; MkDocs loads this file
once per process, so edits here need a restart.
"""

from __future__ import annotations

import importlib
import logging
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

if TYPE_CHECKING:
    from vnplans.site.build import SiteBuild
    from vnplans.site.preview import Problems
    from vnplans.site.render import RenderedPage, TocEntry
    from vnplans.site.search import SearchIndex

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

log = logging.getLogger("mkdocs.hooks.vnplans")
BUILD_KEY = "vnplans_build"  # the SiteBuild of this build, or None when the data has errors
PROBLEMS_KEY = "vnplans_problems"  # what the preview shows on every page (serving only)
SEARCH_KEY = "vnplans_search"  # the SearchIndex of this build, or None when the data has errors

# The MkDocs command of this process, set once by on_startup: "serve", "build" or "gh-deploy".
# A flag, not data: everything a build computes lives on that build's config.
_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def _serving() -> bool:
    return _command == "serve"


def _fresh_vnplans() -> None:
    """Forget every imported ``vnplans`` module, so this build runs the code and schemas as saved now."""
    # No .pyc written into vnplans/__pycache__: the watcher would take it for an edit and rebuild again.
    sys.dont_write_bytecode = True
    for name in [n for n in sys.modules if n == "vnplans" or n.startswith("vnplans.")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _serving():
        _fresh_vnplans()
    from vnplans.data.values import slugify
    from vnplans.site import preview
    from vnplans.site.build import SiteBuild
    from vnplans.site.render import SourceLinks
    from vnplans.site.search import search_index

    # ASCII heading anchors (the default slugify drops "đ": "hành động" → "hanh-ong").
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    source = SourceLinks(config.repo_url, config.extra.get("source_branch", "main"))
    build, result = SiteBuild.load(data_dir, source, config.site_url or None)
    for warning in result.report.warnings:
        log.warning("data: %s", warning.format_text())  # --strict turns these into a failed build
    if build is None:
        if not _serving():
            raise PluginError(preview.build_stopped(result.report))
        log.error(preview.serving_with_errors(result.report))
    config[BUILD_KEY] = build
    config[PROBLEMS_KEY] = preview.Problems.of(result.report) if _serving() else None
    config[SEARCH_KEY] = search_index(build) if build is not None else None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from vnplans.site.search import search_assets

    for name, content in search_assets().items():
        files.append(File.generated(config, name, content=content))
    build: SiteBuild | None = config[BUILD_KEY]
    if build is None:
        _add_problem_pages(files, config)
        return files
    data_files = _serving_guard(config, build.files) or {}
    for route in build.routes:
        if files.get_file_from_path(route.src_uri) is not None:
            raise PluginError(f"docs/{route.src_uri} would hide a generated page; rename or remove it")
        inclusion = InclusionLevel.INCLUDED if route.in_nav else InclusionLevel.NOT_IN_NAV
        # Empty Markdown: the page's HTML comes from our templates in on_page_context.
        files.append(File.generated(config, route.src_uri, content="", inclusion=inclusion))
    for name, content in data_files.items():
        files.append(File.generated(config, name, content=content))
    return files


def _serving_guard(config: MkDocsConfig, work: Any) -> Any:
    """Run ``work()``; while serving, a crash on valid data (a bug) is shown on the pages, not raised."""
    try:
        return work()
    except Exception:
        if not _serving():
            raise
        from vnplans.site.preview import serving_after_crash

        problems: Problems = config[PROBLEMS_KEY]
        config[PROBLEMS_KEY] = problems.with_crash(traceback.format_exc())
        log.error(serving_after_crash(traceback.format_exc()))
        return None


def _add_problem_pages(files: Files, config: MkDocsConfig) -> None:
    """While the data cannot be read, the generated pages of the navigation say so (serving only)."""
    from vnplans.site.preview import nav_pages

    problems: Problems = config[PROBLEMS_KEY]
    for title, src_uri in nav_pages(config.nav):
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=problems.page_markdown(title)))


# Before any plugin reads the page (a search plugin indexes page.content in this event).
@event_priority(100)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    build: SiteBuild | None = config[BUILD_KEY]
    route = build.route(page.file.src_uri) if build is not None else None
    if build is not None and route is not None:
        rendered = _serving_guard(config, lambda: build.render(route))
        if rendered is not None:
            page.meta = mkdocs_meta(rendered)
            page.content = str(rendered.body)
            page.toc = TableOfContents([_anchor_link(entry) for entry in rendered.toc])
            page.present_anchor_ids = set(rendered.ids)  # for links from hand-written pages to our anchors
        edit_url = build.edit_url(page.file.src_uri)
        if edit_url is not None:
            page.edit_url = edit_url  # the YAML the page comes from, not a Markdown file that does not exist
    _show_problems(context, config)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    _show_problems(context, config)  # 404.html: what the address of a generated page gives while the data is broken
    return context


def _show_problems(context: dict[str, Any], config: MkDocsConfig) -> None:
    build: SiteBuild | None = config[BUILD_KEY]
    if build is not None:
        context["vnplans_footer"] = build.footer()  # licence and the data's date (overrides/partials/copyright.html)
    problems: Problems | None = config[PROBLEMS_KEY]
    if problems:
        context["vnplans_problems"] = problems.banner_html()  # overrides/main.html puts it in Material's banner


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    build: SiteBuild | None = config[BUILD_KEY]
    if build is not None and build.route(page.file.src_uri) is not None:
        page.content = None  # written: let this page's HTML go before the next one is rendered
        page.toc = TableOfContents([])
    return output


def mkdocs_meta(rendered: RenderedPage) -> dict[str, Any]:
    """The page's metadata as MkDocs and Material read it. Material prints ``title`` and
    ``description`` into the page unescaped (``<title>``, the header, ``<meta content="…">``):
    they are the rendered page's, HTML-escaped by the templates, quotes included."""
    meta: dict[str, Any] = {"title": str(rendered.title), "description": str(rendered.description)}
    if rendered.hide:
        meta["hide"] = list(rendered.hide)
    if not rendered.searchable:
        meta["search"] = {"exclude": True}
    elif rendered.search_boost is not None:
        meta["search"] = {"boost": rendered.search_boost}
    return meta


def _anchor_link(entry: TocEntry) -> AnchorLink:
    link = AnchorLink(str(entry.title), entry.anchor, entry.level)
    link.children = [_anchor_link(child) for child in entry.children]
    return link


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    search: SearchIndex | None = config[SEARCH_KEY]
    if search is not None:
        search.add_page(page.file.src_uri, page.url, page.title or "", html)  # keeps hand-written pages only
    return html


def on_post_build(config: MkDocsConfig) -> None:
    search: SearchIndex | None = config[SEARCH_KEY]
    if search is None:
        return  # serving with data errors: the pages say so, and search has nothing to find

    def write() -> Any:
        try:
            return search.write(Path(config.site_dir))
        except OSError as exc:
            raise PluginError(f"could not write the search index into {config.site_dir}: {exc}") from exc

    # The index renders the prose pages again: while serving, a bug there is on the pages already and
    # must not stop the reload that shows it.
    log.debug("search index: %s", _serving_guard(config, write))


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # Rebuild on every saved change that can change the site. Not hooks/: MkDocs loads it once.
    for folder in ("data", "vnplans", "schemas", "overrides"):
        server.watch(str(REPO_ROOT / folder))
    return server

"""MkDocs build hooks: thin glue between MkDocs and the ``vnplans`` package.

All logic lives in ``vnplans``; these functions only translate between MkDocs' events and
:class:`vnplans.site.SiteBuild`. The build object is created afresh in ``on_config`` and kept on the
config of that build, so ``mkdocs serve`` rebuilds never see stale data.

Generated pages reach MkDocs as empty Markdown: their HTML is rendered once, by our templates,
when MkDocs is about to write the page (``on_page_context``), and dropped once it is written
(``on_post_page``). So no page's HTML is parsed again by Python-Markdown, and memory holds one
page at a time. MkDocs and Material print a page's title, description and contents as HTML; they
get the rendered page's, escaped by the templates, as they are.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from vnplans.data.values import slugify  # noqa: E402
from vnplans.site.build import SiteBuild  # noqa: E402
from vnplans.site.render import RenderedPage, SourceLinks, TocEntry  # noqa: E402
from vnplans.site.search import patch_search_worker  # noqa: E402

log = logging.getLogger("mkdocs.hooks.vnplans")
STATE_KEY = "vnplans_build"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # ASCII heading anchors (the default slugify drops "đ": "hành động" → "hanh-ong").
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    source = SourceLinks(config.repo_url, config.extra.get("source_branch", "main"))
    build, result = SiteBuild.load(data_dir, source)
    for warning in result.report.warnings:
        log.warning("data: %s", warning.format_text())  # --strict turns these into a failed build
    if build is None:
        raise PluginError(
            "the data files have errors; fix them and build again "
            "(scripts/validate prints the same list):\n" + result.report.format_text()
        )
    config[STATE_KEY] = build
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build: SiteBuild = config[STATE_KEY]
    for route in build.routes:
        if files.get_file_from_path(route.src_uri) is not None:
            raise PluginError(f"docs/{route.src_uri} would hide a generated page; rename or remove it")
        inclusion = InclusionLevel.INCLUDED if route.in_nav else InclusionLevel.NOT_IN_NAV
        # Empty Markdown: the page's HTML comes from our templates in on_page_context.
        files.append(File.generated(config, route.src_uri, content="", inclusion=inclusion))
    for name, content in build.files().items():
        files.append(File.generated(config, name, content=content))
    return files


# Before any plugin reads the page (Material's search indexes page.content in this event).
@event_priority(100)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    build: SiteBuild = config[STATE_KEY]
    route = build.route(page.file.src_uri)
    if route is None:
        return context
    rendered = build.render(route)
    page.meta = mkdocs_meta(rendered)
    page.content = str(rendered.body)
    page.toc = TableOfContents([_anchor_link(entry) for entry in rendered.toc])
    page.present_anchor_ids = set(rendered.ids)  # for links from hand-written pages to our anchors
    edit_url = build.edit_url(page.file.src_uri)
    if edit_url is not None:
        page.edit_url = edit_url  # the YAML the page comes from, not a Markdown file that does not exist
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if config[STATE_KEY].route(page.file.src_uri) is not None:
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


def on_post_build(config: MkDocsConfig) -> None:
    try:
        patch_search_worker(Path(config.site_dir))
    except FileNotFoundError as exc:
        raise PluginError(str(exc)) from exc


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(REPO_ROOT / "data"))
    server.watch(str(REPO_ROOT / "vnplans"))
    server.watch(str(REPO_ROOT / "schemas"))
    return server

"""MkDocs build hooks: thin glue between MkDocs and the ``vnplans`` package.

All logic lives in ``vnplans``; these functions only translate between MkDocs' events and
:class:`vnplans.site.SiteBuild`. The build object is created afresh in ``on_config`` and kept on the
config of that build, so ``mkdocs serve`` rebuilds never see stale data.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from vnplans.data.values import slugify  # noqa: E402
from vnplans.site.build import SiteBuild  # noqa: E402
from vnplans.site.render import SourceLinks  # noqa: E402
from vnplans.site.search import SearchIndex, search_assets  # noqa: E402

log = logging.getLogger("mkdocs.hooks.vnplans")
STATE_KEY = "vnplans_build"
SEARCH_KEY = "vnplans_search"


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
    config[SEARCH_KEY] = SearchIndex(build.portfolio, build.routes)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build: SiteBuild = config[STATE_KEY]
    for page in build.pages():
        if files.get_file_from_path(page.route.src_uri) is not None:
            raise PluginError(f"docs/{page.route.src_uri} would hide a generated page; rename or remove it")
        inclusion = InclusionLevel.INCLUDED if page.route.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.route.src_uri, content=page.markdown, inclusion=inclusion))
    for name, content in build.files().items():
        files.append(File.generated(config, name, content=content))
    for name, content in search_assets().items():
        files.append(File.generated(config, name, content=content))
    return files


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    build: SiteBuild = config[STATE_KEY]
    edit_url = build.edit_url(page.file.src_uri)
    if edit_url is not None:
        page.edit_url = edit_url  # the YAML the page comes from, not a Markdown file that does not exist
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    search: SearchIndex = config[SEARCH_KEY]
    search.add_page(page.file.src_uri, page.url, page.title or "", html)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    search: SearchIndex = config[SEARCH_KEY]
    try:
        stats = search.write(Path(config.site_dir))
    except OSError as exc:
        raise PluginError(f"could not write the search index into {config.site_dir}: {exc}") from exc
    log.debug("search index: %s", stats)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(REPO_ROOT / "data"))
    server.watch(str(REPO_ROOT / "vnplans"))
    server.watch(str(REPO_ROOT / "schemas"))
    return server

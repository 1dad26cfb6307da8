"""Editorial notes: a little Markdown (emphasis, lists, links), turned into HTML that is safe by allow-list.

A note comes from a pull request, so it is hostile until proven otherwise. Three layers, each
enough on its own for the worst cases:

1. HTML in the note is escaped before Markdown sees it: a ``<script>`` an editor types is shown as
   text, never parsed.
2. Markdown images become plain links (``![sơ đồ](https://…)`` → a link labelled "sơ đồ"): a
   reader's visit never fetches anything from another host because a note said so.
3. The result goes through nh3 (the Ammonia sanitiser) with an allow-list of tags and attributes
   and of URL schemes (http, https, mailto, relative): whatever the first two layers miss cannot
   reach the page.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

#: What a note may contain. No headings (a note sits inside a page's own structure), no images,
#: no tables, no raw blocks; every attribute but a link's target is dropped.
ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"


class _ImagesAsLinks(Treeprocessor):
    """``<img src=X alt=Y>`` → ``<a href=X>Y</a>``: the reader may follow it; the page loads nothing."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                src = element.get("src", "")
                label = element.get("alt") or src
                title = element.get("title")
                element.clear()
                element.tag = "a"
                element.set("href", src)
                element.text = label + (f" ({title})" if title else "")


class _NoteExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ImagesAsLinks(md), "vnplans_images_as_links", 0)


def note_html(text: str | None) -> Markup:
    """An editorial note as safe HTML (see the module docstring); empty for no note."""
    if not text:
        return Markup("")
    rendered = markdown.markdown(html.escape(text, quote=False), extensions=[_NoteExtension()], output_format="html")
    return Markup(sanitise(rendered))


def sanitise(fragment: str) -> str:
    """Keep only :data:`ALLOWED_TAGS` and a link's ``href`` with an allowed scheme (or a relative URL)."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "template", "iframe", "object", "noscript"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )

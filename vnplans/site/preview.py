"""The live preview (``mkdocs serve``) while the data has problems: the validator's list on every page.

``mkdocs build`` stops at a data error. While serving, stopping would leave the browser waiting for
a build that never comes, so the build goes on without the data instead:

* every page carries a banner with the full list of problems, exactly as ``scripts/validate``
  prints them (file:line:col, message, hint);
* the index pages of the navigation become pages that say the data could not be read (the other
  generated pages do not exist: their addresses get the 404 page, which has the banner too);
* the next save rebuilds, and once the data is valid the site is back.

Warnings alone do not stop anything: the site is built and the banner lists them, because the pull
request checks (``--strict``) will refuse them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup, escape

from ..data.diagnostics import Diagnostic, Report, Severity
from ..data.messages import msg
from .render import template_environment, yaml_string


@dataclass(frozen=True)
class Problems:
    """What keeps the preview from showing the site as it will be published."""

    diagnostics: tuple[Diagnostic, ...]  # the validator's, sorted as scripts/validate prints them
    crash: str = ""  # a traceback: the data passed validation but building the pages failed

    @classmethod
    def of(cls, report: Report) -> Problems:
        return cls(tuple(report.sorted()))

    def with_crash(self, traceback: str) -> Problems:
        return replace(self, crash=traceback)

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    @property
    def blocking(self) -> bool:
        """True when the site could not be built: data errors, or a crash."""
        return bool(self.crash) or self.errors > 0

    def __bool__(self) -> bool:
        return bool(self.diagnostics or self.crash)

    def banner_html(self) -> Markup:
        """The banner every page shows: the full list, with a reload after the next rebuild."""
        return Markup(template_environment().get_template("problems.html.j2").render(problems=self))

    def page_markdown(self, title: str) -> str:
        """A page standing in for a generated index page while the data cannot be read."""
        env = template_environment()
        # Material prints a page title as HTML: escape it for HTML, then quote it for the YAML front matter.
        env.filters["yaml_str"] = lambda value: Markup(yaml_string(str(escape(value))))
        return env.get_template("problems.md.j2").render(problems=self, title=title or "Dữ liệu có lỗi")


def nav_pages(nav: Any) -> Iterator[tuple[str, str]]:
    """(title, Markdown file) of every page in an ``mkdocs.yml`` ``nav``, in order."""
    if isinstance(nav, str):
        if "://" not in nav:  # an external link is not a page
            yield "", nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                if "://" not in value:
                    yield str(title), value
            else:
                yield from nav_pages(value)


def build_stopped(report: Report) -> str:
    """What ``mkdocs build`` says, with the full list, when it stops on data errors."""
    head = msg("the data files have errors; fix them and build again (scripts/validate prints the same list):")
    return f"{head}\n{report.format_text()}"


def serving_with_errors(report: Report) -> str:
    """What ``mkdocs serve`` says in the terminal when it serves the list of problems instead of the site."""
    head = msg("the data files have errors; every page of the preview lists them until they are fixed:")
    return f"{head}\n{report.format_text()}"


def serving_after_crash(traceback: str) -> str:
    """What ``mkdocs serve`` says when the data is valid but building the pages failed (a bug)."""
    head = msg("the data is valid but building the pages failed; every page of the preview shows this error:")
    return f"{head}\n{traceback}"

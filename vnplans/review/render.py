"""The diff in words: Vietnamese GitHub Markdown for a pull-request comment, from ``templates/diff.md.j2``.

:func:`render_markdown` words a :class:`~.model.DutyDiff`; :func:`render_failures` the comment shown
instead when either version fails validation. Data values are escaped for inline Markdown
(:func:`md_inline`) or set as code (:func:`code_span`), so no name or word turns into markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from .model import DutyChangeKind, DutyDiff, Failure, Status, WordKind, WordRun

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "diff.md.j2"

#: Said when no agency's duties change (the whole comment when nothing else changes either).
NO_DUTY_CHANGES = "Không có thay đổi về nhiệm vụ."
#: Words of unchanged text kept on each side of a change in a word diff.
CONTEXT_WORDS = 6

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md_inline(value: Any) -> str:
    """Escape data for inline GitHub Markdown, so a name or a word never turns into markup or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def code_span(value: Any) -> str:
    """``value`` as inline code, with a fence longer than any backtick run inside it."""
    text = str(value)
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def fence(text: str) -> str:
    """A code fence for ``text``: longer than any backtick run inside it, at least three."""
    return "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)


def with_context(runs: Sequence[WordRun], context: int = CONTEXT_WORDS) -> tuple[WordRun, ...]:
    """Keep ``context`` unchanged words around each change; longer unchanged stretches become a gap."""
    out: list[WordRun] = []
    last = len(runs) - 1
    for index, run in enumerate(runs):
        if run.kind is not WordKind.EQUAL:
            out.append(run)
            continue
        words = run.words
        keep_head = context if index > 0 else 0
        keep_tail = context if index < last else 0
        if len(words) <= keep_head + keep_tail or (index == 0 == last):
            out.append(run)
            continue
        if keep_head:
            out.append(WordRun(WordKind.EQUAL, words[:keep_head]))
        out.append(WordRun(WordKind.GAP, ()))
        if keep_tail:
            out.append(WordRun(WordKind.EQUAL, words[-keep_tail:]))
    return tuple(out)


def _environment(site_url: str | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=False,  # Markdown, not HTML: data is escaped with the md filter
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base = site_url.rstrip("/") + "/" if site_url else None

    def link(label: str, url: str) -> str:
        """``label`` (already Markdown) linked to a site page when the site's address is known."""
        return f"[{label}]({base}{url})" if base else label

    env.filters.update(md=md_inline, code=code_span, context=with_context, fence=fence)
    env.globals.update(
        link=link, Status=Status, Kind=DutyChangeKind, WordKind=WordKind, NO_DUTY_CHANGES=NO_DUTY_CHANGES
    )
    return env


def render_markdown(
    diff: DutyDiff,
    *,
    old_label: str | None = None,
    new_label: str | None = None,
    site_url: str | None = None,
) -> str:
    """The diff as Vietnamese Markdown for a pull-request comment.

    ``old_label`` and ``new_label`` name the compared versions in the heading; with ``site_url``,
    agencies, plans, clauses and documents link to their pages on the published site.
    """
    template = _environment(site_url).get_template(TEMPLATE)
    return _tidy(
        template.render(diff=diff, summary=diff.summary, failures=(), old_label=old_label, new_label=new_label)
    )


def render_failures(failures: Sequence[Failure], *, old_label: str | None = None, new_label: str | None = None) -> str:
    """The comment shown instead of a diff when either version fails validation."""
    template = _environment(None).get_template(TEMPLATE)
    return _tidy(
        template.render(diff=None, summary=None, failures=tuple(failures), old_label=old_label, new_label=new_label)
    )


def _tidy(text: str) -> str:
    """One blank line between blocks, whatever the template's conditionals left."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

"""Diagnostics: every problem found in the data, with the file, line and column it comes from.

Nothing in the loader raises on bad data. Each stage appends :class:`Diagnostic` records to one
:class:`Report`, so an editor sees every mistake of a pull request in one run. Messages and hints are
:class:`~vnplans.data.messages.Message` values, put into words (Vietnamese by default, English on
request) only when they are printed.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from .characters import printable
from .messages import EMPTY, Message, msg


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a data file. ``line`` and ``col`` are 1-based, as editors count them."""

    file: str
    line: int = 0
    col: int = 0
    field: str = ""  # the YAML path of the value, e.g. "sections[1].items[0].roles.phoi-hop[2]"

    def __str__(self) -> str:
        if self.line:
            return f"{printable(self.file)}:{self.line}:{self.col}"
        return printable(self.file)


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, which field, what is wrong and how to fix it."""

    severity: Severity
    loc: Loc
    field: str
    message: Message
    hint: Message = EMPTY

    def text(self, lang: str | None = None) -> str:
        """The message in words, on one line (a value quoted from the data may hold a line break)."""
        return _one_line(self.message.render(lang))

    def hint_text(self, lang: str | None = None) -> str:
        return _one_line(self.hint.render(lang)) if self.hint else ""

    def format_text(self, lang: str | None = None) -> str:
        """``file:line:col: field: message``, then an indented hint line."""
        what = f"{printable(self.field)}: {self.text(lang)}" if self.field else self.text(lang)
        tag = "" if self.severity is Severity.ERROR else msg("warning: ").render(lang)
        out = f"{self.loc}: {tag}{what}"
        if self.hint:
            out += "\n    " + msg("hint: {hint}", hint=self.hint_text(lang)).render(lang)
        return out

    def format_github(self, lang: str | None = None) -> str:
        """A GitHub Actions workflow command: GitHub shows it on its line in the pull request's diff."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        props = [f"file={_gh_prop(self.loc.file)}"]
        if self.loc.line:
            props += [f"line={self.loc.line}", f"col={self.loc.col}"]
        title = printable(self.field) or msg("data").render(lang)  # outside the f-string, where Babel finds it
        props.append(f"title={_gh_prop(title)}")
        body = self.text(lang)
        if self.hint:
            body += "\n" + msg("hint: {hint}", hint=self.hint_text(lang)).render(lang)
        return f"::{kind} {','.join(props)}::{_gh_data(body)}"


def _one_line(text: str) -> str:
    return printable(text)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    """All diagnostics of one validation run, in the order found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Loc, field_path: str, message: Message, hint: Message = EMPTY) -> None:
        self.diagnostics.append(Diagnostic(Severity.ERROR, loc, field_path, message, hint))

    def warning(self, loc: Loc, field_path: str, message: Message, hint: Message = EMPTY) -> None:
        self.diagnostics.append(Diagnostic(Severity.WARNING, loc, field_path, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics by file and position; stable for the same input."""
        return sorted(self.diagnostics, key=lambda d: (d.loc, d.field, d.message.text, d.message.args.__repr__()))

    def format_text(self, lang: str | None = None) -> str:
        return "\n".join(d.format_text(lang) for d in self.sorted())


def did_you_mean(word: str, choices: Iterable[str]) -> Message:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return msg(" (did you mean '{choice}'?)", choice=matches[0]) if matches else EMPTY

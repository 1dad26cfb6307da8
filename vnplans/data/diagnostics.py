"""Diagnostics: every problem found in the data, with the file, line and column it comes from.

Nothing in the loader raises on bad data. Each stage appends :class:`Diagnostic` records to one
:class:`Report`, so an editor sees every mistake of a pull request in one run.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


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
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, which field, what is wrong and how to fix it."""

    severity: Severity
    loc: Loc
    field: str
    message: str
    hint: str = ""

    def format_text(self) -> str:
        where = f"{self.loc}: "
        what = f"{self.field}: {self.message}" if self.field else self.message
        tag = "" if self.severity is Severity.ERROR else "warning: "
        out = f"{where}{tag}{what}"
        if self.hint:
            out += f"\n    hint: {self.hint}"
        return out

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the message shows on the changed line of a PR."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        props = [f"file={_gh_prop(self.loc.file)}"]
        if self.loc.line:
            props += [f"line={self.loc.line}", f"col={self.loc.col}"]
        props.append(f"title={_gh_prop(self.field or 'data')}")
        body = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            body += f"\nhint: {self.hint}"
        return f"::{kind} {','.join(props)}::{_gh_data(body)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    """All diagnostics of one validation run, in the order found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Loc, field_path: str, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(Severity.ERROR, loc, field_path, message, hint))

    def warning(self, loc: Loc, field_path: str, message: str, hint: str = "") -> None:
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
        return sorted(self.diagnostics, key=lambda d: (d.loc, d.field, d.message))

    def format_text(self) -> str:
        return "\n".join(d.format_text() for d in self.sorted())


class DataError(Exception):
    """Raised once, after all stages ran, when the data has errors. Carries the full report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        count = len(report.errors)
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the data files:\n{report.format_text()}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""

"""Links inside the official text: agency names and document numbers become links to their pages.

The text itself is never changed: it is split into plain runs and linked runs, and each run is
HTML-escaped by the template layer. A document is linked only when it is identified for certain:

* by number **and** date written together in the text ("Kết luận số 102-KL/TW ngày 22/9/2014"), or
* by number alone when the editor listed, as this clause's or this plan's basis, exactly one document
  with that number (the editor's reference pins the date).

A bare number is never matched against the whole register: 42-CT/TW exists for 1998, 2010, 2015
and 2020, and every province's Tỉnh ủy has its own 15-KH/TU.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..data.model import Agency, Document, Group, Portfolio
from ..data.names import NameIndex, actor_spellings
from ..data.values import canonical_tones, parse_date

#: A Vietnamese document number: 42-CT/TW, 2073/CTr-UBND, 83/2015/QH13, 1795/QĐ-TTg, 15-KH/TU.
NUMBER = r"\d+(?:/\d{4})?[-/][A-Za-zĐđ]+(?:[-/][A-Za-zĐđ0-9]+)*"
_DATE = r"(?:,?\s*ngày\s+(\d{1,2}/\d{1,2}/\d{4}))?"
_NUMBER_RE = re.compile(rf"(?<![\w/-])({NUMBER}){_DATE}")


@dataclass(frozen=True)
class Run:
    """A piece of text; ``target`` is what it links to (an agency, group or document), if anything."""

    text: str
    target: Agency | Group | Document | None = None


class Linker:
    """Finds agency names and document numbers in a portfolio's texts. Build once per site build."""

    def __init__(self, portfolio: Portfolio, actors: Sequence[Agency | Group] | None = None) -> None:
        """``actors`` are those that may be linked (those with a page); by default every actor."""
        self.portfolio = portfolio
        self._linkable = {a.id for a in (portfolio.actors if actors is None else actors)}
        self._names_index = NameIndex(portfolio)
        spellings: dict[str, Agency | Group] = {}
        for actor in portfolio.actors:  # data/agencies.yaml first: a declared body wins a shared spelling
            if actor.id in self._linkable:
                for spelling in actor_spellings(actor):
                    spellings.setdefault(spelling, actor)
        self._global = _NameTable(spellings)
        self._scoped: dict[str, _NameTable] = {}
        self._by_number_date: dict[tuple[str, dt.date], Document] = {}
        for document in portfolio.documents:
            if isinstance(document.number, str) and isinstance(document.date, dt.date):
                self._by_number_date[(fold_case(document.number), document.date)] = document

    def _names(self, jurisdiction_id: str | None) -> _NameTable:
        """The names that resolve in a text of ``jurisdiction_id`` (every linkable name when ``None``)."""
        if jurisdiction_id is None:
            return self._global
        if jurisdiction_id not in self._scoped:
            spellings = self._names_index.spellings_in(jurisdiction_id)
            self._scoped[jurisdiction_id] = _NameTable(
                {spelling: actor for spelling, actor in spellings.items() if actor.id in self._linkable}
            )
        return self._scoped[jurisdiction_id]

    @staticmethod
    def index_by_number(documents: Iterable[Document]) -> dict[str, list[Document]]:
        """Documents by folded number, for :meth:`runs` (index once, link many texts)."""
        by_number: dict[str, list[Document]] = {}
        for document in documents:
            if isinstance(document.number, str):
                by_number.setdefault(fold_case(document.number), []).append(document)
        return by_number

    def runs(
        self,
        text: str,
        basis: Iterable[Document] | Mapping[str, Sequence[Document]] = (),
        link_agencies: bool = True,
        jurisdiction_id: str | None = None,
    ) -> list[Run]:
        """Split ``text`` into runs; ``basis`` are the documents the editor tied to this text (or
        their :meth:`index_by_number`); names resolve in ``jurisdiction_id`` (the text's plan's)."""
        by_number = basis if isinstance(basis, Mapping) else self.index_by_number(basis)
        spans: list[tuple[int, int, Agency | Group | Document]] = []
        for match in _NUMBER_RE.finditer(text):
            found = self._document_for(match.group(1), match.group(2), by_number)
            if found is not None:
                spans.append((match.start(1), match.end(1), found))
        names = self._names(jurisdiction_id)
        if link_agencies and names.pattern is not None:
            folded = name_fold(text)  # same length as text: a match's positions are the text's
            for match in names.pattern.finditer(folded):
                if not any(start < match.end() and match.start() < end for start, end, _ in spans):
                    spans.append((match.start(), match.end(), names.actors[match.group(0)]))
        return _split(text, sorted(spans, key=lambda s: s[0]))

    def _document_for(
        self, number: str, date_text: str | None, basis: Mapping[str, Sequence[Document]]
    ) -> Document | None:
        key = fold_case(number)
        if date_text:
            parsed = parse_date(date_text)
            if isinstance(parsed, dt.date) and (key, parsed) in self._by_number_date:
                return self._by_number_date[(key, parsed)]
        candidates = basis.get(key, [])
        return candidates[0] if len(candidates) == 1 else None


class _NameTable:
    """Folded spellings → actors, and one pattern that finds any of them, longest first ("Ban Tuyên giáo
    Tỉnh ủy" wins over "Tỉnh ủy"). The pattern is matched against :func:`name_fold` of the text."""

    def __init__(self, spellings: Mapping[str, Agency | Group]) -> None:
        self.actors: dict[str, Agency | Group] = {}
        for spelling, actor in spellings.items():
            self.actors.setdefault(name_fold(spelling), actor)
        alternatives = "|".join(re.escape(n) for n in sorted(self.actors, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if self.actors else None


def name_fold(text: str) -> str:
    """Case and tone placement folded ("UỶ BAN" and "Ủy ban" alike), one character for one character."""
    return fold_case(canonical_tones(text))


def fold_case(text: str) -> str:
    """Lower case, one character for one character, so positions in the folded text are positions in
    ``text``. ``str.casefold`` and ``str.lower`` may change the length ("ß" → "ss", "İ" → "i̇"):
    such a character keeps the first character of its lower case."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower()[0] for ch in text)


def _split(text: str, spans: Sequence[tuple[int, int, Agency | Group | Document]]) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for start, end, target in spans:
        if start < position:  # overlapping match: the earlier one wins
            continue
        if start > position:
            runs.append(Run(text[position:start]))
        runs.append(Run(text[start:end], target))
        position = end
    if position < len(text):
        runs.append(Run(text[position:]))
    return runs

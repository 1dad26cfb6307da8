"""Which body a written name means: names resolve in the jurisdiction of the text that writes them.

"Sở Nội vụ", "UBND tỉnh" or "Tỉnh ủy" in a plan of tỉnh X mean X's bodies; "Bộ Nội vụ" or "Quốc hội"
mean the national ones everywhere. :class:`NameIndex` gives, for a jurisdiction, every spelling that
resolves there and the agency or group it names, looked up in this order:

1. the jurisdiction itself, then its parents (a district's plan says "UBND tỉnh" for its province);
2. the national level;
3. any agency's full name, which names its jurisdiction ("Sở Nội vụ tỉnh Lâm Đồng"), from anywhere.

A spelling found at an earlier step hides the same spelling further down. Spellings are compared
case-insensitively and with either tone placement ("Ủy"/"Uỷ", "hòa"/"hoà").
"""

from __future__ import annotations

from functools import cached_property

from .model import Actor, Agency, Group, Portfolio
from .values import tone_variants


def actor_spellings(actor: Agency | Group) -> tuple[str, ...]:
    """Every way the texts name an agency or group: its name, spellings and short names."""
    names = [actor.name, *actor.spellings]
    if isinstance(actor, Agency):
        names += actor.short_names
    return tuple(dict.fromkeys(names))


def name_key(text: str) -> str:
    """The form two spellings are compared in: case-folded, in one tone placement, spaces single."""
    return " ".join(tone_variants(text)[0].casefold().split())


class NameIndex:
    """Spellings → actors, per jurisdiction, for one portfolio (build once per site build or import)."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self._scopes: dict[str, dict[str, Actor]] = {}

    @cached_property
    def _by_jurisdiction(self) -> dict[str, list[Actor]]:
        out: dict[str, list[Actor]] = {}
        for actor in self.portfolio.actors:
            out.setdefault(actor.jurisdiction_id, []).append(actor)
        return out

    @cached_property
    def _full_names(self) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        for agency in self.portfolio.agencies:
            out.setdefault(name_key(agency.name), agency)
        return out

    def scope(self, jurisdiction_id: str) -> dict[str, Actor]:
        """``{name_key(spelling): actor}`` for a text of ``jurisdiction_id``."""
        if jurisdiction_id not in self._scopes:
            found: dict[str, Actor] = {}
            for jurisdiction in self.portfolio.jurisdiction_chain(jurisdiction_id):
                for actor in self._by_jurisdiction.get(jurisdiction.id, ()):
                    for spelling in actor_spellings(actor):
                        found.setdefault(name_key(spelling), actor)
            for key, actor in self._full_names.items():
                found.setdefault(key, actor)
            self._scopes[jurisdiction_id] = found
        return self._scopes[jurisdiction_id]

    def resolve(self, text: str, jurisdiction_id: str) -> Actor | None:
        """The actor ``text`` names in a text of ``jurisdiction_id``, or ``None``."""
        return self.scope(jurisdiction_id).get(name_key(text))

    def spellings_in(self, jurisdiction_id: str) -> dict[str, Actor]:
        """Every written form that resolves in the jurisdiction, in both tone placements, for a text scanner."""
        out: dict[str, Actor] = {}
        for jurisdiction in self.portfolio.jurisdiction_chain(jurisdiction_id):
            for actor in self._by_jurisdiction.get(jurisdiction.id, ()):
                for spelling in actor_spellings(actor):
                    for variant in tone_variants(spelling):
                        out.setdefault(variant, actor)
        for agency in self.portfolio.agencies:
            for variant in tone_variants(agency.name):
                out.setdefault(variant, agency)
        return out

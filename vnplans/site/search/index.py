"""The static search index: written once per build under ``search/``, read by ``assets/search.js``.

A reader's browser fetches only what a query needs:

``search/meta.json``
    loaded once, when the reader starts typing: the shard table, the labels of plans, agencies,
    roles and document types, and one small row per record (its kind, plan, document type, roles,
    and field lengths) for ranking and filters.
``search/i/<n>.json``
    postings shards. Terms are sorted and packed into shards of about :data:`SHARD_BYTES`; the
    shard table holds each shard's first term, so a term (or the prefix of the last word typed) is
    found by binary search. Per term: a flat list of integers, for each record holding it
    ``[record id delta, n heading positions, n text positions, heading positions (deltas), text
    positions (deltas)]``. Positions give the phrase and proximity ranking. The heading field holds
    the record's names, the n-th from position n × :data:`NAME_SPAN`; ``meta.rec.hlen`` has their
    lengths.
``search/r/<n>.json``
    what results show, :data:`CHUNK` records per file: ``[url, heading, text]``.

Every file name is stable and the shard and chunk URLs carry ``?v=<hash of the index>``, so a
browser never mixes files of two builds.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ...data.model import DOC_TYPE_LABELS, Portfolio
from ..routes import OPEN_DATA_URL, Route, plan_label
from .records import KIND_LABELS, ROLES, SearchRecord, index_page_record, page_records, portfolio_records
from .text import index_terms, tokens

INDEX_DIR = "search"
SHARD_BYTES = 24_000
CHUNK = 16
FORMAT_VERSION = 1
#: Heading positions of a record's n-th name start at n * NAME_SPAN: names never make a phrase together.
NAME_SPAN = 1000

#: Generated pages indexed as prose (by section, from their HTML) rather than from the model.
PROSE_URLS = frozenset({OPEN_DATA_URL})
#: Generated pages left out: the home page only points elsewhere.
SKIPPED_URLS = frozenset({""})

#: Renders a generated prose page: its title (plain text) and its body (HTML).
ProseRenderer = Callable[[Route], tuple[str, str]]


@dataclass(frozen=True)
class IndexStats:
    records: int
    terms: int
    shards: int
    chunks: int
    bytes: int


class SearchIndex:
    """Collects the records of one build and writes the index. Created afresh for each build.

    The portfolio gives the records of plans, clauses, agencies and documents; the generated index
    pages are found by their titles; ``render_prose`` gives the generated prose pages (open data),
    and :meth:`add_page` the hand-written ones as MkDocs renders them.
    """

    def __init__(
        self, portfolio: Portfolio, routes: Iterable[Route], render_prose: ProseRenderer | None = None
    ) -> None:
        self.portfolio = portfolio
        self._routes = {route.src_uri: route for route in routes}
        self._render_prose = render_prose
        self._pages: dict[str, list[SearchRecord]] = {}

    def add_page(self, src_uri: str, url: str, title: str, html: str) -> None:
        """A hand-written page (``docs/``) as MkDocs rendered it; generated pages are left out here."""
        if src_uri not in self._routes:
            self._pages[url] = list(page_records(url, title, html))

    def records(self) -> list[SearchRecord]:
        """Plans with their clauses, agencies, groups, documents, then pages (in URL order)."""
        out = list(portfolio_records(self.portfolio))
        pages = dict(self._pages)
        for route in self._routes.values():
            if route.record is not None or route.url in SKIPPED_URLS:
                continue  # made from the model, record by record
            if route.url in PROSE_URLS and self._render_prose is not None:
                title, html = self._render_prose(route)
                pages[route.url] = list(page_records(route.url, title, html))
            else:
                pages[route.url] = [index_page_record(route.url, route.title)]
        for url in sorted(pages):
            out.extend(pages[url])
        return out

    def write(self, site_dir: Path) -> IndexStats:
        """Write ``search/`` into the built site (replacing any earlier one).

        Files are written one at a time and each term's postings let go once encoded, so that a whole
        province's index is never held twice in memory (lists, then JSON text).
        """
        records = self.records()
        postings = _postings(records)
        terms = sorted(postings, key=_js_order)
        encoded = {term: _json(postings.pop(term)) for term in terms}
        del postings
        shards = _pack(terms, encoded)
        meta = self._meta(records, [shard[0] for shard in shards])
        digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode("utf-8"))

        out = site_dir / INDEX_DIR
        if out.exists():
            shutil.rmtree(out)
        (out / "i").mkdir(parents=True)
        (out / "r").mkdir()
        size = 0
        for number, shard in enumerate(shards):
            content = "{" + ",".join(f"{_json(term)}:{encoded.pop(term)}" for term in shard) + "}"
            digest.update(content.encode("utf-8"))
            size += _write(out / "i" / f"{number}.json", content)
        chunks = range(0, len(records), CHUNK)
        for number, start in enumerate(chunks):
            content = _json([[r.url, r.heading, r.text] for r in records[start : start + CHUNK]])
            digest.update(content.encode("utf-8"))
            size += _write(out / "r" / f"{number}.json", content)
        meta["hash"] = digest.hexdigest()[:12]  # last: it covers every file above
        size += _write(out / "meta.json", _json(meta))
        return IndexStats(len(records), len(terms), len(shards), len(chunks), size)

    def _meta(self, records: list[SearchRecord], shard_heads: list[str]) -> dict[str, object]:
        portfolio = self.portfolio
        plans = {plan.id: number for number, plan in enumerate(portfolio.plans)}
        actors = {actor.id: number for number, actor in enumerate(portfolio.actors)}
        doc_types = {key: number for number, key in enumerate(DOC_TYPE_LABELS)}
        return {
            "format": FORMAT_VERSION,
            "count": len(records),
            "shards": shard_heads,
            "chunk": CHUNK,
            "kinds": KIND_LABELS,
            "roles": [[role.value, role.label] for role in ROLES],
            "plans": [[plan.id, short_label(plan_label(plan))] for plan in portfolio.plans],
            "actors": [[actor.id, actor.name, int(actor.is_group)] for actor in portfolio.actors],
            "docTypes": [[key, label] for key, label in DOC_TYPE_LABELS.items()],
            "rec": {
                "kind": "".join(r.kind for r in records),
                "plan": [plans[r.plan] if r.plan else -1 for r in records],
                "type": [doc_types[r.doc_type] if r.doc_type else -1 for r in records],
                "roles": [[actors[actor] * 8 + role for actor, role in r.roles] for r in records],
                "hlen": [_name_lengths(r) for r in records],
            },
        }


def short_label(label: str, limit: int = 72) -> str:
    """A plan's label cut at a word boundary, for the line under each result and the plan filter."""
    if len(label) <= limit:
        return label
    return label[: label.rfind(" ", 0, limit)].rstrip(",;:") + "…"


def _js_order(term: str) -> bytes:
    """Sort terms as JavaScript compares strings (UTF-16 code units), so its binary search agrees."""
    return term.encode("utf-16-be")


def _postings(records: list[SearchRecord]) -> dict[str, list[int]]:
    """term → flat posting list (see the module docstring), records in id order.

    Each record's entries are appended to the flat lists as soon as the record is read, so memory holds
    one list of mostly small numbers per term, not a structure per (term, record).
    """
    out: dict[str, list[int]] = defaultdict(list)
    previous: dict[str, int] = defaultdict(int)
    for record_id, record in enumerate(records):
        fields = (
            [(n * NAME_SPAN, name) for n, name in enumerate(record.names)],
            [(0, f"{record.text} {record.keywords}")],
        )
        here: dict[str, tuple[list[int], list[int]]] = {}
        for field, parts in enumerate(fields):
            for start, text in parts:
                for position, term in index_terms(text):
                    entry = here.get(term)
                    if entry is None:
                        entry = here[term] = ([], [])
                    entry[field].append(start + position)  # a term comes once per position (see index_terms)
        for term, (heading, body) in here.items():
            flat = out[term]
            flat += (record_id - previous[term], len(heading), len(body))
            flat += _deltas(heading)
            flat += _deltas(body)
            previous[term] = record_id
    return dict(out)


def _name_lengths(record: SearchRecord) -> int | list[int]:
    """Words in each name (a number when there is one name), so a query can match a name whole."""
    lengths = [len(tokens(name)) for name in record.names]
    return lengths[0] if len(lengths) == 1 else lengths


def _deltas(positions: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *positions], positions, strict=False)]


def _pack(terms: list[str], encoded: dict[str, str]) -> list[list[str]]:
    """Consecutive terms grouped into shards of about SHARD_BYTES of JSON."""
    shards: list[list[str]] = []
    size = SHARD_BYTES
    for term in terms:
        cost = len(term) + 4 + len(encoded[term])
        if size + cost > SHARD_BYTES and (not shards or shards[-1]):
            shards.append([])
            size = 0
        shards[-1].append(term)
        size += cost
    return shards


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write(path: Path, content: str) -> int:
    data = content.encode("utf-8")
    path.write_bytes(data)
    return len(data)

"""Hostile data for the escaping tests: payloads put into every text field of every data file.

The fields are found from the JSON Schemas, not listed by hand: every string whose schema is the
common ``text``, ``note`` or ``url`` definition is a "field kind" (its path with list indices and
nested clause levels folded: ``plan:sections[].items[].text``). A new text field in a schema is
attacked the day it is added.

Each payload calls ``__xss(N)`` if it ever runs, or fetches from ``evil.invalid``, or hides the
page; the tests watch for all three. Payloads are put together in chunks, so a few builds carry them
all: over :data:`BUILDS` builds, every field kind receives every payload at least once
(:func:`inject` returns that coverage, and the tests assert it).
"""

from __future__ import annotations

import json
import math
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
EVIL_HOST = "evil.invalid"
BUILDS = 3

#: Payloads for text fields. Each one, if the site failed to escape it, would run ``__xss(N)``, fetch
#: from another host, restyle the page, or break out of the context it lands in (an attribute, the
#: <title>, front matter, Markdown, an inline script, a CSV cell).
PAYLOADS: tuple[str, ...] = (
    "<script>__xss(1)</script>",
    "<img src=x onerror=__xss(2)>",
    "<svg onload=__xss(3)>",
    "<svg><script>__xss(4)</script></svg>",
    '"><script>__xss(5)</script>',
    "'><img src=x onerror=__xss(6)>",
    '" onmouseover="__xss(7)" autofocus onfocus="__xss(7)" x="',
    "' onfocus='__xss(8)' autofocus tabindex='1",
    "javascript:__xss(9)",
    "[bấm vào](javascript:__xss(10))",
    f"![ảnh](https://{EVIL_HOST}/11.png)",
    "<style>body{display:none!important}</style>",
    f"<link rel=stylesheet href=https://{EVIL_HOST}/13.css>",
    "<iframe src=javascript:__xss(14)></iframe>",
    "<body onload=__xss(15)>",
    "<details open ontoggle=__xss(16)>x</details>",
    "&lt;script&gt;__xss(17)&lt;/script&gt;",
    "&#60;img src=x onerror=__xss(18)&#62;",
    '<a href="javascript:__xss(19)" id="xss19">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(20)>",
    "</title><script>__xss(21)</script>",
    "</textarea><script>__xss(22)</script>",
    "\n---\ntitle: <script>__xss(23)</script>\n---\n",
    '{: onclick="__xss(24)" }',
    "<input autofocus onfocus=__xss(25)>",
    '<object data="javascript:__xss(26)"></object>',
    f"<embed src=https://{EVIL_HOST}/27.swf>",
    f'<img src="https://{EVIL_HOST}/28.png">',
    "<video><source onerror=__xss(29)></video>",
    "<audio src=x onerror=__xss(30)>",
    f'<div style="background:url(https://{EVIL_HOST}/31.png)">x</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss(32)">',
    f'<base href="https://{EVIL_HOST}/">',
    "<form action=javascript:__xss(34)><button id=xss34>x</button></form>",
    "<scr<script>ipt>__xss(35)</scr</script>ipt>",
    '<img src=x onerror="&#95;&#95;xss(36)">',
    "\\u003cscript\\u003e__xss(37)\\u003c/script\\u003e",
    "</script><script>__xss(38)</script>",
    "<svg><animate onbegin=__xss(39) attributeName=x dur=1s>",
    f'<img srcset="https://{EVIL_HOST}/40.png 1x">',
    f"<style>@import url(https://{EVIL_HOST}/41.css);</style>",
    "*nhấn* __đậm__ <b onclick=__xss(42)>b</b>",
    f'[x](https://{EVIL_HOST}/43 "t\\" onmouseover=\\"__xss(43)")',
    "<img src=x onerror=__xss(44)//",
    '"><svg/onload=__xss(45)>',
    "<a href=# onclick=__xss(46)>x</a>",
    f"<{EVIL_HOST}/47> <https://{EVIL_HOST}/47>",
    '=HYPERLINK("https://evil.invalid/48";"x")',
    "+__xss(49)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "<!--<img src=x onerror=__xss(52)>-->",
    "<![CDATA[<script>__xss(53)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=__xss(54)>">',
    "{{ 7*191 }}{% raw %}${__xss(55)}",
)
FORMULA_STARTS = ("=", "+", "-", "@")

#: Payloads for URL fields: the schema wants ``https?://`` and no spaces (it refuses ``javascript:``),
#: so these try to break out of the attribute the URL lands in.
URL_PAYLOADS: tuple[str, ...] = tuple(
    f"https://{EVIL_HOST}/u{n}/" + re.sub(r"\s+", "", p) for n, p in enumerate(PAYLOADS, 1) if "\n" not in p
)

#: Text fields that are not shown as text (a file name), left alone.
SKIP_PATHS = ("source.text_file",)


@dataclass
class Coverage:
    """For each field kind: the payload numbers it received, over all builds so far."""

    received: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, kind: str, numbers: list[int]) -> None:
        self.received[kind].update(numbers)

    def short_kinds(self, minimum: int) -> dict[str, int]:
        return {kind: len(n) for kind, n in self.received.items() if len(n) < minimum}


# -- the schemas -------------------------------------------------------------------------------------

SCHEMA_DIR = REPO / "schemas"
INJECTABLE = {"text": "text", "note": "text", "url": "url"}


def _schemas() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.schema.json")}


def _resolve(schema: dict[str, Any], current: str, schemas: dict[str, Any]) -> tuple[dict[str, Any], str, str | None]:
    """Follow ``$ref`` chains; returns the schema, the file it lives in, and the common definition
    it reached first (``text``, ``note``, ``url``…), if any."""
    reached = None
    while "$ref" in schema:
        ref = schema["$ref"]
        file, _, pointer = ref.partition("#")
        current = file or current
        name = pointer.rsplit("/", 1)[-1]
        if current == "common.schema.json" and reached is None:
            reached = name
        node: Any = schemas[current]
        for part in pointer.strip("/").split("/"):
            if part:
                node = node[part]
        schema = node
    return schema, current, reached


def _fields(
    schema: dict[str, Any], data: Any, path: str, current: str, schemas: dict[str, Any]
) -> Iterator[tuple[str, str, Any, Any]]:
    """(kind path, injectable kind, container, key) for every text leaf of ``data``."""
    schema, current, _ = _resolve(schema, current, schemas)
    if "oneOf" in schema:
        for branch in schema["oneOf"]:
            resolved, _, _ = _resolve(branch, current, schemas)
            wanted = resolved.get("type")
            if (wanted == "object") == isinstance(data, dict) and (wanted == "array") == isinstance(data, list):
                yield from _fields(branch, data, path, current, schemas)
                return
        return
    if isinstance(data, dict):
        props = schema.get("properties", {})
        for key, value in data.items():
            sub = props.get(key, schema.get("additionalProperties"))
            if isinstance(sub, dict):
                child = f"{path}.{key}" if path else key
                if isinstance(value, str):
                    resolved, _, leaf = _resolve(sub, current, schemas)
                    if leaf in INJECTABLE and not child.endswith(SKIP_PATHS):
                        yield _kind(child), INJECTABLE[leaf], data, key
                else:
                    yield from _fields(sub, value, child, current, schemas)
    elif isinstance(data, list):
        item_schema = schema.get("items", {})
        for index, value in enumerate(data):
            if isinstance(value, str):
                resolved, _, leaf = _resolve(item_schema, current, schemas)
                if leaf in INJECTABLE:
                    yield _kind(f"{path}[]"), INJECTABLE[leaf], data, index
            else:
                yield from _fields(item_schema, value, f"{path}[]", current, schemas)


def _kind(path: str) -> str:
    return re.sub(r"(items\[\]\.)+", "items[].", path)


# -- injecting ---------------------------------------------------------------------------------------


def schema_of(path: Path) -> str:
    """The schema of a data file: plans/*.yaml are plans; data/<name>.yaml has schemas/<name>.schema.json."""
    if path.parent.name == "plans":
        return "plan.schema.json"
    name = f"{path.stem}.schema.json"
    if not (SCHEMA_DIR / name).is_file():
        raise AssertionError(f"{path}: no schema {name}; hostile_data.py cannot find its text fields")
    return name


def copy_site_sources(dest: Path) -> None:
    """The files ``mkdocs build`` needs, copied from the repository."""
    for name in ("mkdocs.yml", "hooks", "vnplans", "schemas", "docs", "overrides", "data", "sources"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, dest / name)


def inject(data_dir: Path, build: int, coverage: Coverage) -> None:
    """Rewrite every data file under ``data_dir`` with payloads in every text field (build ``build``
    of :data:`BUILDS`), recording what each field kind received in ``coverage``."""
    schemas = _schemas()
    files: list[tuple[Path, str, Any]] = []
    for path in sorted(data_dir.rglob("*.yaml")):
        schema_name = schema_of(path)
        files.append((path, schema_name, yaml.safe_load(path.read_text(encoding="utf-8"))))
    occurrences: dict[str, list[tuple[str, Any, Any]]] = defaultdict(list)
    for _, schema_name, data in files:
        prefix = schema_name.split(".")[0]
        for kind, flavour, container, key in _fields(schemas[schema_name], data, "", schema_name, schemas):
            occurrences[f"{prefix}:{kind}"].append((flavour, container, key))
    for kind, places in occurrences.items():
        # A standard body's names are str.format templates ("Sở Nội vụ {dia_ban}"): braces doubled.
        template = kind.startswith("standard-bodies:sets[].bodies[].")
        for index, (flavour, container, key) in enumerate(places):
            pool = URL_PAYLOADS if flavour == "url" else PAYLOADS
            if template:
                pool = tuple(p.replace("{", "{{").replace("}", "}}") for p in pool)
            # A URL field holds one URL: one payload per value. A text field holds a chunk, sized so that
            # over all builds the field kind receives every payload.
            size = 1 if flavour == "url" else math.ceil(len(pool) / (BUILDS * len(places)))
            start = (build * len(places) + index) * size
            numbers = [(start + i) % len(pool) for i in range(size)]
            chunk = " ".join(pool[n] for n in numbers)
            original = container[key]
            if flavour == "url":
                container[key] = chunk
            elif (index + build) % 2:
                # At the start, formula payloads first: what a CSV cell begins with.
                first = sorted((pool[n] for n in numbers), key=lambda p: not p.startswith(FORMULA_STARTS))
                container[key] = f"{' '.join(first)} {original}"
            else:
                container[key] = f"{original} {chunk}"
            coverage.add(kind, [n + 1 for n in numbers])
    for path, _, data in files:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


#: Plans added to the copy, so that fields with one value per plan (a source URL) get payloads enough.
EXTRA_PLANS = 8
EXTRA_PLAN = """\
id: thu-nghiem-{n}
type: ke-hoach
number: "{n}/KH-UBND"
date: 01/02/2024
issuer:
  agency: ubnd-tinh
title: Kiểm thử số {n}
sections:
  - number: I
    title: NHIỆM VỤ
    text: Sở Tài chính chủ trì thực hiện.
    roles:
      chu-tri: [so-tai-chinh]
signer:
  name: Nguyễn Văn C
source:
  url: https://example.org/{n}
"""


def hostile_copy(dest: Path, build: int, coverage: Coverage) -> Path:
    """A copy of the site's sources whose data carries payloads in every text field.

    Added before the payloads: a plan with a Quyết định and an appendix (from
    tests/test_decision_appendix.py), :data:`EXTRA_PLANS` small plans, and a source URL on every plan
    and document, so that every text field kind of the schemas occurs, and often enough.
    """
    from tests.test_decision_appendix import DECISION_DOCUMENT, PLAN, PLAN_ID

    copy_site_sources(dest)
    data = dest / "data"
    documents = data / "documents.yaml"
    documents.write_text(documents.read_text(encoding="utf-8") + DECISION_DOCUMENT, encoding="utf-8")
    (data / "plans" / f"{PLAN_ID}.yaml").write_text(PLAN, encoding="utf-8")
    for n in range(1, EXTRA_PLANS + 1):
        (data / "plans" / f"thu-nghiem-{n}.yaml").write_text(EXTRA_PLAN.format(n=n), encoding="utf-8")
    for path in (data / "plans").glob("*.yaml"):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        plan.setdefault("source", {}).setdefault("url", "https://example.org/ke-hoach")
        path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    register = yaml.safe_load(documents.read_text(encoding="utf-8"))
    for document in register["documents"]:
        document.setdefault("source_url", "https://example.org/van-ban")
    documents.write_text(yaml.safe_dump(register, allow_unicode=True, sort_keys=False), encoding="utf-8")
    inject(data, build, coverage)
    return dest

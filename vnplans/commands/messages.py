"""``scripts/messages``: keep the message catalogues in step with the code, with Babel.

    scripts/messages update   # extract every msg("…") and schema x-hint; merge into each catalogue
    scripts/messages check    # every message worded in every catalogue, same placeholders, none stale

Messages are named in the code by their English wording (``msg("unknown key '{key}'")``) and worded
for editors in ``vnplans/locale/<lang>/LC_MESSAGES/vnplans.po``. ``update`` writes the template
``vnplans/locale/vnplans.pot`` and adds new msgids to each catalogue with an empty wording, marks
changed ones fuzzy and drops obsolete ones; a translator then fills them in. ``check`` is what the
tests run.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..data.messages import DOMAIN, LANGUAGES, LOCALE_DIR, catalog_path
from ..data.schema import ALL_SCHEMA_FILES, SCHEMA_DIR

PACKAGE_DIR = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
#: Languages with a catalogue (English is the msgid itself).
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != "en")


def extract() -> Catalog:
    """Every msgid of the package (``msg("…")`` calls) and of the JSON Schemas (``x-hint``)."""
    template = Catalog(
        domain=DOMAIN,
        project="vnplans",
        version="1",
        charset="utf-8",
        header_comment="# Messages of vnplans for editors: the validator, the build, the importer and the diff.",
        copyright_holder="vnplans",
        msgid_bugs_address="",
        last_translator="vnplans editors",
        language_team="vi",
    )
    found = extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords={"msg": None, "msg_n": (1, 2)},
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, _context in found:
        if message:
            template.add(message, locations=[(f"vnplans/{filename}", lineno)], auto_comments=comments)
    for name, pointer, hint in schema_hints():
        template.add(hint, locations=[(f"schemas/{name}", 0)], auto_comments=[pointer])
    return template


def schema_hints() -> Iterator[tuple[str, str, str]]:
    """(schema file, JSON pointer, hint) for every ``x-hint`` of the published schemas."""

    def walk(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            if isinstance(node.get("x-hint"), str):
                yield pointer or "/", node["x-hint"]
            for key, value in node.items():
                yield from walk(value, f"{pointer}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{pointer}/{index}")

    for name in ALL_SCHEMA_FILES:
        schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        for pointer, hint in walk(schema, ""):
            yield name, pointer, hint


def read_catalog(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def write_catalog(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        # Without line numbers: a catalogue changes when a message does, not when code moves around it.
        write_po(
            handle,
            catalog,
            width=100,
            omit_header=False,
            sort_output=False,
            ignore_obsolete=True,
            include_lineno=False,
        )


def update() -> list[str]:
    """Write the template and merge it into every catalogue; return what changed, for the terminal."""
    template = extract()
    if TEMPLATE.exists():  # keep the date of the template, so an unchanged catalogue gives no diff
        template.creation_date = read_catalog(TEMPLATE, "en").creation_date
    write_catalog(template, TEMPLATE)
    changes = []
    for lang in TRANSLATED:
        path = catalog_path(lang)
        catalog = read_catalog(path, lang) if path.exists() else _new_catalog(template, lang)
        before = {m.id for m in catalog if m.id}
        catalog.update(template, update_header_comment=False)
        after = {m.id for m in catalog if m.id}
        write_catalog(catalog, path)
        changes.append(f"{_shown(path)}: {len(after - before)} new, {len(before - after)} removed")
    return changes


def _shown(path: Path) -> str:
    """A catalogue's path as a developer finds it: relative to the repository when it is there."""
    try:
        return path.relative_to(PACKAGE_DIR.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _new_catalog(template: Catalog, lang: str) -> Catalog:
    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project=template.project,
        version=template.version,
        header_comment=template.header_comment,
        last_translator=template.last_translator,
        language_team=template.language_team,
    )
    catalog.fuzzy = False
    return catalog


def placeholders(text: str | tuple[str, ...]) -> set[str]:
    """The named placeholders of a wording (of the singular and plural, for a count message)."""
    return {name for t in _texts(text) for _, name, _, _ in string.Formatter().parse(t) if name}


def _texts(value: object) -> tuple[str, ...]:
    """A msgid or wording as a tuple of texts: one, or the forms of a count message."""
    return tuple(map(str, value)) if isinstance(value, (tuple, list)) else (str(value),)


def problems() -> list[str]:
    """Why the catalogues are not in step with the code; empty when they are."""
    template = {m.id: m for m in extract() if m.id}
    out = []
    for lang in TRANSLATED:
        path = catalog_path(lang)
        where = _shown(path)
        if not path.exists():
            out.append(f"{where}: missing; run scripts/messages update")
            continue
        catalog = {m.id: m for m in read_catalog(path, lang) if m.id}
        for msgid, entry in template.items():
            location = ", ".join(sorted({f for f, _ in entry.locations}))
            found = catalog.get(msgid)
            if found is None:
                out.append(f"{where}: no entry for {msgid!r} ({location}); run scripts/messages update")
            elif not found.string or (isinstance(found.string, tuple) and not all(found.string)):
                out.append(f"{where}: {msgid!r} ({location}) has no wording")
            elif found.fuzzy:
                out.append(f"{where}: {msgid!r} ({location}) is marked fuzzy; check the wording")
            else:
                expected = placeholders(_texts(msgid))
                for wording in _texts(found.string):
                    if placeholders(wording) != expected:
                        out.append(
                            f"{where}: {msgid!r} ({location}): placeholders "
                            f"{sorted(placeholders(wording))} differ from {sorted(expected)}"
                        )
        for msgid in sorted(set(catalog) - set(template), key=str):
            out.append(f"{where}: {msgid!r} is no longer used; run scripts/messages update")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/messages",
        description="Keep the message catalogues (vnplans/locale/) in step with the code.",
    )
    parser.add_argument("action", choices=("update", "check"), help="update the catalogues, or check them")
    args = parser.parse_args(argv)
    if args.action == "update":
        for line in update():
            print(line)
        return 0
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    print(f"{len(found)} problem(s)" if found else "ok: every message is worded in every catalogue")
    return 1 if found else 0

"""Messages for editors, in Vietnamese (the default) or English, kept in gettext catalogues.

Code names a message by its English wording with named placeholders, which is its gettext msgid::

    msg("unknown agency or group '{id}'{suggestion}", id=agency_id, suggestion=did_you_mean(...))

The wording a reader sees comes from the catalogue of the language asked for when the message is
printed, not when it is made, so one validation run can be printed in either language. The
catalogues live in ``vnplans/locale/<lang>/LC_MESSAGES/vnplans.po`` and are kept with Babel
(``pybabel extract`` finds every ``msg(...)``; see ``vnplans/locale/README.md``). English needs no
catalogue: it is the msgid itself.

The language is, in order: the ``lang`` argument of :meth:`Message.render`, then
:func:`use_language` (set once by a command's ``--lang``), then the ``VNPLANS_LANG`` environment
variable, then Vietnamese.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "vnplans"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANG_ENV = "VNPLANS_LANG"

_chosen: list[str] = []  # the language a command chose with --lang (process-wide, like a locale)


@dataclass(frozen=True)
class Message:
    """A message not yet put into words: its msgid and the values of its placeholders.

    A value may itself be a :class:`Message` (a fragment such as "did you mean …"), rendered in the
    same language.
    """

    text: str
    args: tuple[tuple[str, object], ...] = ()
    #: False for a layout of other messages or values (:func:`join`, :func:`verbatim`): not a msgid.
    translatable: bool = True
    #: For a message that depends on a count (:func:`msg_n`): the English plural and the count.
    plural: str | None = None
    count: int = 0

    def render(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        values = {key: value.render(lang) if isinstance(value, Message) else value for key, value in self.args}
        if not self.translatable:
            template = self.text
        elif self.plural is not None:
            template = translate_plural(self.text, self.plural, self.count, lang)
        else:
            template = translate(self.text, lang)
        return template.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __bool__(self) -> bool:
        return bool(self.text)


#: The empty message: no hint, no suggestion.
EMPTY = Message("")


def msg(text: str, /, **args: object) -> Message:
    """Name a message by its English wording (the msgid) and give its placeholders' values."""
    return Message(text, tuple(args.items()))


def msg_n(singular: str, plural: str, count: int, /, **args: object) -> Message:
    """A message that depends on a count, such as ``{n} error`` / ``{n} errors``; ``n`` is the count."""
    return Message(singular, (("n", count), *args.items()), plural=plural, count=count)


def join(parts: Iterable[Message | str], separator: str = "; ") -> Message:
    """Several messages (or plain texts such as ids) read as one, each in the reader's language."""
    items = tuple(parts)
    names = [f"p{i}" for i in range(len(items))]
    layout = separator.replace("{", "{{").replace("}", "}}").join("{" + n + "}" for n in names)
    return Message(layout, tuple(zip(names, items, strict=True)), translatable=False)


def verbatim(text: str) -> Message:
    """Text that is not translated (a value from the data, a message from a library)."""
    return Message("{text}", (("text", text),), translatable=False)


def use_language(lang: str | None) -> None:
    """Choose the language of every message this process prints (a command's ``--lang``)."""
    _chosen.clear()
    if lang:
        _chosen.append(check_language(lang))


def current_language() -> str:
    if _chosen:
        return _chosen[0]
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


def check_language(lang: str) -> str:
    lang = lang.strip().lower()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")
    return lang


def translate(text: str, lang: str) -> str:
    """The wording of ``text`` in ``lang``; the msgid itself for English or a missing entry."""
    if lang == "en" or not text:
        return text
    entry = catalog(lang).get(text)
    if entry is None or not entry.string or entry.fuzzy:
        return text  # a test keeps every msgid translated; never fail a run over a missing wording
    return str(entry.string)


def translate_plural(singular: str, plural: str, count: int, lang: str) -> str:
    """The wording of a count message in ``lang``, by the catalogue's plural rule."""
    if lang != "en":
        catalogue = catalog(lang)
        entry = catalogue.get((singular, plural))
        if entry is not None and not entry.fuzzy and isinstance(entry.string, tuple) and all(entry.string):
            index = _plural_rule(str(catalogue.plural_expr))(count) if catalogue.num_plurals > 1 else 0
            return str(entry.string[min(index, len(entry.string) - 1)])
    return singular if count == 1 else plural


@cache
def _plural_rule(expression: str) -> Callable[[int], int]:
    """The catalogue's ``Plural-Forms`` expression (C syntax) as a function of the count."""
    return gettext.c2py(expression)  # stdlib, undocumented but stable since Python 2


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog(lang: str) -> Catalog:
    path = catalog_path(lang)
    return _read_catalog(path, path.stat().st_mtime_ns)


@cache
def _read_catalog(path: Path, _mtime: int) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name, domain=DOMAIN)

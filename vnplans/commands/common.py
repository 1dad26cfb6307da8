"""What every command shares: the language option, an argument parser that speaks the catalogue's
language, and printing a message for a person."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ..data.messages import LANG_ENV, LANGUAGES, Message, msg, verbatim


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang vi|en``: the language of messages (default: $VNPLANS_LANG, else Vietnamese)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=f"language of the messages: vi (Vietnamese, the default) or en (English); also ${LANG_ENV}",
    )


def say(message: Message, *, error: bool = False, github: str | None = None) -> None:
    """Print one message for the person running the command (stderr for failures).

    With ``github`` ("notice", "error"), the line is a GitHub Actions workflow command on standard
    output (where the runner reads them), so the summary shows in the pull request's checks too.
    """
    text = message.render()
    if github:
        print(f"::{github} title=scripts/validate::{text}")
    else:
        print(text, file=sys.stderr if error else sys.stdout)


def language_of(argv: Sequence[str]) -> str | None:
    """The ``--lang`` of a command line, read before the parser is built, so that the parser's own
    help and errors are worded in that language. ``None`` when absent or not a known language (the
    parser then reports it)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", default=None)
    known, _ = pre.parse_known_args(argv)
    return known.lang if known.lang in LANGUAGES else None


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else msg("usage: ").render())


#: argparse's own error wordings (English, not in any catalogue) and the messages that say the same.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Message]], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<names>.+)"),
        lambda m: msg("missing: {names}", names=m["names"]),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<args>.+)"),
        lambda m: msg("not understood: {args}", args=m["args"]),
    ),
    (
        re.compile(r"argument (?P<name>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"),
        lambda m: msg(
            "{name}: {value} is not one of {choices}", name=m["name"], value=m["value"], choices=m["choices"]
        ),
    ),
    (
        re.compile(r"argument (?P<name>\S+): expected one argument"),
        lambda m: msg("{name} needs a value after it", name=m["name"]),
    ),
)


class CommandParser(argparse.ArgumentParser):
    """An argument parser whose help, usage and errors are messages of the catalogue.

    Build it after :func:`~vnplans.data.messages.use_language` (see :func:`language_of`): texts are
    put into words when the parser is made. It has ``-h/--help`` and ``--lang`` built in.
    """

    def __init__(self, prog: str, description: Message) -> None:
        super().__init__(prog=prog, description=description.render(), add_help=False, formatter_class=_Formatter)
        self._positionals.title = msg("arguments").render()
        self._optionals.title = msg("options").render()
        self.add_argument("-h", "--help", action="help", help=msg("show this help and exit").render())
        self.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=None,
            help=msg(
                "language of the messages: vi (Vietnamese, the default) or en (English); also ${env}", env=LANG_ENV
            ).render(),
        )

    def error(self, message: str) -> NoReturn:
        """Print the usage and the problem, in the catalogue's words when argparse's are known; exit 2."""
        problem: Message = verbatim(message)
        for pattern, wording in _ARGPARSE_ERRORS:
            match = pattern.fullmatch(message)
            if match:
                problem = wording(match)
                break
        self.print_usage(sys.stderr)
        self.exit(2, msg("{prog}: error: {problem}", prog=self.prog, problem=problem).render() + "\n")

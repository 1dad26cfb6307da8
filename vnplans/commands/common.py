"""What every command shares: the language option and printing a message for a person."""

from __future__ import annotations

import argparse
import sys

from ..data.messages import LANG_ENV, LANGUAGES, Message


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

"""``scripts/diff REV1 [REV2]``: the duty diff of two git revisions of ``data/``, as a Markdown comment.

Loads ``data/`` at each revision with the one loader, :func:`vnplans.data.load.load_portfolio`, so
the comment and ``scripts/validate`` never disagree; compares them with :mod:`.diff` and words the
result with :mod:`.render`. The comment is Vietnamese Markdown; what the command says to the person
running it (usage, errors) is a message of the catalogue, in Vietnamese or, with ``--lang en``, English.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from ..commands.common import CommandParser, language_of, say
from ..data.load import LoadResult, load_portfolio
from ..data.messages import Message, msg, use_language, verbatim
from .diff import diff_portfolios
from .model import Failure
from .render import render_failures, render_markdown

#: The language of the comment itself, and so of the validator's messages quoted in it.
COMMENT_LANGUAGE = "vi"


class GitError(Exception):
    """A git command failed; ``message`` says which and why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(msg("git is not installed, or not on PATH")) from None
    if done.returncode != 0:
        detail = verbatim(done.stderr.decode("utf-8", "replace").strip())
        raise GitError(msg("git {command} failed: {detail}", command=" ".join(args), detail=detail))
    return done.stdout


def _verify(repo: Path, rev: str) -> str:
    """The commit id of ``rev``, or a :class:`GitError` naming the revision git does not know."""
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(
            msg("unknown revision '{rev}' (for a pull request's base, fetch it first: git fetch origin main)", rev=rev)
        ) from None


def export_data(repo: Path, rev: str, dest: Path) -> Path:
    """Write ``data/`` as of ``rev`` under ``dest``; returns ``dest/data``."""
    _verify(repo, rev)
    archive = _git(repo, "archive", "--format=tar", rev, "--", "data")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # Only folders and regular files, inside dest. Extraction filters (filter="data") came with
        # Python 3.11.4; Debian 12's 3.11.2 has none, so the same rule is applied by hand there.
        members = [m for m in tar.getmembers() if (m.isdir() or m.isfile()) and _inside(m.name)]
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, members=members, filter="data")
        else:  # pragma: no cover - Python < 3.11.4
            tar.extractall(dest, members=members)
    return dest / "data"


def _inside(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def load_revision(repo: Path, rev: str | None, workdir: Path) -> LoadResult:
    """Load and validate ``data/`` at ``rev`` (``None``: the working tree) with the one loader.

    File names in messages are ``data/...`` as in the repository, whichever folder holds the copy.
    """
    if rev is None:
        return load_portfolio(repo / "data", root=repo)
    workdir.mkdir(parents=True, exist_ok=True)
    return load_portfolio(export_data(repo, rev, workdir), root=workdir)


def _rev_label(repo: Path, rev: str | None) -> str:
    """How the comment names a version: the revision as given (with its short commit id), or the
    working tree. Part of the Vietnamese comment, so not a message of the catalogue."""
    if rev is None:
        return "thư mục làm việc"
    short = _verify(repo, rev)[:7]
    return rev if short.startswith(rev) else f"{rev} ({short})"


def _parser() -> CommandParser:
    parser = CommandParser(
        "scripts/diff",
        msg(
            "Show, in Vietnamese Markdown for a pull-request comment, how agencies' duties differ between two "
            "versions of data/. Exits 1 when either version fails validation, 2 when git cannot give a version."
        ),
    )
    parser.add_argument("rev1", help=msg("the older git revision, e.g. origin/main").render())
    parser.add_argument(
        "rev2",
        nargs="?",
        default=None,
        help=msg("the newer git revision (default: the working tree, uncommitted edits included)").render(),
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help=msg("write the Markdown to FILE instead of the standard output").render(),
    )
    parser.add_argument(
        "--site-url",
        default=None,
        metavar="URL",
        help=msg("the published site's address; agencies and clauses then link to their pages").render(),
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=Path.cwd(),
        metavar="DIR",
        help=msg("the git repository (default: the one holding the current folder)").render(),
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    use_language(language_of(arguments))
    args = _parser().parse_args(arguments)
    use_language(args.lang)

    try:
        repo = Path(_git(args.repo, "rev-parse", "--show-toplevel").decode().strip())
        with tempfile.TemporaryDirectory(prefix="duty-diff-") as tmp:
            old = load_revision(repo, args.rev1, Path(tmp) / "old")
            new = load_revision(repo, args.rev2, Path(tmp) / "new")
            old_label, new_label = _rev_label(repo, args.rev1), _rev_label(repo, args.rev2)
    except GitError as exc:
        say(msg("scripts/diff: {problem}", problem=exc.message), error=True)
        return 2

    failures = [
        Failure(label, result.report.format_text(COMMENT_LANGUAGE))
        for label, result in ((old_label, old), (new_label, new))
        if result.portfolio is None
    ]
    if failures:
        text = render_failures(failures, old_label=old_label, new_label=new_label)
    else:
        assert old.portfolio is not None and new.portfolio is not None
        diff = diff_portfolios(old.portfolio, new.portfolio)
        text = render_markdown(diff, old_label=old_label, new_label=new_label, site_url=args.site_url or None)
    text = text.rstrip("\n") + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            reason = verbatim(exc.strerror or str(exc))
            say(msg("scripts/diff: cannot write {path}: {reason}", path=args.output, reason=reason), error=True)
            return 2
    return 1 if failures else 0

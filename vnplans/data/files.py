"""Reading data files safely: only regular files inside the data folder, never more than a limit.

A pull request can put anything in ``data/``: a symlink to ``/etc/passwd`` or to ``/dev/zero``, a
symlink loop, a named pipe (FIFO). None of them may be read, hang the validator or exhaust its memory.
So a data file is read only when

* it resolves (following symlinks) to a path inside the data folder,
* that path is a regular file, checked with ``stat`` before it is opened and with ``fstat`` on the
  open file (a file swapped between the two checks is refused too),
* and it is not over the size limit, checked before reading; the read itself stops at the limit + 1
  byte, so a file that grows while it is read cannot exhaust memory either.

The file is opened non-blocking, so even a FIFO swapped in after the checks never blocks the open.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Loc, Report
from .messages import Message, msg, verbatim

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


def size_refused(size: int, limit: int) -> tuple[Message, Message]:
    """The message and hint for a file over the size limit."""
    return (
        msg(
            "the file is {size} bytes; data files are limited to {limit} bytes",
            size=format(size, ","),
            limit=format(limit, ","),
        ),
        msg("split a very large plan into several files, or check that nothing was pasted twice"),
    )


def read_bounded(path: Path, display: str, report: Report, limit: int, within: Path | None = None) -> bytes | None:
    """The bytes of the regular file ``path``, at most ``limit`` of them; on any problem, a report and ``None``.

    With ``within`` (a resolved folder), the file must resolve to a path inside it.
    """
    refused = _refusal(path, within)
    if refused is not None:
        report.error(Loc(display), "", *refused)
        return None
    try:
        resolved = path.resolve(strict=True)
        before = os.stat(resolved)
        if before.st_size > limit:
            report.error(Loc(display), "", *size_refused(before.st_size, limit))
            return None
        fd = os.open(resolved, _OPEN_FLAGS)
    except RuntimeError:  # a link changed into a loop after the check
        report.error(Loc(display), "", *_link_loop())
        return None
    except OSError as exc:
        report.error(Loc(display), "", _cannot_read(exc))
        return None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            report.error(Loc(display), "", *_not_regular(opened.st_mode))
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        report.error(Loc(display), "", _cannot_read(exc))
        return None
    finally:
        os.close(fd)
    if size > limit:
        report.error(Loc(display), "", *size_refused(size, limit))
        return None
    return b"".join(chunks)


def _cannot_read(exc: OSError) -> Message:
    return msg("cannot read the file: {reason}", reason=verbatim(exc.strerror or str(exc)))


def _refusal(path: Path, within: Path | None) -> tuple[Message, Message] | None:
    """Why ``path`` may not be read (a link out of the folder, a loop, not a regular file), or ``None``."""
    refused = _link_refusal(path, within)
    if refused is not None:
        return refused
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # a plain missing or unreadable file: open() will say why
    return None if stat.S_ISREG(mode) else _not_regular(mode)


def _link_refusal(path: Path, within: Path | None) -> tuple[Message, Message] | None:
    """Why the links on the way to ``path`` may not be followed, or ``None``."""
    try:
        resolved = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        return _link_loop()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _link_loop()
        return _dangling_link() if path.is_symlink() else None
    if within is not None and not resolved.is_relative_to(within):
        return (
            msg("this file is a link (symlink) to a file outside the data folder; it is not read"),
            msg("data files must be real files inside data/; put the file itself here instead of a link"),
        )
    return None


def _link_loop() -> tuple[Message, Message]:
    return (
        msg("this file is a link (symlink) that leads back to itself; it is not read"),
        msg("data files must be real files inside data/; remove the link"),
    )


def _dangling_link() -> tuple[Message, Message]:
    return (
        msg("this file is a link (symlink) to a file that does not exist"),
        msg("data files must be real files inside data/; remove the link"),
    )


def _not_regular(mode: int) -> tuple[Message, Message]:
    return (
        msg("this is not an ordinary file but {kind}; it is not read", kind=_kind(mode)),
        msg("data files must be ordinary text files; remove it from data/"),
    )


def _kind(mode: int) -> Message:
    if stat.S_ISDIR(mode):
        return msg("a folder")
    if stat.S_ISFIFO(mode):
        return msg("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("a device")
    if stat.S_ISSOCK(mode):
        return msg("a socket")
    return msg("a special file")


@dataclass(frozen=True)
class FolderEntry:
    """One entry of the data folder, found without following links.

    ``refused`` is set for entries that must not be read at all (links out of the folder, loops,
    pipes, devices); ``is_dir`` for real folders (walked) and links to folders inside (not walked:
    what they point at is walked where it really is).
    """

    path: Path
    is_dir: bool
    refused: tuple[Message, Message] | None


def walk_folder(folder: Path) -> Iterator[FolderEntry]:
    """Every entry under ``folder`` (a resolved path), sorted by path, without following symlinks.

    A walk that followed links could run forever in a loop of folder links, or walk the whole disk
    through a link to ``/``.
    """
    pending = [folder]
    found: list[FolderEntry] = []
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # an unreadable folder holds nothing the site reads
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                refused = _link_refusal(path, folder)
                is_dir = refused is None and path.is_dir()
                if refused is None and not is_dir:
                    refused = _refusal(path, folder)
                found.append(FolderEntry(path, is_dir, refused))
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue
            if stat.S_ISDIR(mode):
                found.append(FolderEntry(path, True, None))
                pending.append(path)
            elif stat.S_ISREG(mode):
                found.append(FolderEntry(path, False, None))
            else:
                found.append(FolderEntry(path, False, _not_regular(mode)))
    yield from sorted(found, key=lambda e: e.path)

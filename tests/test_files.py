"""Only regular files inside the data folder are read: links out, loops, pipes and devices are refused.

Each case is a copy of the golden base folder with one hostile entry; the report must name the entry
with a message and a hint, and the validator must neither hang, nor read what is outside, nor raise.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from vnplans.data import files, yamlio
from vnplans.data.diagnostics import Report
from vnplans.data.load import LoadResult, load_portfolio

BASE = REPO_ROOT / "tests" / "golden" / "base" / "data"
PLAN = "data/plans/p.yaml"

OUTSIDE = (
    "this file is a link (symlink) to a file outside the data folder; it is not read",
    "data files must be real files inside data/; put the file itself here instead of a link",
)
LOOP = (
    "this file is a link (symlink) that leads back to itself; it is not read",
    "data files must be real files inside data/; remove the link",
)
DANGLING = ("this file is a link (symlink) to a file that does not exist", LOOP[1])
NOT_REGULAR = "data files must be ordinary text files; remove it from data/"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path / "data"


def load(data: Path, timeout: float = 30) -> LoadResult:
    """Load in a thread, so that a read that blocks (a FIFO) fails the test instead of hanging it."""
    results: list[LoadResult] = []
    worker = threading.Thread(target=lambda: results.append(load_portfolio(data)), daemon=True)
    worker.start()
    worker.join(timeout)
    assert results, f"load_portfolio did not return within {timeout} s"
    return results[0]


def diagnostics(result: LoadResult) -> list[tuple[str, str, str]]:
    return [(str(d.loc), d.text("en"), d.hint_text("en")) for d in result.report.sorted()]


def replace_with_link(path: Path, target: Path | str) -> None:
    path.unlink()
    path.symlink_to(target)


def test_a_plan_linked_to_a_file_outside_is_not_read(data: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text((data / "plans" / "p.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    replace_with_link(data / "plans" / "p.yaml", secret)
    result = load(data)
    assert result.portfolio is None
    assert diagnostics(result) == [(PLAN, *OUTSIDE)]


def test_a_link_to_a_system_file_is_not_read(data: Path) -> None:
    replace_with_link(data / "agencies.yaml", "/etc/passwd")
    result = load(data)
    assert (("data/agencies.yaml", *OUTSIDE)) in diagnostics(result)


def test_a_link_inside_the_data_folder_is_read(data: Path) -> None:
    (data / "plans" / "p.yaml").rename(data / "p-real.yaml.txt")
    (data / "plans" / "p.yaml").symlink_to("../p-real.yaml.txt")
    result = load(data)
    assert result.portfolio is not None
    assert [p.id for p in result.portfolio.plans] == ["p"]
    # the real file is where nothing is read: the editor is told so, as for any stray file
    assert diagnostics(result) == [
        ("data/p-real.yaml.txt", "this file in data/ is not read by the site", "move it out of data/ or remove it")
    ]


def test_a_link_to_dev_zero_is_refused_without_reading(data: Path) -> None:
    replace_with_link(data / "plans" / "p.yaml", "/dev/zero")
    result = load(data)
    assert diagnostics(result) == [(PLAN, *OUTSIDE)]


def test_a_device_inside_is_refused_before_reading(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/zero seen as if it were inside the data folder: the type check, not the folder check, refuses it
    replace_with_link(data / "plans" / "p.yaml", "/dev/zero")
    report = Report()
    assert files.read_bounded(data / "plans" / "p.yaml", PLAN, report, 100, within=Path("/")) is None
    assert [(str(d.loc), d.text("en"), d.hint_text("en")) for d in report.diagnostics] == [
        (PLAN, "this is not an ordinary file but a device; it is not read", NOT_REGULAR)
    ]


def test_a_symlink_loop_is_reported(data: Path) -> None:
    replace_with_link(data / "plans" / "p.yaml", "p.yaml")
    (data / "plans" / "q.yaml").symlink_to("r.yaml")
    (data / "plans" / "r.yaml").symlink_to("q.yaml")
    result = load(data)
    assert diagnostics(result) == [
        (PLAN, *LOOP),
        ("data/plans/q.yaml", *LOOP),
        ("data/plans/r.yaml", *LOOP),
    ]


def test_a_dangling_link_is_reported(data: Path) -> None:
    replace_with_link(data / "documents.yaml", "nowhere.yaml")
    assert ("data/documents.yaml", *DANGLING) in diagnostics(load(data))


def test_an_unreadable_file_is_reported(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Opening fails as it does for a file without read permission (chmod 000 does nothing to root)
    plan = (data / "plans" / "p.yaml").resolve()
    real_open = os.open

    def refusing_open(path: object, flags: int, *args: int) -> int:
        if Path(str(path)) == plan:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", refusing_open)
    report = Report()
    assert files.read_bounded(data / "plans" / "p.yaml", PLAN, report, 1 << 20) is None
    assert [(str(d.loc), d.text("en"), d.hint_text("en")) for d in report.diagnostics] == [
        (PLAN, "cannot read the file: Permission denied", "")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_never_hangs_the_validator(data: Path) -> None:
    (data / "plans" / "p.yaml").unlink()
    os.mkfifo(data / "plans" / "p.yaml")
    os.mkfifo(data / "notes.txt")
    result = load(data)
    fifo = ("this is not an ordinary file but a named pipe (FIFO); it is not read", NOT_REGULAR)
    assert diagnostics(result) == [("data/notes.txt", *fifo), (PLAN, *fifo)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_swapped_in_after_the_check_does_not_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the type check passed on a regular file; the open itself must not block on the pipe found instead
    os.mkfifo(tmp_path / "f.yaml")
    monkeypatch.setattr(files, "_refusal", lambda path, within: None)
    report = Report()
    done: list[bytes | None] = []
    worker = threading.Thread(
        target=lambda: done.append(files.read_bounded(tmp_path / "f.yaml", "data/f.yaml", report, 100)), daemon=True
    )
    worker.start()
    worker.join(10)
    assert done == [None]
    assert [d.text("en") for d in report.diagnostics] == [
        "this is not an ordinary file but a named pipe (FIFO); it is not read"
    ]


def test_a_folder_named_like_a_plan_is_refused(data: Path) -> None:
    (data / "plans" / "q.yaml").mkdir()
    assert ("data/plans/q.yaml", "this is not an ordinary file but a folder; it is not read", NOT_REGULAR) in (
        diagnostics(load(data))
    )


def test_the_walk_does_not_follow_folder_links(data: Path, tmp_path: Path) -> None:
    # a link to the root of the disk, and a loop of folder links: neither is walked
    (data / "disk").symlink_to("/")
    (data / "a").mkdir()
    (data / "a" / "up").symlink_to("..")
    (data / "inside").symlink_to("plans")
    result = load(data)
    assert diagnostics(result) == [("data/disk", *OUTSIDE)]


def test_reading_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a file that grows between the size check and the read: at most limit + 1 bytes are read
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n")
    real_stat = os.stat
    monkeypatch.setattr(files.os, "stat", lambda p, *a, **k: os.stat_result((*real_stat(p)[:6], 0, 0, 0, 0)))
    path.write_bytes(b"x" * 5000)
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        reads.append(len(chunk))
        return chunk

    monkeypatch.setattr(files.os, "read", counting_read)
    report = Report()
    assert files.read_bounded(path, "data/f.yaml", report, 100) is None
    assert sum(reads) == 101
    assert [d.text("en") for d in report.diagnostics] == ["the file is 101 bytes; data files are limited to 100 bytes"]


def test_the_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    monkeypatch.setattr(files.os, "read", lambda fd, n: pytest.fail("read a file known to be too big"))
    monkeypatch.setattr(yamlio, "MAX_BYTES", 10)
    report = Report()
    assert yamlio.read_yaml(path, "data/f.yaml", report) is None
    assert [d.text("en") for d in report.diagnostics] == ["the file is 500 bytes; data files are limited to 10 bytes"]

"""Fuzzing: mutated copies of the real data never make the loader raise, and whatever it accepts builds.

Each case copies ``data/``, applies one to three YAML-level mutations (lines deleted, duplicated or
swapped, indentation changed, nasty characters and payloads inserted, ids swapped, files cut or
removed, relations added) and then asserts that

* :func:`load_portfolio` returns (never raises), every diagnostic is on one line with a location,
* and, when it returns a portfolio, ``SiteBuild(portfolio).pages()`` and ``.files()`` do not raise.

The run is seeded and bounded: ``FUZZ_CASES`` cases (default 200) from ``FUZZ_SEED`` (default 0),
stopping early after ``FUZZ_SECONDS`` (default 60) on a slow machine. A failure names the seed and
the mutations, so ``FUZZ_SEED=<seed> FUZZ_CASES=1`` replays it.
"""

from __future__ import annotations

import os
import random
import shutil
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from conftest import REPO_ROOT

from vnplans.data.load import load_portfolio
from vnplans.site.build import SiteBuild

CASES = int(os.environ.get("FUZZ_CASES", "200"))
SEED = int(os.environ.get("FUZZ_SEED", "0"))
SECONDS = float(os.environ.get("FUZZ_SECONDS", "60"))
#: The least number of cases a run must reach, however slow the machine.
MIN_CASES = min(CASES, 40)

NASTY = [
    "\x00",
    "\x1b[2J",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u00a0",
    "\ufeff",
    "\ufffe",
    "\U0010fffe",
    "\ue000",
    "\t",
    "\\",
    '"',
    "'",
    ": ",
    "- ",
    "# ",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ['true'] ",
    "!include x ",
    "<<: ",
    "{",
    "[",
    "]",
    "|",
    ">",
    "%",
    "@",
    "`",
    "---\n",
    "...\n",
    "\n",
    "\r",
    "\r\n",
]
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<style>body{display:none}</style>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![](https://tracker.example/p.png)",
    '=HYPERLINK("https://x.example")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "{{ 7*7 }}",
    "{% raw %}",
    "{: .x }",
    "<!-- -->",
    "&amp; &#x3C;",
    "Sở Tàı chính",
    "SỞ TÀİ CHÍNH",
    "ΑΣ ΌΣΟΣ",
    "Ⓢở Ｔài ｃhính",
    "مرحبا",
    "😀👍🏽",
    "x" * 5000,
    "Điều 1. " * 200,
    "42-CT/TW 2073/CTr-UBND II.2.4",
    "trước ngày 31/02/2021",
    "Quý V/2021",
]
NUMBERS = ["I", "II", "IV", "1", "2", "1.1", "1.2", "2.4", "a", "b", "đ", "-", "+", "0", "99", "Z", "1.1.1.1.1"]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def delete_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def duplicate_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return "\n".join(lines)


def swap_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    a = rng.randrange(len(lines))
    b = min(len(lines) - 1, a + 1) if rng.random() < 0.6 else rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def reindent(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    line = lines[index]
    change = rng.choice([-4, -2, -1, 1, 2, 4, "tab"])
    if change == "tab":
        lines[index] = "\t" + line.lstrip(" ")
    elif isinstance(change, int) and change < 0:
        lines[index] = line[min(-change, len(line) - len(line.lstrip(" "))) :]
    else:
        lines[index] = " " * int(change) + line
    return "\n".join(lines)


def insert_nasty(text: str, rng: random.Random) -> str:
    index = rng.randrange(len(text) + 1)
    return text[:index] + rng.choice(NASTY) + text[index:]


def insert_payload(text: str, rng: random.Random) -> str:
    """A payload inside a value that is text (name, title, text, number, note, spelling)."""
    lines = _lines(text)
    candidates = [
        i
        for i, line in enumerate(lines)
        if line.lstrip().startswith(("text:", "name:", "title:", "number:", "note:", "issuer:", "- ")) and ": " in line
    ]
    if not candidates:
        return insert_nasty(text, rng)
    index = rng.choice(candidates)
    line = lines[index]
    payload = rng.choice(PAYLOADS)
    key, _, value = line.partition(": ")
    if value.startswith('"') and value.endswith('"'):
        value = value[:-1] + payload.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif value.startswith("'") and value.endswith("'"):
        value = value[:-1] + payload.replace("'", "''") + "'"
    elif rng.random() < 0.7:
        value = '"' + (value + " " + payload).replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        value = value + " " + payload  # plain: may well break the YAML, which is fine too
    lines[index] = f"{key}: {value}"
    return "\n".join(lines)


def escape_in_quotes(text: str, rng: random.Random) -> str:
    """An escape (\\u202E, \\0, \\e, \\N, \\L, \\x85, \\U0010FFFF) inside a double-quoted value."""
    positions = [i for i, char in enumerate(text) if char == '"']
    if not positions:
        return insert_nasty(text, rng)
    index = rng.choice(positions) + 1
    escape = rng.choice(["\\u202E", "\\0", "\\e", "\\N", "\\L", "\\P", "\\x85", "\\U0010FFFF", "\\uFFFE", "\\_", "\\t"])
    return text[:index] + escape + text[index:]


def swap_ids(text: str, rng: random.Random) -> str:
    ids = sorted({line.split(": ", 1)[1].strip() for line in _lines(text) if line.strip().startswith("- id: ")})
    ids += ["so-noi-vu", "so-tai-chinh", "ubnd-tinh", "ct-42-tw-2010", "so-noi-vu\\n", "Sở-nội-vụ", "x" * 300]
    if len(ids) < 2:
        return text
    a, b = rng.sample(ids, 2)
    return text.replace(a, "\0SWAP\0").replace(b, a).replace("\0SWAP\0", b)


def renumber(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if line.lstrip().startswith("- number: ")]
    if not candidates:
        return text
    index = rng.choice(candidates)
    key = lines[index].split("number: ")[0]
    lines[index] = f'{key}number: "{rng.choice(NUMBERS)}"'
    return "\n".join(lines)


def cut(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def retype(text: str, rng: random.Random) -> str:
    """A value replaced by a value of another type."""
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    if not candidates:
        return text
    index = rng.choice(candidates)
    key = lines[index].split(": ", 1)[0]
    lines[index] = (
        f"{key}: {rng.choice(['1', '1.5', 'true', 'null', '[]', '{}', '[a, b]', '{unknown: x}', '~', '2021-02-31'])}"
    )
    return "\n".join(lines)


Mutation = Callable[[str, random.Random], str]
TEXT_MUTATIONS: list[Mutation] = [
    delete_line,
    duplicate_line,
    swap_lines,
    reindent,
    insert_nasty,
    insert_payload,
    insert_payload,
    insert_payload,
    escape_in_quotes,
    swap_ids,
    renumber,
    cut,
    retype,
]


def add_relations(data: Path, rng: random.Random) -> str:
    """Documents in a chain or a cycle, through the plans too."""
    documents = data / "documents.yaml"
    if not documents.exists():
        return "add_relations(no documents.yaml)"
    text = documents.read_text(encoding="utf-8", errors="surrogateescape")
    ids = [line.split(": ", 1)[1].strip() for line in _lines(text) if line.startswith("  - id: ")]
    plans = [p.stem for p in (data / "plans").glob("*.yaml")]
    count = rng.choice([3, 30, 600])
    lines = [text.rstrip("\n")]
    previous = rng.choice(ids)
    for index in range(count):
        new = f"kh-{index}-fuzz-2022"
        lines += [
            f"  - id: {new}",
            "    type: ke-hoach",
            f"    number: {index}/KH-FUZZ",
            "    date: 01/02/2022",
            "    issuer: Ủy ban nhân dân tỉnh",
            "    title: Về một việc",
            "    verification: chi-theo-van-ban",
            "    relations:",
            f"      - type: {rng.choice(['thuc-hien', 'tiep-tuc', 'trich-dan'])}",
            f"        target: {previous}",
        ]
        if rng.random() < 0.3:  # branches
            lines += [f"      - type: thuc-hien\n        target: {rng.choice(ids)}"]
        previous = new
    if rng.random() < 0.3:
        lines += [f"      - type: thuc-hien\n        target: {rng.choice(plans + ids)}"]
    documents.write_bytes(("\n".join(lines) + "\n").encode("utf-8", errors="surrogateescape"))
    return f"add_relations({count})"


def remove_file(data: Path, rng: random.Random) -> str:
    files = [data / "agencies.yaml", data / "documents.yaml", *sorted((data / "plans").glob("*.yaml"))]
    path = rng.choice([f for f in files if f.exists()] or files)
    path.unlink(missing_ok=True)
    return f"remove_file({path.name})"


def mutate(data: Path, rng: random.Random) -> list[str]:
    done = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.06:
            done.append((add_relations if rng.random() < 0.7 else remove_file)(data, rng))
            continue
        files = [data / "agencies.yaml", data / "documents.yaml", *sorted((data / "plans").glob("*.yaml"))]
        files = [f for f in files if f.exists()]
        if not files:
            break
        path = rng.choice(files)
        mutation = rng.choice(TEXT_MUTATIONS)
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        path.write_bytes(mutation(text, rng).encode("utf-8", errors="surrogateescape"))
        done.append(f"{mutation.__name__}({path.name})")
    return done


def run_case(seed: int, tmp: Path) -> tuple[str, list[str]]:
    """One mutated copy of the data: 'refused', 'built', or an AssertionError with the details."""
    rng = random.Random(seed)
    data = tmp / f"case-{seed}" / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    mutations = mutate(data, rng)
    where = f"FUZZ_SEED={seed} FUZZ_CASES=1: {', '.join(mutations)}"
    try:
        result = load_portfolio(data)
    except Exception:
        raise AssertionError(f"load_portfolio raised ({where})\n{traceback.format_exc()}") from None
    for diagnostic in result.report.diagnostics:
        text = diagnostic.format_text("en")
        assert len(text.splitlines()) == (2 if diagnostic.hint else 1), f"{where}: {text!r}"
        assert diagnostic.loc.file, where
    outcome = "refused"
    if result.portfolio is not None:
        try:
            build = SiteBuild(result.portfolio)
            build.pages()
            build.files()
        except Exception:
            raise AssertionError(f"the site raised on accepted data ({where})\n{traceback.format_exc()}") from None
        outcome = "built"
    shutil.rmtree(data.parent)
    return outcome, mutations


def test_mutated_data_never_crashes_the_loader_or_the_site(tmp_path: Path) -> None:
    started = time.monotonic()
    outcomes = {"refused": 0, "built": 0}
    for seed in range(SEED, SEED + CASES):
        outcome, _ = run_case(seed, tmp_path)
        outcomes[outcome] += 1
        if time.monotonic() - started > SECONDS and sum(outcomes.values()) >= MIN_CASES:
            break
    ran = sum(outcomes.values())
    assert ran >= MIN_CASES
    if ran >= 40:  # both paths are exercised: refusals and builds of accepted data
        assert outcomes["refused"] >= 5 and outcomes["built"] >= 5, outcomes

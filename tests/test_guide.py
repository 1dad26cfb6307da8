"""The editors' guide quotes the validator's real messages: each example is what the validator prints.

Each ```text block under "Kiểm tra dữ liệu" in docs/huong-dan-bien-tap.md is the output of
``scripts/validate`` (standard output, then the summary on standard error) on a copy of ``data/`` with
the mistakes the guide describes. When a message changes, this test fails until the guide quotes it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

GUIDE = REPO_ROOT / "docs" / "huong-dan-bien-tap.md"
PLAN = "data/plans/2021-lien-hiep-hoi-khkt.yaml"

#: The mistakes each example of the guide describes, in the order of its ```text blocks.
EXAMPLES = [
    [
        ("thuc-hien: [so-noi-vu]", "thuc-hien: [so-noi-vuu]"),
        ('- number: "2.2"', '- number: "2.5"'),
        ("not_before: 05/04/2021", "not_before: 31/02/2021"),
    ],
    [("\ntitle: ", "\ntilte: ")],
]


def guide_examples() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("## Kiểm tra dữ liệu") :]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```text\n(.*?)```", section, re.DOTALL)


def test_the_guide_has_every_example() -> None:
    assert len(guide_examples()) == len(EXAMPLES)


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_the_guide_quotes_what_the_validator_prints(index: int, tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    plan = tmp_path / PLAN
    text = plan.read_text(encoding="utf-8")
    for old, new in EXAMPLES[index]:
        assert old in text, old
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "validate"), str(tmp_path / "data"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "VNPLANS_LANG": "vi"},
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout + done.stderr == guide_examples()[index]

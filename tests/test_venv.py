"""The virtual environment behind scripts/serve and scripts/check (scripts/_venv.sh).

Each test copies scripts/_venv.sh into a bare folder with requirements files that name nothing, so
pip needs no index, and runs ``venv_ready`` the way the two scripts do. The full install on
Debian's own Python is what .ci/run proves on every CI run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEBIAN_WHEELS = Path("/usr/share/python-wheels")


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "_venv.sh", root / "scripts" / "_venv.sh")
    (root / "requirements.txt").write_text("# nothing: pip needs no index here\n", encoding="utf-8")
    (root / "requirements-dev.txt").write_text("-r requirements.txt\n", encoding="utf-8")
    return root


def _ready(root: Path, level: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``venv_ready LEVEL`` in a fresh shell; prints the python and VIRTUAL_ENV it leaves behind."""
    script = f'. scripts/_venv.sh && venv_ready {level} && command -v python && echo "$VIRTUAL_ENV"'
    environ = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    environ |= {"PYTHON": sys.executable, **env}
    return subprocess.run(
        ["bash", "-c", script], cwd=root, env=environ, capture_output=True, text=True, timeout=600, check=False
    )


def _ok(done: subprocess.CompletedProcess[str], root: Path) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    venv = root / ".venv"
    assert done.stdout.splitlines() == [str(venv / "bin" / "python"), str(venv)]


def test_creates_installs_once_again_when_the_requirements_change_and_repairs(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    first = _ready(root, "runtime")
    _ok(first, root)
    assert "venv: creating" in first.stderr and "installing requirements.txt" in first.stderr
    assert (root / ".venv" / "pyvenv.cfg").is_file()

    again = _ready(root, "runtime")  # nothing changed: no creation, no pip
    _ok(again, root)
    assert again.stderr == ""

    dev = _ready(root, "dev")  # the checks need more than serving: install requirements-dev.txt
    _ok(dev, root)
    assert "installing requirements-dev.txt" in dev.stderr and "creating" not in dev.stderr
    assert _ready(root, "runtime").stderr == ""  # dev includes runtime

    (root / "requirements.txt").write_text("# nothing, pinned differently\n", encoding="utf-8")
    changed = _ready(root, "dev")
    _ok(changed, root)
    assert "installing requirements-dev.txt" in changed.stderr and "creating" not in changed.stderr

    python = root / ".venv" / "bin" / "python"
    python.unlink()
    python.symlink_to(tmp_path / "removed-python")  # as when the pyenv version it came from is removed
    repaired = _ready(root, "runtime")
    _ok(repaired, root)
    assert "is broken" in repaired.stderr and "venv: creating" in repaired.stderr


def test_a_folder_that_is_not_an_environment_is_left_alone(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / ".venv").mkdir()
    (root / ".venv" / "notes.txt").write_text("mine", encoding="utf-8")
    done = _ready(root, "runtime")
    assert done.returncode == 1
    assert "exists but is not a virtual environment: move it away" in done.stderr
    assert (root / ".venv" / "notes.txt").read_text(encoding="utf-8") == "mine"


def _without_ensurepip(tmp_path: Path) -> str:
    """A PYTHONPATH on which ``import ensurepip`` fails, as on Debian without python3-venv."""
    fake = tmp_path / "no-ensurepip" / "ensurepip"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('python3-venv is not installed')\n", encoding="utf-8")
    return str(fake.parent)


@pytest.mark.skipif(not list(DEBIAN_WHEELS.glob("pip-*.whl")), reason="no Debian pip wheel (python3-pip-whl)")
def test_without_ensurepip_pip_comes_from_debians_wheel(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    done = _ready(root, "dev", PYTHONPATH=_without_ensurepip(tmp_path))
    _ok(done, root)
    assert f"installing pip from {DEBIAN_WHEELS}/pip-" in done.stderr
    pip = subprocess.run(
        [str(root / ".venv" / "bin" / "python"), "-m", "pip", "--version"], capture_output=True, text=True, check=False
    )
    assert pip.returncode == 0 and str(root / ".venv") in pip.stdout


def test_without_ensurepip_or_a_wheel_the_message_names_the_package(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    done = _ready(root, "dev", PYTHONPATH=_without_ensurepip(tmp_path), VENV_PIP_WHEELS=str(tmp_path / "none"))
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "venv: error: this Python cannot create a virtual environment with pip (no ensurepip): "
        "sudo apt-get install -y python3-venv"
    )
    assert not (root / ".venv").exists()


def test_a_python_older_than_3_11_is_refused_by_name(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    old = tmp_path / "python3.9"
    old.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'Python 3.9.2' && exit 0\nexit 1\n", encoding="utf-8")
    old.chmod(0o755)
    done = _ready(root, "runtime", PYTHON=str(old))
    assert done.returncode == 1
    assert "Python 3.9.2 is too old: Python 3.11 or newer is needed" in done.stderr

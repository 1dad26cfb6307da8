"""The CI workflows and editing aids: valid against their schemas, and running the checks they promise.

The GitHub workflow schema is the one vendored inside check-jsonschema (requirements-dev.txt), so
these tests need no network.
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as GitHub reads it: ``on`` is a key, not the boolean true of YAML 1.1."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_workflow(name: str) -> dict[str, Any]:
    return yaml.load((WORKFLOWS / name).read_text(encoding="utf-8"), Loader=_Yaml12Loader)


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", ())]


def job_with_step(workflow: dict[str, Any], predicate: Any) -> dict[str, Any]:
    (job,) = [job for job in workflow["jobs"].values() if any(predicate(s) for s in job.get("steps", ()))]
    return job


def runs(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def vendored_schema(name: str) -> dict[str, Any]:
    path = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_the_two_workflows() -> None:
    assert [p.name for p in WORKFLOW_FILES] == ["deploy.yml", "pr.yml"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_is_valid_against_the_github_workflow_schema(path: Path) -> None:
    schema = vendored_schema("github-workflows")
    validator = jsonschema.Draft7Validator(schema)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(load_workflow(path.name))
    ]
    assert errors == []


def test_workflows_pass_check_jsonschema_with_its_builtin_schemas() -> None:
    """The same check as the pre-commit hook, plus the rule that every job has a timeout."""
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        done = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, WORKFLOW_FILES)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_actions_are_pinned_to_major_versions() -> None:
    for path in WORKFLOW_FILES:
        for step in steps(load_workflow(path.name)):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), f"{path.name}: {step['uses']}"


def _ci_run_command() -> str:
    """The command .ci/run ends with: the README's test command."""
    lines = [line.strip() for line in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    (command,) = [line.removeprefix("exec ") for line in lines if line.startswith("exec ")]
    return command


def test_pr_workflow_runs_the_same_checks_as_ci_and_comments_the_duty_diff() -> None:
    workflow = load_workflow("pr.yml")
    assert "pull_request" in workflow["on"]
    assert _ci_run_command() == "scripts/check"

    # One truth: the job runs scripts/check, exactly as .ci/run does, and no check of its own beside it.
    check_job = job_with_step(workflow, lambda s: s.get("run") == "scripts/check")
    (check,) = [s for s in check_job["steps"] if s.get("run") == "scripts/check"]
    assert check["env"] == {"CHECK_SITE_DIR": "site"}
    other_runs = "\n".join(s.get("run", "") for s in check_job["steps"] if s is not check)
    for separate in ("pytest", "mkdocs", "scripts/validate", "yamllint", "ruff", "mypy", "pip install"):
        assert separate not in other_runs, separate
    assert "sudo apt-get install -y chromium" in other_runs
    (upload,) = [s for s in check_job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "site/"

    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["fetch-depth"] == 0 for s in checkouts)
    setups = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert {s["with"]["python-version"] for s in setups} == {"3.11"}

    def is_diff(step: dict[str, Any]) -> bool:
        return "scripts/diff" in step.get("run", "")

    (diff_step,) = [s for s in steps(workflow) if is_diff(s)]
    assert re.search(r'scripts/diff "origin/\$\{BASE_REF\}" HEAD --output duty-diff\.md', diff_step["run"])
    assert diff_step["env"]["BASE_REF"] == "${{ github.base_ref }}"
    diff_job = job_with_step(workflow, is_diff)
    assert diff_job["permissions"]["pull-requests"] == "write"
    (comment,) = [s for s in diff_job["steps"] if s.get("uses", "").startswith("actions/github-script@")]
    assert "duty-diff.md" in comment["with"]["script"]
    assert workflow["permissions"] == {"contents": "read"}  # write access only where the comment is posted


def test_deploy_workflow_publishes_to_github_pages() -> None:
    workflow = load_workflow("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "mkdocs build --strict" in runs(workflow)
    uses = [s.get("uses", "") for s in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = job_with_step(workflow, lambda s: s.get("uses", "").startswith("actions/deploy-pages@"))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


SOURCE_DATE = 'echo "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" >> "$GITHUB_ENV"'


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_job_that_checks_out_dates_its_builds_from_the_last_commit_and_uses_the_venv(path: Path) -> None:
    """Reproducible builds (SOURCE_DATE_EPOCH before anything runs), and Python only through .venv/."""
    workflow = load_workflow(path.name)
    jobs = [job for job in workflow["jobs"].values() if any("checkout" in s.get("uses", "") for s in job["steps"])]
    assert jobs
    for job in jobs:
        runs_in_order = [s.get("run", "") for s in job["steps"] if "run" in s]
        assert runs_in_order[0] == SOURCE_DATE, job["name"]
        commands = "\n".join(runs_in_order)
        assert "pip install" not in commands, job["name"]
        assert re.search(r"\. scripts/_venv\.sh\n\s*venv_ready runtime|^scripts/check$", commands, re.M), job["name"]


def test_yamllint_accepts_the_data_and_workflow_files() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "yamllint",
            "-c",
            ".yamllint.yaml",
            "--strict",
            "data/",
            ".github/",
            ".pre-commit-config.yaml",
            ".yamllint.yaml",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_yamllint_reports_a_badly_indented_data_file(tmp_path: Path) -> None:
    bad = tmp_path / "agencies.yaml"
    bad.write_text("agencies:\n  - id: a\n     name: b\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "yamllint", "-c", str(REPO_ROOT / ".yamllint.yaml"), "-f", "parsable", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert f"{bad}:3:" in done.stdout


def test_pre_commit_runs_yamllint_and_the_validator() -> None:
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["yamllint"]["entry"].startswith("python -m yamllint -c .yamllint.yaml")
    assert re.match(hooks["yamllint"]["files"], "data/plans/x.yaml")
    assert hooks["validate"]["entry"] == "scripts/validate"
    assert hooks["validate"]["pass_filenames"] is False
    assert {hook["language"] for hook in hooks.values()} == {"system"}
    assert os.access(REPO_ROOT / "scripts" / "validate", os.X_OK)


def test_vscode_maps_each_schema_to_existing_data_files() -> None:
    settings = json.loads((REPO_ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {
        "./schemas/plan.schema.json": "/data/plans/*.yaml",
        "./schemas/agencies.schema.json": "/data/agencies.yaml",
        "./schemas/documents.schema.json": "/data/documents.yaml",
    }
    for schema, pattern in mapping.items():
        assert (REPO_ROOT / schema).is_file()
        assert glob.glob(str(REPO_ROOT) + pattern), pattern
    extensions = json.loads((REPO_ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]

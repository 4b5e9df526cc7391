"""The CI recipes in docs/ci/, run without GitHub, GitLab or `act`: the eval job's own shell commands, read from the
YAML, executed in a team repository made by `coach eval init`, with the variables the CI service would set.

What the test does instead of the service, and says so: it is the checkout (the team repository is a temporary
folder), it is the Python setup and the install (the coach on PATH is this virtualenv's; the install commands, which
need the network, are the only commands skipped, and the test asserts which), and it reads the artifact paths and
checks they hold the reports. Every other command runs exactly as written, in bash with the options the services use
(`-eo pipefail`), so a typo, a wrong flag or a wrong exit code in a recipe fails here.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from assistant.evals.folder import FolderReport
from assistant.evals.models import Report

REPO = Path(__file__).resolve().parents[2]
CI = REPO / "docs" / "ci"
BIN = Path(sys.executable).parent  # this virtualenv: where `coach` is installed
INSTALL_STEP = "Install the coach"


@dataclass
class Job:
    script: str  # the eval commands, one bash script
    env: dict[str, str]
    skipped: list[str]  # what the test does not run, each with the reason
    summary: Path  # where the Markdown summary ends up
    artifacts: list[str]  # paths the job uploads, relative to the repository
    junit: list[str]  # JUnit report globs (GitLab's test widget)
    after: str = ""  # GitLab's after_script


def _substitute(value: str) -> str:
    """GitHub expressions in env values. Only secrets and variables are expected, and in a run without them (a fork,
    a repository that has not set them) GitHub gives the empty string; anything else must fail the test, not pass."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if not re.fullmatch(r"(secrets|vars)\.[A-Za-z_][A-Za-z0-9_]*", expression):
            pytest.fail(f"the test cannot evaluate ${{{{ {expression} }}}} in docs/ci/github-actions.yml")
        return ""

    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


def github_job(team: Path, runner_temp: Path) -> Job:
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    [(name, job)] = workflow["jobs"].items()
    summary = runner_temp / "step_summary.md"
    summary.touch()  # GitHub creates the file before the step runs
    base = {key: _substitute(value) for key, value in {**workflow.get("env", {}), **job.get("env", {})}.items()}
    base |= {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(team), "RUNNER_TEMP": str(runner_temp),
             "GITHUB_STEP_SUMMARY": str(summary)}  # fmt: skip
    scripts, skipped, artifacts, env = [], [], [], dict(base)
    for step in job["steps"]:
        label = step.get("name") or step.get("uses")
        if "uses" in step:
            if str(step["uses"]).startswith("actions/upload-artifact"):
                artifacts.append(step["with"]["path"])
                assert step.get("if") == "always()", "the reports must be uploaded when the gate fails too"
            skipped.append(f"{label}: an action, done by the test itself")
            continue
        if label == INSTALL_STEP:
            assert all(line.startswith("pip install") for line in step["run"].strip().splitlines())
            skipped.append(f"{label}: needs the network; the coach of this virtualenv is on PATH instead")
            continue
        assert "${{" not in step["run"], f"{label}: expressions belong in env, where the test can check them"
        env |= {key: _substitute(value) for key, value in step.get("env", {}).items()}
        scripts.append(step["run"])
    assert name == "coach-eval" and len(scripts) == 1
    return Job(scripts[0], env, skipped, summary, artifacts, junit=[])


def gitlab_job(team: Path) -> Job:
    config = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["coach-eval"]
    install = job["before_script"]
    assert all(line.startswith("pip install") for line in install)
    env = {key: str(value) for key, value in {**config.get("variables", {}), **job.get("variables", {})}.items()}
    env |= {"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": str(team)}
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always", "the reports must be kept when the gate fails too"
    return Job(
        script="\n".join(job["script"]), env=env,
        skipped=["before_script: needs the network; the coach of this virtualenv is on PATH instead"],
        summary=team / "eval-reports" / "summary.md", artifacts=list(artifacts["paths"]),
        junit=[artifacts["reports"]["junit"]], after="\n".join(job.get("after_script", [])),
    )  # fmt: skip


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # How both services run a script step: bash, stop at the first failing command, and a pipe fails if any part does.
    full_env = {**os.environ, **env, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def coach(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "coach"), *(str(a) for a in args)], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def team_repo(tmp_path: Path) -> Path:
    """A team's repository with the folder `coach eval init` writes, through the real command."""
    team = tmp_path / "team"
    team.mkdir()
    result = coach("eval", "init", cwd=team)
    assert result.returncode == 0, result.stderr
    return team


def record_sbi_ask_case(team: Path) -> None:
    """The scaffold's sbi case in which the coach asks for facts: code asks without calling a model, so its recording
    is real and needs no model (the recorder is made to fail if anything calls one). The other sbi cases need a
    model's replies and are left out, as a team that has recorded one case would."""
    from assistant.cli.main import app
    from assistant.llm.fake import FakeProvider

    path = team / "evals" / "cases" / "sbi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cases"] = [case for case in data["cases"] if case["id"] == "label-only-must-ask"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    def no_model(*args: Any, **kwargs: Any) -> str:
        raise AssertionError("recording the ask case called a model")

    evals = team / "evals"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FakeProvider, "_record", no_model)
        patch.chdir(team)
        result = CliRunner().invoke(app, [
            "eval", "sbi", "--record", "--cases", str(path), "--fixtures", str(evals / "fixtures" / "sbi"),
            "--thresholds", str(evals / "thresholds.yaml"), "--out", str(team / "recording"),
        ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (evals / "fixtures" / "sbi" / "manifest.json").is_file()
    shutil.rmtree(team / "recording")


def miss_a_checks_gate(team: Path) -> None:
    """A labelled case the rules miss: tone.label's recall drops to 4/5, under the 0.9 gate."""
    path = team / "evals" / "cases" / "checks.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cases"].append({"id": "missed-label", "kind": "note", "text": "Felix moved the crawler to the new queue.",
                          "expect": ["tone.label"]})  # fmt: skip
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def miss_an_sbi_gate(team: Path) -> None:
    """The recorded ask case, now expecting a phrase the coach's questions do not hold: sbi's pass rate drops to 0."""
    record_sbi_ask_case(team)
    path = team / "evals" / "cases" / "sbi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cases"][0]["must_include"] = ["a phrase no question holds"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


VARIANTS = {
    "fresh": (lambda team: None, 0, {"checks": "passed", "sbi": "not run"}),
    "sbi-recorded": (record_sbi_ask_case, 0, {"checks": "passed", "sbi": "passed", "chat": "not run"}),
    "checks-below-gate": (miss_a_checks_gate, 1, {"checks": "failed", "sbi": "not run"}),
    "sbi-below-gate": (miss_an_sbi_gate, 1, {"checks": "passed", "sbi": "failed"}),
}


@pytest.mark.parametrize(
    ("recipe", "variant"),
    [
        ("github", "fresh"),
        ("github", "sbi-recorded"),
        ("github", "checks-below-gate"),
        ("gitlab", "sbi-recorded"),
        ("gitlab", "sbi-below-gate"),
    ],
)
def test_the_eval_job_runs_as_written(tmp_path: Path, recipe: str, variant: str) -> None:
    prepare, expected_exit, expected_states = VARIANTS[variant]
    team = team_repo(tmp_path)
    prepare(team)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    job = github_job(team, runner_temp) if recipe == "github" else gitlab_job(team)
    print(f"\n[{recipe}, {variant}] not run by this test:\n  " + "\n  ".join(job.skipped))
    assert len([s for s in job.skipped if "needs the network" in s]) == 1  # the install, and nothing else

    result = bash(job.script, team, job.env)
    print(f"$ {job.script}\nexit {result.returncode}\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    assert result.returncode == expected_exit, result.stdout + result.stderr
    if job.after:
        after = bash(job.after, team, job.env)
        assert after.returncode == 0 and "# coach eval all" in after.stdout  # the summary, at the end of the log

    summary = job.summary.read_text(encoding="utf-8")
    assert summary.startswith("# coach eval all: `evals` (replay)")  # no secret set: replay
    assert ("**Gate: passed**" in summary) == (expected_exit == 0)

    reports = [team / path for path in job.artifacts]
    assert reports and all(path.is_dir() for path in reports)
    [folder_json] = [p for path in reports for p in path.glob("all-replay-*.json")]
    report = FolderReport.model_validate_json(folder_json.read_text(encoding="utf-8"))
    assert report.exit_code == expected_exit
    states = {s.suite: s.state for s in report.suites}
    assert {name: states[name] for name in expected_states} == expected_states
    for suite in report.suites:
        if suite.report and suite.suite != "checks":
            Report.model_validate_json((folder_json.parent / suite.report).read_text(encoding="utf-8"))
    for pattern in job.junit:
        found = list(team.glob(pattern))
        assert found, f"no file for the JUnit report pattern {pattern}"
        for path in found:
            assert ET.parse(path).getroot().tag == "testsuites"


def test_live_mode_follows_the_model_secret() -> None:
    """Not run live here (no model in tests): the script picks live exactly when the secret or variable is set."""
    github = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    [step] = [s for s in github["jobs"]["coach-eval"]["steps"] if s.get("name") == "Run the evals"]
    assert step["env"]["EVAL_MODEL"] == "${{ secrets.COACH_MODEL }}"
    gitlab = "\n".join(yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["coach-eval"]["script"])
    for script in (step["run"], gitlab):
        probe = script.replace("coach eval all", "echo coach eval all")
        for model, mode in (("", "replay"), ("openai/gpt-4o-mini", "live")):
            env = {"EVAL_MODEL": model, "GITHUB_STEP_SUMMARY": "/dev/null"}
            result = bash(probe + '\necho "model=${COACH_MODEL:-unset}"', REPO, env)
            assert result.returncode == 0, result.stderr
            assert f"--mode {mode} " in result.stdout
            assert f"model={model or 'unset'}" in result.stdout  # an empty COACH_MODEL would be an invalid setting


def test_pre_commit_hooks_run_as_configured(tmp_path: Path) -> None:
    """docs/ci/pre-commit-config.yaml's hooks, resolved through .pre-commit-hooks.yaml and run the way pre-commit
    would (entry, args, then the matching files unless pass_filenames is false); pre-commit itself is not needed."""
    published = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    config = yaml.safe_load((CI / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: {**published[hook["id"]], **hook} for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"coach-lint-feedback", "coach-adr-lint"}

    team = tmp_path / "team"
    (team / "feedback").mkdir(parents=True)
    (team / "feedback" / "felix.md").write_text("Felix is careless with the ranking experiments.\n", "utf-8")
    (team / "feedback" / "ines.md").write_text(
        "In Tuesday's incident review you walked us through the timeline and named the two alerts we missed. That "
        "gave us a clear list of fixes. Thank you.\n",
        "utf-8",
    )
    (team / "feedback" / "README.md").write_text("Drafts live here.\n", "utf-8")
    shutil.copytree(REPO / "knowledge" / "adr", team / "docs" / "adr")

    def run(hook_id: str, changed: list[str]) -> subprocess.CompletedProcess[str]:
        hook = hooks[hook_id]
        files = [f for f in changed if re.search(hook["files"], f) and not re.search(hook.get("exclude", "^$"), f)]
        argv = [*shlex.split(hook["entry"]), *hook.get("args", [])]
        if hook.get("pass_filenames", True):
            argv += files
        elif not files:
            pytest.fail(f"{hook_id} would not run for {changed}")
        return bash(shlex.join(argv), team, {})

    assert hooks["coach-lint-feedback"]["entry"] == "coach lint --kind note"
    judged = run("coach-lint-feedback", ["feedback/felix.md", "feedback/README.md"])
    assert judged.returncode == 1 and "tone.label" in judged.stdout and "README" not in judged.stdout
    assert run("coach-lint-feedback", ["feedback/ines.md"]).returncode == 0

    assert hooks["coach-adr-lint"]["entry"] == "coach adr lint" and hooks["coach-adr-lint"]["args"] == ["docs/adr"]
    good = run("coach-adr-lint", ["docs/adr/0007-use-a-transactional-outbox-for-ledger-events.md"])
    assert good.returncode == 0, good.stdout
    assert "12 files" in good.stdout  # the whole log, not only the changed record

    record = team / "docs" / "adr" / "0005-run-reconciliation-on-the-shared-batch-host.md"
    record.write_text(re.sub(r"(?ms)^## Status\n.*?(?=^## )", "", record.read_text("utf-8")), "utf-8")
    broken = run("coach-adr-lint", ["docs/adr/0002-use-postgresql-for-the-ledger.md"])
    assert broken.returncode == 1 and "adr.status" in broken.stdout

"""`coach eval init` (the example folder for a team's repository) and `coach eval all` (that folder in one run)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.evals import checks_eval
from assistant.evals.adapters import get_adapter
from assistant.evals.cases import load_suite, load_thresholds
from assistant.evals.folder import FolderReport
from assistant.evals.scaffold import SOURCE, template_files
from assistant.skills.registry import SKILLS

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def invoke(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "team" / "evals"
    result = invoke("eval", "init", target)
    assert result.exit_code == 0, result.output
    return target


def folder_reports(out: Path) -> list[FolderReport]:
    return [FolderReport.model_validate_json(p.read_text(encoding="utf-8")) for p in sorted(out.glob("all-*.json"))]


def test_init_writes_a_case_file_per_suite_and_each_validates_with_the_harness_models(folder: Path) -> None:
    assert {p.stem for p in (folder / "cases").glob("*.yaml")} == {"checks", *SKILLS}
    assert (folder / "README.md").is_file()
    thresholds = folder / "thresholds.yaml"
    for skill in SKILLS:
        suite = load_suite(folder / "cases" / f"{skill}.yaml", get_adapter(skill))
        load_thresholds(thresholds, skill)
        assert len(suite.cases) >= 2, skill
        assert any(case.smoke for case in suite.cases), f"{skill}: no smoke case, so `--smoke` would select nothing"
    cases = checks_eval.load_cases(folder / "cases" / "checks.yaml")
    checks_eval.load_thresholds(thresholds)
    assert len(cases) >= 10


def test_every_example_file_is_package_data() -> None:
    """A non-editable install (pip install from git, pre-commit) carries only the files pyproject declares."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["assistant"]
    for rel in template_files():
        path = PurePosixPath((SOURCE / rel).relative_to(REPO / "assistant").as_posix())
        # setuptools globs: `*` never crosses a `/`, so the pattern must have as many parts as the path.
        covered = any(len(path.parts) == len(PurePosixPath(p).parts) and path.match(p) for p in patterns)
        assert covered, f"{path} is not in [tool.setuptools.package-data]"


def test_init_refuses_to_overwrite_and_writes_nothing_then_force_replaces(folder: Path) -> None:
    edited = folder / "cases" / "chat.yaml"
    edited.write_text("# ours\n", encoding="utf-8")
    removed = folder / "README.md"
    removed.unlink()

    refused = invoke("eval", "init", folder)
    assert refused.exit_code == 2
    assert "already exist" in refused.output and "--force" in refused.output
    assert edited.read_text(encoding="utf-8") == "# ours\n"
    assert not removed.exists()  # refused before writing anything

    forced = invoke("eval", "init", folder, "--force")
    assert forced.exit_code == 0, forced.output
    assert edited.read_text(encoding="utf-8") == (SOURCE / "cases" / "chat.yaml").read_text(encoding="utf-8")
    assert removed.is_file()
    assert not list(folder.rglob(".coach-*.tmp"))  # atomic writes leave no temporary files behind


def test_all_on_a_fresh_folder_gates_the_checks_and_lists_what_is_not_recorded(folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = invoke("eval", "all", folder, "--out", out, "--summary", summary)
    assert result.exit_code == 0, result.output

    [report] = folder_reports(out)
    states = {s.suite: s.state for s in report.suites}
    assert states == {"checks": "passed"} | dict.fromkeys(SKILLS, "not run")
    assert report.suites[0].suite == "checks"  # first: it needs no model
    not_run = next(s for s in report.suites if s.suite == "sbi")
    assert "--record" in not_run.detail and str(folder / "fixtures" / "sbi") in not_run.detail
    checks = json.loads((out / str(report.suites[0].report)).read_text(encoding="utf-8"))
    assert checks["passed"] is True and checks["cases"] == 18
    assert {p.suffix for p in out.glob("checks-*")} == {".json", ".md", ".xml"}

    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n# coach eval all")  # appended, never replaced
    assert "**Gate: passed**" in text and "| sbi | not run |" in text and "tone.label" in text


def test_strict_makes_a_suite_without_replies_an_error(folder: Path, tmp_path: Path) -> None:
    result = invoke("eval", "all", folder, "--strict", "--out", tmp_path / "reports")
    assert result.exit_code == 2
    [report] = folder_reports(tmp_path / "reports")
    assert {s.state for s in report.suites if s.suite in SKILLS} == {"error"}


def test_a_broken_case_file_fails_the_run_even_before_recording(folder: Path, tmp_path: Path) -> None:
    chat = folder / "cases" / "chat.yaml"
    chat.write_text(chat.read_text(encoding="utf-8").replace("must_not_include:", "must_not_includ:", 1), "utf-8")
    result = invoke("eval", "all", folder, "--out", tmp_path / "reports", "--json")
    assert result.exit_code == 2
    suites = {s["suite"]: s for s in json.loads(result.stdout)["suites"]}
    assert suites["chat"]["state"] == "error" and "must_not_includ" in suites["chat"]["detail"]
    assert suites["checks"]["state"] == "passed"  # the other suites still ran


def test_a_checks_case_below_the_gate_exits_1(folder: Path, tmp_path: Path) -> None:
    path = folder / "cases" / "checks.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cases"].append({"id": "missed-label", "kind": "note", "text": "Kwame fixed the flaky test on Friday.",
                          "expect": ["tone.label"]})  # fmt: skip
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = invoke("eval", "all", folder, "--out", tmp_path / "reports", "--summary", summary)
    assert result.exit_code == 1, result.output
    text = summary.read_text(encoding="utf-8")
    assert "FAILED (below a gate)" in text and "below the gate: tone.label" in text and "missed-label" in text


def test_an_unknown_case_file_is_listed_not_run(folder: Path, tmp_path: Path) -> None:
    (folder / "cases" / "stauts.yaml").write_text("skill: status\ncases: []\n", encoding="utf-8")
    result = invoke("eval", "all", folder, "--out", tmp_path / "reports", "--json")
    assert result.exit_code == 0, result.output
    stray = next(s for s in json.loads(result.stdout)["suites"] if s["suite"] == "stauts")
    assert stray["state"] == "not run" and "not a suite" in stray["detail"]
    assert invoke("eval", "all", folder, "--strict", "--out", tmp_path / "reports").exit_code == 2


def test_a_folder_without_thresholds_is_a_setup_error(folder: Path) -> None:
    (folder / "thresholds.yaml").unlink()
    result = invoke("eval", "all", folder)
    assert result.exit_code == 2 and "thresholds.yaml" in result.output and "coach eval init" in result.output


def test_record_and_live_together_are_refused(folder: Path) -> None:
    result = invoke("eval", "all", folder, "--record", "--mode", "live")
    assert result.exit_code == 2 and "--record works in replay mode only" in result.output


def test_a_skill_eval_appends_its_markdown_summary(
    tiny_suite: dict[str, Path], canned_model: Any, tmp_path: Path
) -> None:
    summary = tmp_path / "step-summary.md"
    files = ["--cases", tiny_suite["cases"], "--fixtures", tiny_suite["fixtures"]]
    files += ["--thresholds", tiny_suite["thresholds"], "--out", tiny_suite["out"]]
    assert invoke("eval", "chat", *files, "--record", "--summary", summary).exit_code == 0
    assert invoke("eval", "chat", *files, "--summary", summary).exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.count("# Eval `chat` (replay") == 2 and "gate: passed" in text

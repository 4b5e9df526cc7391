"""The kind "note" was called "feedback": the old name still works everywhere a kind comes in, as "note"."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from assistant.checks import resolve_kind, rules_for, run_checks
from assistant.evals.checks_eval import Case
from assistant.evals.models import SuiteFile

runner = CliRunner()
TEXT = "Sam is lazy and always late\n"


def test_resolve_kind() -> None:
    assert resolve_kind("feedback") == "note"
    assert [resolve_kind(k) for k in ("note", "sbi", "status", "adr")] == ["note", "sbi", "status", "adr"]


def test_run_checks_accepts_the_old_name() -> None:
    assert rules_for("note") and not any("feedback" in rule.kinds for rule in rules_for("note"))
    assert run_checks(TEXT, "feedback") == run_checks(TEXT, "note")
    assert [f.rule for f in run_checks(TEXT, "feedback")] == ["tone.label", "tone.absolute"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_old_kind_is_an_alias_of_note(app: typer.Typer, fmt: str) -> None:
    old = runner.invoke(app, ["lint", "-", "--kind", "feedback", "--format", fmt], input=TEXT)
    new = runner.invoke(app, ["lint", "-", "-k", "note", "--format", fmt], input=TEXT)
    default = runner.invoke(app, ["lint", "-", "--format", fmt], input=TEXT)
    assert old.exit_code == new.exit_code == default.exit_code == 1
    assert old.output == new.output == default.output
    assert "tone.label" in new.output


def test_cli_help_lists_only_current_kinds(app: typer.Typer) -> None:
    result = runner.invoke(app, ["lint", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "note|sbi|status|adr" in result.output and "feedback|" not in result.output
    bad = runner.invoke(app, ["lint", "-", "--kind", "memo"], input="x", env={"COLUMNS": "200"})
    assert bad.exit_code == 2 and "'note', 'sbi', 'status', 'adr'" in bad.output


def test_case_files_read_the_old_name_as_note() -> None:
    assert Case(id="a", kind="feedback", text="Sam is lazy.").kind == "note"
    suite = SuiteFile.model_validate({"skill": "chat", "check_kind": "feedback", "cases": [{"id": "a", "input": {}}]})
    assert suite.check_kind == "note"
    assert SuiteFile.model_validate({"skill": "chat", "cases": [{"id": "a", "input": {}}]}).check_kind == "note"
    with pytest.raises(ValueError, match="kind"):
        Case(id="a", kind="memo", text="x")

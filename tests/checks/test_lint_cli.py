"""`coach lint`, `coach rules` and `coach eval checks` through typer's CliRunner: exit codes, formats, several files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

runner = CliRunner()
GOOD_ADR = """# 0002. Use PostgreSQL

Date: 2024-03-18

## Status

{status}

## Context

We compared PostgreSQL, MySQL and DynamoDB.

## Decision

We will use PostgreSQL for the ledger.

## Consequences

- Positive: transactions across rows.
- Negative: we run vacuum and upgrades ourselves.
"""


def test_stdin_feedback_shows_each_problem_with_a_fix(app: typer.Typer) -> None:
    result = runner.invoke(app, ["lint", "-", "--kind", "feedback"], input="Sam is lazy and always late\n")
    assert result.exit_code == 1  # tone.label is an error
    assert "tone.label" in result.output and "tone.absolute" in result.output
    assert result.output.count("fix:") == 2
    assert "1 error(s), 1 warning(s)" in result.output


def test_clean_text_exits_zero(app: typer.Typer) -> None:
    text = "In this morning's standup you said the rollout was at 50%; the dashboard shows 25%. Could you check it?"
    result = runner.invoke(app, ["lint", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_warnings_only_exit_zero(app: typer.Typer) -> None:
    result = runner.invoke(app, ["lint", "-", "--kind", "feedback"], input="You need to be more proactive.")
    assert result.exit_code == 0
    assert "tone.vague" in result.output


def test_json_format_parses(app: typer.Typer) -> None:
    result = runner.invoke(app, ["lint", "-", "--format", "json"], input="Sam is lazy.")
    data = json.loads(result.output)
    finding = data["files"][0]["findings"][0]
    assert finding["rule"] == "tone.label" and finding["line"] == 1 and finding["span"]["text"] == "lazy"
    assert data["summary"]["error"] == 1


def test_several_adr_files_and_reciprocal_links(app: typer.Typer, tmp_path: Path) -> None:
    old = tmp_path / "adr" / "0002-use-postgresql.md"
    new = tmp_path / "adr" / "0009-use-cockroachdb.md"
    old.parent.mkdir()
    old.write_text(GOOD_ADR.format(status="Superseded by 0009"), encoding="utf-8")
    new.write_text(GOOD_ADR.format(status="Accepted").replace("# 0002. Use PostgreSQL", "# 0009. Use CockroachDB"))
    (tmp_path / "adr" / "README.md").write_text("# Decision log\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(old), str(new), "--kind", "adr", "--format", "json"])
    assert result.exit_code == 0, result.output  # the missing back-link is a warning
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert [f["rule"] for f in files["0002-use-postgresql.md"]["findings"]] == ["adr.supersede"]
    assert [f["rule"] for f in files["0009-use-cockroachdb.md"]["findings"]] == ["adr.supersede"]


def test_sibling_adrs_are_read_for_a_single_file(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "0002-use-postgresql.md").write_text(GOOD_ADR.format(status="Superseded by 0009"), encoding="utf-8")
    new = tmp_path / "0009-use-cockroachdb.md"
    new.write_text(GOOD_ADR.format(status="Accepted. Supersedes 0002.").replace("0002. Use PostgreSQL", "0009. X"))
    result = runner.invoke(app, ["lint", str(new), "--kind", "adr"])
    assert result.exit_code == 0 and "no findings" in result.output, result.output


def test_adr_missing_status_is_an_error(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "0003-x.md"
    path.write_text(GOOD_ADR.format(status="").replace("# 0002.", "# 0003."), encoding="utf-8")
    result = runner.invoke(app, ["lint", str(path), "--kind", "adr"])
    assert result.exit_code == 1 and "adr.status" in result.output


def test_readme_is_skipped_for_adrs(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# Decision log\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(path), "--kind", "adr"])
    assert result.exit_code == 0 and "skipped" in result.output


@pytest.mark.parametrize(
    "args",
    [["lint", "missing-file.md"], ["lint"], ["lint", "-", "--kind", "feedback"]],
    ids=["missing file", "no file", "empty stdin"],
)
def test_bad_input_exits_two(app: typer.Typer, args: list[str]) -> None:
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 2


def test_bad_option_exits_two(app: typer.Typer) -> None:
    assert runner.invoke(app, ["lint", "-", "--kind", "memo"], input="x").exit_code == 2


def test_status_audience_is_used(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "update.md"
    path.write_text("TL;DR: fine.\n\n- Payouts (Aisha): Green. p99 is 98 ms.\n\nNext update: 2026-12-04.\n")
    assert "tone.jargon" in runner.invoke(app, ["lint", str(path), "--kind", "status", "--audience", "exec"]).output
    assert "tone.jargon" not in runner.invoke(app, ["lint", str(path), "--kind", "status", "-a", "team"]).output


def test_rules_catalogue(app: typer.Typer) -> None:
    for args in (["lint", "--rules", "--format", "json"], ["rules", "--format", "json"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        rows = json.loads(result.output)
        expected = {"tone.label", "sbi.missing", "status.tldr", "adr.supersede", "facts.invented"}
        assert expected <= {r["id"] for r in rows}
    text = runner.invoke(app, ["rules"]).output
    assert "tone.label" in text and "error" in text


def test_eval_checks_passes_the_gate(app: typer.Typer) -> None:
    result = runner.invoke(app, ["eval", "checks", "--json"])
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.output)
    assert data["passed"] and data["totals"]["precision"] >= 0.9 and data["totals"]["recall"] >= 0.9


def test_eval_checks_exits_one_below_the_gate(app: typer.Typer, tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    row = "  - {{id: c{}, kind: feedback, text: You are careful., expect: [tone.label]}}\n"
    rows = "".join(row.format(i) for i in range(3))
    cases.write_text("cases:\n" + rows, encoding="utf-8")
    result = runner.invoke(app, ["eval", "checks", "--cases", str(cases), "--failures"])
    assert result.exit_code == 1
    assert "FAIL" in result.output and "c0" in result.output

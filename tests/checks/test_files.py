"""``assistant.checks.files``: checking whole files (what `coach lint` renders) without the CLI."""

from __future__ import annotations

from pathlib import Path

from assistant.checks.base import Finding, Severity, Span
from assistant.checks.files import (
    MAX_SIBLINGS,
    FileResult,
    absolute_span,
    adr_siblings,
    line_col,
    lint_files,
    lint_texts,
    locate,
)

ADR = """# {number}. {title}

Date: 2024-03-18

## Status

{status}

## Context

We compared PostgreSQL, MySQL and DynamoDB.

## Decision

We will use {title}.

## Consequences

- Positive: transactions across rows.
- Negative: we run vacuum and upgrades ourselves.
"""
SBI = """Situation: In Tuesday's standup.
Behavior: You are lazy.
Impact: Ravi could not finish his update.
Request: Let people finish.
"""


def _adr(folder: Path, number: str, title: str, status: str) -> Path:
    path = folder / f"{number}-{title.lower().replace(' ', '-')}.md"
    path.write_text(ADR.format(number=number, title=title, status=status), encoding="utf-8")
    return path


def _rules(result: FileResult) -> list[str]:
    return [located.finding.rule for located in result.findings]


def test_findings_are_placed_in_the_whole_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("Thanks for the review.\nSam is lazy and always late.\n", encoding="utf-8")
    [result] = lint_files([str(path)], "note")
    assert result.path == str(path) and not result.skipped and result.text.startswith("Thanks")
    label = next(f for f in result.findings if f.finding.rule == "tone.label")
    assert (label.line, label.column) == (2, 8)
    assert label.start is not None and label.end is not None
    assert result.text[label.start : label.end] == "lazy"
    assert result.has_errors


def test_a_repeated_path_is_checked_once_in_the_order_given(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("Sam is lazy.", encoding="utf-8")
    second.write_text("You always leave clear notes, thank you.", encoding="utf-8")
    results = lint_files([str(second), str(first), str(second)], "note")
    assert [r.path for r in results] == [str(second), str(first)]
    assert [r.has_errors for r in results] == [False, True]


def test_the_reader_is_injected_and_dash_has_no_path() -> None:
    read: list[str] = []

    def reader(name: str) -> str:
        read.append(name)
        return "# 0003. Use Kafka\n\nSam is lazy."

    [result] = lint_files(["-"], "adr", read=reader)
    assert read == ["-"] and result.path == "-"
    assert "adr.title" not in _rules(result)  # no file name to compare the number with
    assert "adr.status" in _rules(result)


def test_adr_indexes_and_templates_are_skipped(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Decision log\n", encoding="utf-8")
    [result] = lint_files([str(readme)], "adr")
    assert result.skipped and result.findings == [] and not result.has_errors
    [as_note] = lint_files([str(readme)], "note")  # only ADR checks skip them
    assert not as_note.skipped


def test_sibling_adrs_feed_the_supersede_check(tmp_path: Path) -> None:
    log, other = tmp_path / "adr", tmp_path / "other"
    log.mkdir()
    other.mkdir()
    _adr(log, "0002", "Use PostgreSQL", "Superseded by 0009")
    new = _adr(log, "0009", "Use CockroachDB", "Accepted. Supersedes 0002.")
    (log / "template.md").write_text("# 0000. Title\n", encoding="utf-8")
    [result] = lint_files([str(new)], "adr")
    assert result.findings == []
    elsewhere = _adr(other, "0009", "Use CockroachDB", "Accepted. Supersedes 0002.")
    assert "adr.supersede" not in _rules(lint_files([str(elsewhere)], "adr")[0])  # no 0002 to contradict
    _adr(other, "0002", "Use PostgreSQL", "Accepted")
    assert "adr.supersede" in _rules(lint_files([str(elsewhere)], "adr")[0])  # 0002 does not link back


def test_adr_siblings_leave_out_stdin_indexes_and_templates(tmp_path: Path) -> None:
    given = _adr(tmp_path, "0002", "Use PostgreSQL", "Accepted")
    sibling = _adr(tmp_path, "0003", "Use Kafka", "Accepted")
    (tmp_path / "README.md").write_text("# Decision log\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not markdown\n", encoding="utf-8")
    docs = adr_siblings({str(given): "edited text", "-": "from stdin"})
    assert docs == {str(given): "edited text", str(sibling): sibling.read_text(encoding="utf-8")}
    assert MAX_SIBLINGS >= 100


def test_sbi_part_spans_become_absolute() -> None:
    [result] = lint_texts({"-": SBI}, "sbi")
    behavior = next(f for f in result.findings if f.finding.rule == "sbi.behavior")
    assert behavior.finding.span is not None and behavior.finding.span.field == "behavior"
    assert behavior.finding.span.start == 0  # relative to the part ...
    assert (behavior.line, behavior.column) == (2, 11)  # ... placed in the whole text
    assert behavior.start is not None and SBI[behavior.start : behavior.end] == "You are lazy."


def test_a_finding_without_a_place_has_no_line() -> None:
    finding = Finding(rule="sbi.missing", severity=Severity.ERROR, span=None, message="m", fix="f")
    assert absolute_span("text", finding) is None
    assert locate("text", finding).model_dump(exclude={"finding"}) == dict.fromkeys(("start", "end", "line", "column"))
    lost = finding.model_copy(update={"span": Span(start=0, end=2, text="xy", field="nowhere")})
    assert absolute_span("text", lost) is None


def test_line_col_is_one_based() -> None:
    assert line_col("ab\ncd", 0) == (1, 1)
    assert line_col("ab\ncd", 4) == (2, 2)


def test_old_kind_name_checks_as_note() -> None:
    text = {"-": "Sam is lazy and always late."}
    assert lint_texts(text, "feedback") == lint_texts(text, "note")

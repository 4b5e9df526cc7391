"""The checks scorer, its case format, and the gate on the labelled set (CI fails if a rule regresses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.checks import RULES
from assistant.errors import InputError
from assistant.evals.checks_eval import (
    MIN_POSITIVES,
    Case,
    ChecksThresholds,
    Report,
    RuleScore,
    evaluate,
    load_cases,
    load_thresholds,
    precision,
    recall,
    score,
)

GATE = ChecksThresholds(min_precision=0.9, min_recall=0.9)


def test_scorer_counts_true_and_false_positives_per_rule() -> None:
    cases = [
        Case(id="a", kind="note", text="Sam is lazy.", expect=["tone.label"]),
        Case(id="b", kind="note", text="Lazy loading is on.", expect=[]),
        Case(id="c", kind="note", text="You are careful.", expect=["tone.label"]),  # a false negative
        Case(id="d", kind="note", text="Ravi is rude.", expect=[]),  # a false positive
    ]
    report = score(cases, GATE)
    label = next(r for r in report.rules if r.rule == "tone.label")
    assert (label.positives, label.tp, label.fp, label.fn) == (2, 1, 1, 1)
    assert label.false_negatives == ["c"] and label.false_positives == ["d"]
    assert label.precision == 0.5 and label.recall == 0.5
    assert not label.gated and report.passed  # fewer than MIN_POSITIVES positives: reported, not gated


def test_precision_and_recall_with_empty_denominators_are_one() -> None:
    assert (precision(3, 1), recall(3, 1)) == (0.75, 0.75)
    assert (precision(0, 2), recall(0, 2)) == (0.0, 0.0)
    assert (precision(0, 0), recall(0, 0)) == (1.0, 1.0)  # nothing fired / nothing expected: nothing went wrong


def test_per_rule_and_total_scores_use_the_same_formula() -> None:
    rules = [RuleScore("a", tp=3, fp=1, fn=0), RuleScore("b", tp=0, fp=0, fn=2), RuleScore("c")]
    assert [(r.precision, r.recall) for r in rules] == [(0.75, 1.0), (1.0, 0.0), (1.0, 1.0)]
    report = Report(rules, cases=3, gate=GATE, split="all")
    assert (report.tp, report.fp, report.fn) == (3, 1, 2)
    assert (report.precision, report.recall) == (precision(3, 1), recall(3, 2)) == (0.75, 0.6)
    assert (Report([], 0, GATE, "all").precision, Report([], 0, GATE, "all").recall) == (1.0, 1.0)


def test_ignored_rules_and_other_kinds_are_not_scored() -> None:
    cases = [Case(id="a", kind="adr", text="# Title\n\nSam is lazy."), Case(id="b", kind="note",
             text="Sam is lazy.", ignore=["tone.label"])]  # fmt: skip
    label = next(r for r in score(cases, GATE).rules if r.rule == "tone.label")
    assert (label.tp, label.fp, label.fn) == (0, 0, 0)


def test_gate_fails_a_gated_rule_below_threshold() -> None:
    cases = [Case(id=str(i), kind="note", text="You are careful.", expect=["tone.label"]) for i in range(3)]
    report = score(cases, GATE)
    assert not report.passed and [r.rule for r in report.failing] == ["tone.label"]


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body",
    [
        "cases:\n  - {id: a, kind: note, text: x, expect: [], surprise: 1}\n",  # extra field
        "cases:\n  - {id: a, kind: note, text: x, expect: [no.such_rule]}\n",
        "cases:\n  - {id: a, kind: adr, text: x, expect: [tone.label]}\n",  # rule does not apply to kind
        "cases:\n  - {id: a, kind: note, text: x}\n  - {id: a, kind: note, text: y}\n",
        "cases:\n  - {id: a, kind: note, text: x, expect: [tone.label], ignore: [tone.label]}\n",
        "cases: [",
    ],
)
def test_bad_case_files_are_input_errors(tmp_path: Path, body: str) -> None:
    with pytest.raises(InputError):
        load_cases(_write(tmp_path, body))


def test_thresholds_need_a_checks_section(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_thresholds(_write(tmp_path, "retrieval: {hybrid_recall_at_5: 0.9}\n"))


def test_labelled_set_meets_the_gate_for_every_rule() -> None:
    """The whole labelled set, as `coach eval checks` scores it. A rule that regresses fails CI here."""
    report = evaluate()
    failing = {r.rule: (r.precision, r.recall, r.false_positives, r.false_negatives) for r in report.failing}
    assert report.passed, failing
    assert not report.too_few, [r.rule for r in report.too_few]
    assert {r.rule for r in report.rules} == {r.id for r in RULES}
    assert all(r.positives >= MIN_POSITIVES for r in report.rules)


def test_labelled_set_size_and_held_out_share() -> None:
    cases = load_cases()
    held_out = [c for c in cases if c.split == "heldout"]
    assert len(cases) >= 150
    assert 0.15 <= len(held_out) / len(cases) <= 0.3
    assert {c.kind for c in cases} == {"note", "sbi", "status", "adr"}
    assert sum(1 for c in cases if not c.expect) >= 60  # hard negatives keep precision honest

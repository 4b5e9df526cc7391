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
    evaluate,
    load_cases,
    load_thresholds,
    score,
)

GATE = ChecksThresholds(min_precision=0.9, min_recall=0.9)


def test_scorer_counts_true_and_false_positives_per_rule() -> None:
    cases = [
        Case(id="a", kind="feedback", text="Sam is lazy.", expect=["tone.label"]),
        Case(id="b", kind="feedback", text="Lazy loading is on.", expect=[]),
        Case(id="c", kind="feedback", text="You are careful.", expect=["tone.label"]),  # a false negative
        Case(id="d", kind="feedback", text="Ravi is rude.", expect=[]),  # a false positive
    ]
    report = score(cases, GATE)
    label = next(r for r in report.rules if r.rule == "tone.label")
    assert (label.positives, label.tp, label.fp, label.fn) == (2, 1, 1, 1)
    assert label.false_negatives == ["c"] and label.false_positives == ["d"]
    assert label.precision == 0.5 and label.recall == 0.5
    assert not label.gated and report.passed  # fewer than MIN_POSITIVES positives: reported, not gated


def test_ignored_rules_and_other_kinds_are_not_scored() -> None:
    cases = [Case(id="a", kind="adr", text="# Title\n\nSam is lazy."), Case(id="b", kind="feedback",
             text="Sam is lazy.", ignore=["tone.label"])]  # fmt: skip
    label = next(r for r in score(cases, GATE).rules if r.rule == "tone.label")
    assert (label.tp, label.fp, label.fn) == (0, 0, 0)


def test_gate_fails_a_gated_rule_below_threshold() -> None:
    cases = [Case(id=str(i), kind="feedback", text="You are careful.", expect=["tone.label"]) for i in range(3)]
    report = score(cases, GATE)
    assert not report.passed and [r.rule for r in report.failing] == ["tone.label"]


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body",
    [
        "cases:\n  - {id: a, kind: feedback, text: x, expect: [], surprise: 1}\n",  # extra field
        "cases:\n  - {id: a, kind: feedback, text: x, expect: [no.such_rule]}\n",
        "cases:\n  - {id: a, kind: adr, text: x, expect: [tone.label]}\n",  # rule does not apply to kind
        "cases:\n  - {id: a, kind: feedback, text: x}\n  - {id: a, kind: feedback, text: y}\n",
        "cases:\n  - {id: a, kind: feedback, text: x, expect: [tone.label], ignore: [tone.label]}\n",
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
    assert {c.kind for c in cases} == {"feedback", "sbi", "status", "adr"}
    assert sum(1 for c in cases if not c.expect) >= 60  # hard negatives keep precision honest

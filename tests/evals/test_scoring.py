"""Summaries, the comparison with the previous run, and the gate."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.evals.models import CaseResult, Comparison, EvaluatorResult, Report, Thresholds
from assistant.evals.scoring import compare, gate, summarise


def case(cid: str, status: str = "pass", latency: float = 1.0, **verdicts: str) -> CaseResult:
    evaluators = [EvaluatorResult(name=n, status=s) for n, s in verdicts.items()]  # type: ignore[arg-type]
    return CaseResult(id=cid, status=status, latency_s=latency, evaluators=evaluators, completion_tokens=10)  # type: ignore[arg-type]


def report(cases: list[CaseResult]) -> Report:
    summary = summarise(cases)
    return Report(
        suite="chat-replay", skill="chat", mode="replay", model="fake/coach", embedder="hash", started_at="t",
        duration_s=1.0, thresholds=Thresholds(), summary=summary, gate=gate(summary, Thresholds(), Comparison()),
        comparison=Comparison(), cases=cases,
    )  # fmt: skip


def test_summary_counts_cases_evaluators_latency_and_tokens() -> None:
    cases = [
        case("a", latency=1.0, facts="pass", citations="skip"),
        case("b", "fail", latency=3.0, facts="fail", citations="pass"),
        case("c", "error", latency=9.0),
    ]
    s = summarise(cases)
    assert (s.total, s.passed, s.failed, s.errors, s.pass_rate) == (3, 1, 1, 1, pytest.approx(1 / 3, abs=1e-3))
    assert s.evaluators["facts"].rate == 0.5 and s.evaluators["citations"].rate == 1.0
    assert s.evaluators["citations"].skipped == 1
    assert s.latency_p50_s == 2.0  # errors are not timed: they did not finish
    assert s.latency_p95_s == 3.0 and s.completion_tokens == 30


def test_an_empty_run_summarises_to_zeros() -> None:
    s = summarise([])
    assert (s.total, s.pass_rate, s.latency_p50_s) == (0, 0.0, 0.0)


def test_compare_lists_regressions_fixes_and_metric_drops() -> None:
    before = report([case("a", facts="pass"), case("b", "fail", facts="fail"), case("c", facts="pass")])
    now = [case("a", "fail", facts="fail"), case("b", facts="pass"), case("c", "error")]
    result = compare(summarise(now), now, before, "chat-replay-1.json")
    assert result.previous == "chat-replay-1.json"
    assert result.regressions == ["a", "c"] and result.fixed == ["b"]
    assert {d.metric for d in result.metric_drops} == {"pass_rate", "facts pass rate"}  # facts: 2/3 -> 1/2
    drops = {d.metric: (d.before, d.after) for d in result.metric_drops}
    assert drops["pass_rate"] == (pytest.approx(0.6667), pytest.approx(0.3333))


def test_compare_reports_evaluator_drops() -> None:
    before = report([case("a", facts="pass"), case("b", facts="pass")])
    now = [case("a", facts="pass"), case("b", facts="fail")]
    drops = {d.metric for d in compare(summarise(now), now, before, "x").metric_drops}
    assert drops == {"facts pass rate"}


def test_compare_skips_metrics_when_the_selection_differs() -> None:
    before = report([case("a"), case("b")])
    now = [case("a", "fail")]
    result = compare(summarise(now), now, before, "x")
    assert result.regressions == ["a"] and not result.metric_drops and "different case selection" in result.note


def test_compare_without_a_previous_report() -> None:
    assert compare(summarise([]), [], None, None).note == "no previous report of this suite"


@pytest.mark.parametrize(
    ("thresholds", "regressions", "failures"),
    [
        ({"min_pass_rate": 0.5}, [], []),
        ({"min_pass_rate": 0.75}, [], ["pass rate 0.50 is below 0.75"]),
        ({"min_pass_rate": 0.5, "evaluators": {"facts": 0.9}}, [], ["facts pass rate 0.50 is below 0.90"]),
        ({"min_pass_rate": 0.5, "evaluators": {"judge": 0.9}}, [], []),  # never ran: nothing to gate
        ({"min_pass_rate": 0.5, "max_regressions": 0}, ["a"], ["1 regression(s), at most 0 allowed"]),
    ],
)
def test_gate(thresholds: dict[str, Any], regressions: list[str], failures: list[str]) -> None:
    summary = summarise([case("a", facts="pass"), case("b", "fail", facts="fail")])
    result = gate(summary, Thresholds(**thresholds), Comparison(regressions=regressions))
    assert result.failures == failures and result.passed is (not failures)


@pytest.mark.parametrize(
    ("statuses", "min_rate", "code"),
    [(["pass", "pass"], 1.0, 0), (["pass", "fail"], 1.0, 1), (["pass", "error"], 0.0, 2)],
)
def test_exit_code(statuses: list[str], min_rate: float, code: int) -> None:
    cases = [case(str(i), s) for i, s in enumerate(statuses)]
    summary = summarise(cases)
    r = report(cases).model_copy(update={"gate": gate(summary, Thresholds(min_pass_rate=min_rate), Comparison())})
    assert r.exit_code == code


def test_held_out_cases_are_summarised_apart() -> None:
    from assistant.evals.models import CaseResult
    from assistant.evals.scoring import split_summaries

    cases = [
        CaseResult(id="a", status="pass", latency_s=1.0),
        CaseResult(id="b", status="fail", latency_s=2.0),
        CaseResult(id="c", tags=["holdout"], status="fail", latency_s=3.0),
    ]
    splits = split_summaries(cases)
    assert (splits["tuned"].total, splits["tuned"].passed) == (2, 1)
    assert (splits["held-out"].total, splits["held-out"].passed) == (1, 0)
    assert split_summaries(cases[:2]) == {}

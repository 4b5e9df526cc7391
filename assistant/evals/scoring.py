"""From case results to figures: the summary, the comparison with the previous report, and the gate."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from assistant.evals.models import (
    CaseResult,
    Comparison,
    EvaluatorSummary,
    GateResult,
    MetricDrop,
    Report,
    Summary,
    Thresholds,
)

_EPSILON = 1e-9


def _percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    # Nearest rank: with a dozen cases, interpolating would report a latency no case had.
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def summarise(cases: Sequence[CaseResult]) -> Summary:
    per_evaluator: dict[str, EvaluatorSummary] = {}
    for case in cases:
        for result in case.evaluators:
            entry = per_evaluator.setdefault(result.name, EvaluatorSummary())
            if result.status == "pass":
                entry.passed += 1
            elif result.status == "fail":
                entry.failed += 1
            else:
                entry.skipped += 1
    ran = [c.latency_s for c in cases if c.status != "error"]
    passed = sum(c.status == "pass" for c in cases)
    return Summary(
        total=len(cases),
        passed=passed,
        failed=sum(c.status == "fail" for c in cases),
        errors=sum(c.status == "error" for c in cases),
        pass_rate=round(passed / len(cases), 4) if cases else 0.0,
        evaluators=per_evaluator,
        latency_p50_s=round(statistics.median(ran), 3) if ran else 0.0,
        latency_p95_s=round(_percentile(ran, 0.95), 3),
        latency_total_s=round(sum(ran), 3),
        prompt_tokens=sum(c.prompt_tokens for c in cases),
        completion_tokens=sum(c.completion_tokens for c in cases),
    )


HOLDOUT_TAG = "holdout"


def split_summaries(cases: Sequence[CaseResult]) -> dict[str, Summary]:
    """Tuned and held-out figures, when any case is held out (tagged ``holdout``)."""
    held = [c for c in cases if HOLDOUT_TAG in c.tags]
    if not held:
        return {}
    return {"tuned": summarise([c for c in cases if HOLDOUT_TAG not in c.tags]), "held-out": summarise(held)}


def _rates(summary: Summary) -> dict[str, float]:
    rates = {"pass_rate": summary.pass_rate}
    for name, entry in summary.evaluators.items():
        if entry.rate is not None:
            rates[f"{name} pass rate"] = round(entry.rate, 4)
    return rates


def compare(summary: Summary, cases: Sequence[CaseResult], previous: Report | None, name: str | None) -> Comparison:
    """Regressions are cases that passed before and do not now; metrics are compared only over the same cases,
    since a --smoke run's pass rate says nothing about the full suite's."""
    if previous is None:
        return Comparison(note="no previous report of this suite")
    before = {c.id: c.status for c in previous.cases}
    now = {c.id: c.status for c in cases}
    common = [cid for cid in now if cid in before]
    regressions = [cid for cid in common if before[cid] == "pass" and now[cid] != "pass"]
    fixed = [cid for cid in common if before[cid] != "pass" and now[cid] == "pass"]
    if set(before) != set(now):
        note = f"different case selection ({len(common)} case(s) in common); metric comparison skipped"
        return Comparison(previous=name, regressions=regressions, fixed=fixed, note=note)
    old, new = _rates(previous.summary), _rates(summary)
    drops = [
        MetricDrop(metric=metric, before=old[metric], after=value)
        for metric, value in new.items()
        if metric in old and value < old[metric] - _EPSILON
    ]
    return Comparison(previous=name, regressions=regressions, fixed=fixed, metric_drops=drops)


def gate(summary: Summary, thresholds: Thresholds, comparison: Comparison) -> GateResult:
    failures = []
    if summary.pass_rate < thresholds.min_pass_rate - _EPSILON:
        failures.append(f"pass rate {summary.pass_rate:.2f} is below {thresholds.min_pass_rate:.2f}")
    for name, minimum in thresholds.evaluators.items():
        entry = summary.evaluators.get(name)
        rate = entry.rate if entry else None
        # An evaluator that judged no case (e.g. the judge when none is configured) cannot fall below its gate.
        if rate is not None and rate < minimum - _EPSILON:
            failures.append(f"{name} pass rate {rate:.2f} is below {minimum:.2f}")
    limit = thresholds.max_regressions
    if limit is not None and len(comparison.regressions) > limit:
        failures.append(f"{len(comparison.regressions)} regression(s), at most {limit} allowed")
    return GateResult(passed=not failures, failures=failures)

"""Writing a run's report three ways: JSON (everything, and the base of the next comparison), a Markdown summary
for people, and JUnit XML for CI. Files are named ``<skill>-<mode>-<timestamp>``, so sorting names sorts runs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assistant.errors import ConfigError
from assistant.evals.models import CaseResult, Report


@dataclass(frozen=True)
class ReportFiles:
    json: Path
    markdown: Path
    junit: Path


def suite_key(report: Report) -> str:
    # Replay and live runs of one skill are different suites: comparing a fixture run with a model run is noise.
    return f"{report.skill}-{report.mode}"


def previous_report(out_dir: Path, key: str) -> tuple[Report | None, str | None, str]:
    """The newest earlier report of this suite, its file name, and a note when it could not be read."""
    candidates = sorted(out_dir.glob(f"{key}-*.json")) if out_dir.is_dir() else []
    if not candidates:
        return None, None, ""
    path = candidates[-1]
    try:
        return Report.model_validate_json(path.read_text(encoding="utf-8")), path.name, ""
    except (OSError, ValueError, ValidationError) as exc:
        # An old or hand-edited report must not stop a run; the comparison just says why it is missing.
        return None, None, f"could not read the previous report {path.name}: {str(exc).splitlines()[0]}"


def report_stem(out_dir: Path, key: str, started_at: str) -> Path:
    """``<out_dir>/<key>-<timestamp>``, numbered when a report of that name exists: sorting names sorts runs."""
    digits = re.sub(r"\D", "", started_at)[:17]  # 2026-11-23T13:45:00.123+00:00 -> 20261123T134500123
    stamp = f"{digits[:8]}T{digits[8:]}"
    stem = out_dir / f"{key}-{stamp}"
    n = 2
    while stem.with_suffix(".json").exists():
        stem = out_dir / f"{key}-{stamp}-{n}"
        n += 1
    return stem


def write_reports(report: Report, out_dir: Path) -> ReportFiles:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = report_stem(out_dir, suite_key(report), report.started_at)
        files = ReportFiles(stem.with_suffix(".json"), stem.with_suffix(".md"), stem.with_suffix(".xml"))
        files.json.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
        files.markdown.write_text(markdown(report), encoding="utf-8")
        ET.ElementTree(junit(report)).write(files.junit, encoding="utf-8", xml_declaration=True)
    except OSError as exc:
        raise ConfigError(f"cannot write eval reports to {out_dir}: {exc.strerror}", hint="pass --out DIR") from exc
    return files


def append_summary(path: Path, text: str) -> None:
    """Add a Markdown summary to ``path``. Appended, never replaced: CI gives every step of a job the same summary
    file ($GITHUB_STEP_SUMMARY), and one job may run several suites."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise ConfigError(
            f"cannot write the summary to {path}: {exc.strerror}", hint="pass a writable file to --summary"
        ) from exc


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _case_row(case: CaseResult) -> str:
    failed = case.failure_summary() or (case.error or "")[:60] or "-"
    tokens = case.prompt_tokens + case.completion_tokens
    return f"| {case.id} | {case.status} | {failed} | {case.latency_s:.2f} | {tokens} |"


def _split_lines(report: Report) -> list[str]:
    if not report.splits:
        return []
    lines = [
        "## Tuned and held-out cases",
        "",
        "| split | cases | passed | pass rate | latency p50 |",
        "|---|---|---|---|---|",
    ]
    for name, split in report.splits.items():
        lines.append(
            f"| {name} | {split.total} | {split.passed} | {_pct(split.pass_rate)} | {split.latency_p50_s:.2f} s |"
        )
    return [*lines, ""]


def markdown(report: Report) -> str:
    s, g, c = report.summary, report.gate, report.comparison
    prompts = ", ".join(f"{pid}@{ver}" for pid, ver in sorted(report.prompts.items())) or "none"
    lines = [
        f"# Eval `{report.skill}` ({report.mode}{', recording' if report.recorded else ''})",
        "",
        f"- started {report.started_at}, {report.duration_s:.1f} s; {report.selection}",
        f"- model `{report.model}`, embedder `{report.embedder}`, judge `{report.judge_model or 'off'}`",
        f"- prompts: {prompts}",
        f"- **gate: {'passed' if g.passed else 'FAILED'}**" + "".join(f"\n  - {f}" for f in g.failures),
        "",
        f"Pass rate **{_pct(s.pass_rate)}** ({s.passed}/{s.total}, {s.errors} error(s)); "
        f"latency p50 {s.latency_p50_s:.2f} s, p95 {s.latency_p95_s:.2f} s; "
        f"tokens {s.prompt_tokens} in, {s.completion_tokens} out.",
        "",
        "| evaluator | passed | failed | skipped | pass rate |",
        "|---|---|---|---|---|",
        *(f"| {n} | {e.passed} | {e.failed} | {e.skipped} | {_pct(e.rate)} |" for n, e in s.evaluators.items()),
        "",
        *_split_lines(report),
        "## Compared with the previous run",
        "",
        f"Previous: {c.previous or 'none'}. {c.note}".strip(),
        f"- regressions: {', '.join(c.regressions) or 'none'}",
        f"- fixed: {', '.join(c.fixed) or 'none'}",
        *(f"- {d.metric} dropped from {d.before:.2f} to {d.after:.2f}" for d in c.metric_drops),
        "",
        "## Cases",
        "",
        "| case | result | failed (advisory in brackets) | latency s | tokens |",
        "|---|---|---|---|---|",
        *(_case_row(case) for case in report.cases),
        "",
        *_failure_details(report),
    ]
    return "\n".join(lines).rstrip() + "\n"


def _failure_details(report: Report) -> list[str]:
    lines = []
    for case in report.cases:
        problems = [
            f"- {e.name}{'' if e.gating else ' (advisory)'}: {e.detail}" for e in case.evaluators if e.status == "fail"
        ]
        if case.error:
            problems.append(f"- error: {case.error}")
        if problems:
            lines += [f"### {case.id}", "", *problems, ""]
    return ["## Failures", "", *lines] if lines else []


def junit(report: Report) -> ET.Element:
    s = report.summary
    root = ET.Element("testsuites", name=f"coach eval {report.skill}")
    suite = ET.SubElement(
        root,
        "testsuite",
        name=f"eval.{report.skill}.{report.mode}",
        tests=str(s.total),
        failures=str(s.failed),
        errors=str(s.errors),
        skipped="0",
        time=f"{report.duration_s:.3f}",
        timestamp=report.started_at,
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (("model", report.model), ("embedder", report.embedder), ("pass_rate", f"{s.pass_rate:.4f}"),
                        ("gate", "passed" if report.gate.passed else "; ".join(report.gate.failures))):  # fmt: skip
        ET.SubElement(props, "property", name=name, value=value)
    for case in report.cases:
        element = ET.SubElement(
            suite, "testcase", classname=f"eval.{report.skill}", name=case.id, time=f"{case.latency_s:.3f}"
        )
        if case.status == "error":
            ET.SubElement(element, "error", message=(case.error or "error")[:200]).text = case.error
        elif case.status == "fail":
            failed = [e for e in case.evaluators if e.status == "fail" and e.gating]
            message = "failed: " + ", ".join(e.name for e in failed)
            ET.SubElement(element, "failure", message=message).text = "\n".join(f"{e.name}: {e.detail}" for e in failed)
        if case.status != "pass" and case.text:
            ET.SubElement(element, "system-out").text = case.text
    return root

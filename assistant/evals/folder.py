"""Running a team's own eval folder (the layout `coach eval init` writes) as one gate, for CI and for a lead's laptop.

    evals/
      thresholds.yaml        the gate of every suite
      cases/checks.yaml      labelled sentences for the deterministic checks (no model)
      cases/<skill>.yaml     a skill's cases (chat, sbi, status, adr, rehearse)
      fixtures/<skill>/      the skill's recorded replies, written by --record

The checks run first, then every skill that has a case file, and the run exits with the worst suite's code: 0 at or
above every gate, 1 below one, 2 when a suite could not run. In replay, a skill whose replies were never recorded (no
``fixtures/<skill>/manifest.json``) is not run, and the summary says so and how to record: a team can adopt the
folder, and gate the checks in CI, before anyone has a model to record with. ``strict`` makes that an error, for
teams whose suites are all recorded, so that deleting a fixtures folder cannot quietly switch a gate off.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from assistant.errors import CoachError, ConfigError, InputError
from assistant.evals.models import Mode
from assistant.evals.report import report_stem

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.evals.harness import CaseCallback

CHECKS = "checks"
SuiteState = Literal["passed", "failed", "error", "not run"]
_STATES: dict[int, SuiteState] = {0: "passed", 1: "failed", 2: "error"}
_CASE_SUFFIXES = (".yaml", ".yml")


class SuiteOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suite: str
    state: SuiteState
    exit_code: int
    detail: str
    report: str | None = None  # the suite's own JSON report: a file name in the same folder as this report


class FolderReport(BaseModel):
    """What `coach eval all` writes as ``all-<mode>-<timestamp>.json``: one line per suite, and the exit code."""

    model_config = ConfigDict(extra="forbid")

    folder: str
    mode: Mode
    recorded: bool
    started_at: str
    exit_code: int
    suites: list[SuiteOutcome]


@dataclass(frozen=True)
class FolderOptions:
    folder: Path
    mode: Mode = "replay"
    record: bool = False
    smoke: bool = False
    strict: bool = False
    out_dir: Path | None = None


@dataclass(frozen=True)
class _Shared:
    """What every suite of one run shares."""

    settings: Settings
    options: FolderOptions
    thresholds: Path
    out_dir: Path
    started_at: str
    on_case: CaseCallback | None


@dataclass(frozen=True)
class FolderRun:
    report: FolderReport
    markdown: str
    json_path: Path
    markdown_path: Path


def discover(folder: Path) -> tuple[Path, list[Path]]:
    """The folder's thresholds file and case files, the checks first (cheapest, and needs no model)."""
    if not folder.is_dir():
        raise ConfigError(f"no eval folder at {folder}", hint="create one with `coach eval init`, or pass the folder")
    thresholds = folder / "thresholds.yaml"
    if not thresholds.is_file():
        raise ConfigError(
            f"{thresholds} is missing", hint="every suite's gate lives there; `coach eval init` writes an example"
        )
    cases_dir = folder / "cases"
    files = [p for p in cases_dir.iterdir() if p.suffix in _CASE_SUFFIXES] if cases_dir.is_dir() else []
    if not files:
        raise ConfigError(f"no case files in {cases_dir}", hint="add cases/SUITE.yaml, or start from `coach eval init`")
    return thresholds, sorted(files, key=lambda p: (p.stem != CHECKS, p.stem))


def run_folder(
    settings: Settings,
    options: FolderOptions,
    *,
    on_suite: Callable[[str], None] | None = None,
    on_case: CaseCallback | None = None,
) -> FolderRun:
    """Run every suite of the folder and write the combined report. A suite that fails to load or run is reported
    as an error and the others still run: one broken case file must not hide the other suites' results."""
    if options.record and options.mode != "replay":
        raise InputError("--record works in replay mode only", hint="drop --mode live, or drop --record")
    started_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    thresholds, files = discover(options.folder)
    out_dir = options.out_dir or settings.data_dir / "eval-reports"
    shared = _Shared(settings, options, thresholds, out_dir, started_at, on_case)
    sections: list[tuple[SuiteOutcome, str]] = []
    for path in files:
        if on_suite:
            on_suite(path.stem)
        try:
            sections.append(_run_suite(shared, path))
        except CoachError as exc:
            detail = exc.message + (f" (hint: {exc.hint})" if exc.hint else "")
            sections.append((SuiteOutcome(suite=path.stem, state="error", exit_code=2, detail=detail), ""))
    outcomes = [outcome for outcome, _ in sections]
    report = FolderReport(
        folder=str(options.folder), mode=options.mode, recorded=options.record, started_at=started_at,
        exit_code=max(o.exit_code for o in outcomes), suites=outcomes,
    )  # fmt: skip
    text = markdown(report, [section for _, section in sections])
    stem = report_stem(out_dir, f"all-{options.mode}", started_at)
    json_path, markdown_path = stem.with_suffix(".json"), stem.with_suffix(".md")
    _write(json_path, report.model_dump_json(indent=2) + "\n")
    _write(markdown_path, text)
    return FolderRun(report=report, markdown=text, json_path=json_path, markdown_path=markdown_path)


def _run_suite(shared: _Shared, path: Path) -> tuple[SuiteOutcome, str]:
    from assistant.skills.registry import SKILLS

    name, options = path.stem, shared.options
    if name == CHECKS:
        return _run_checks(shared, path)
    if name not in SKILLS:
        known = ", ".join([CHECKS, *SKILLS])
        detail = f"{path.name} is not a suite this command runs ({known})"
        return _not_run(name, detail, strict=options.strict), ""
    fixtures = options.folder / "fixtures" / name
    if options.mode == "replay" and not options.record and not (fixtures / "manifest.json").is_file():
        # Loaded even though it will not run: a broken case file or gate shows up on the first CI run, not on the
        # day someone records.
        from assistant.evals.adapters import get_adapter
        from assistant.evals.cases import load_suite, load_thresholds

        load_suite(path, get_adapter(name))
        load_thresholds(shared.thresholds, name)
        record = f"coach eval all {options.folder} --record"
        detail = f"no recorded replies in {fixtures} yet: record them with a model (`{record}`)"
        return _not_run(name, detail, strict=options.strict), ""
    return _run_skill(shared, path, fixtures)


def _not_run(name: str, detail: str, *, strict: bool) -> SuiteOutcome:
    if strict:
        return SuiteOutcome(suite=name, state="error", exit_code=2, detail=detail)
    return SuiteOutcome(suite=name, state="not run", exit_code=0, detail=detail)


def _run_checks(shared: _Shared, path: Path) -> tuple[SuiteOutcome, str]:
    from assistant.evals import checks_eval

    report = checks_eval.evaluate(path, shared.thresholds)
    text = checks_eval.markdown(report)
    stem = report_stem(shared.out_dir, CHECKS, shared.started_at)
    _write(stem.with_suffix(".json"), json.dumps(report.to_dict(), indent=2) + "\n")
    _write(stem.with_suffix(".md"), text)
    _write(stem.with_suffix(".xml"), ET.tostring(checks_eval.junit(report), encoding="unicode", xml_declaration=True))
    detail = f"precision {report.precision:.2f}, recall {report.recall:.2f} on {report.cases} cases"
    if report.failing:
        detail += "; below the gate: " + ", ".join(r.rule for r in report.failing)
    code = 0 if report.passed else 1
    outcome = SuiteOutcome(
        suite=CHECKS, state=_STATES[code], exit_code=code, detail=detail, report=stem.with_suffix(".json").name
    )
    return outcome, text


def _run_skill(shared: _Shared, path: Path, fixtures: Path) -> tuple[SuiteOutcome, str]:
    from assistant.evals.harness import RunOptions, run_eval
    from assistant.evals.report import markdown as report_markdown

    options = shared.options
    run_options = RunOptions(
        skill=path.stem, mode=options.mode, record=options.record, smoke=options.smoke, out_dir=shared.out_dir,
        cases_path=path, fixtures_dir=fixtures, thresholds_path=shared.thresholds,
    )  # fmt: skip
    outcome = run_eval(shared.settings, run_options, on_case=shared.on_case)
    report = outcome.report
    s = report.summary
    detail = f"pass rate {s.pass_rate:.0%} ({s.passed}/{s.total}" + (f", {s.errors} error(s))" if s.errors else ")")
    if report.gate.failures:
        detail += "; " + "; ".join(report.gate.failures)
    first_error = next((case.error for case in report.cases if case.error), None)
    if first_error:
        detail += f"; first error: {first_error}"
    outcome_line = SuiteOutcome(
        suite=path.stem, state=_STATES[report.exit_code], exit_code=report.exit_code, detail=detail,
        report=outcome.files.json.name,
    )  # fmt: skip
    return outcome_line, report_markdown(report)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}", hint="pass a writable folder to --out") from exc


def _cell(text: str) -> str:
    """Text for one Markdown table cell: a pipe or a line break would end the cell early."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown(report: FolderReport, sections: list[str]) -> str:
    """The summary a CI job shows: the verdict, a line per suite, then each suite's own report (open when it did
    not pass, so the reader lands on the evidence)."""
    counts = Counter(o.state for o in report.suites)
    verdict = {0: "passed", 1: "FAILED (below a gate)", 2: "FAILED (a suite could not run)"}[min(report.exit_code, 2)]
    tally = ", ".join(f"{counts[state]} {state}" for state in ("passed", "failed", "error", "not run") if counts[state])
    lines = [
        f"# coach eval all: `{report.folder}` ({report.mode}{', recording' if report.recorded else ''})",
        "",
        f"**Gate: {verdict}**, exit {report.exit_code}; suites: {tally}.",
        "",
        "| suite | result | detail | report |",
        "|---|---|---|---|",
        *(
            f"| {o.suite} | {o.state} | {_cell(o.detail)} | {f'`{o.report}`' if o.report else '-'} |"
            for o in report.suites
        ),
    ]
    for outcome, section in zip(report.suites, sections, strict=True):
        if section:
            is_open = "" if outcome.state == "passed" else " open"
            summary = f"<details{is_open}><summary>{outcome.suite}: {outcome.state}</summary>"
            lines += ["", summary, "", section.rstrip(), "", "</details>"]
    return "\n".join(lines) + "\n"

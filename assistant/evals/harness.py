"""Running a skill eval: select cases, run each through the service, evaluate, compare, gate, write reports.

Modes: ``replay`` answers every model call from recorded fixtures (offline, deterministic: what `make test` runs);
``live`` calls the configured model. ``record`` is replay in which a miss is answered by the real model and saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import CoachError, InputError
from assistant.evals import scoring, workspace
from assistant.evals.adapters import SkillAdapter, get_adapter
from assistant.evals.cases import EVALS_DIR, Suite, load_suite, load_thresholds
from assistant.evals.evaluators import Subject, Tools, default_tools, evaluate
from assistant.evals.judge import JudgeModel, run_judge
from assistant.evals.models import CaseResult, EvalCase, Mode, Report, Thresholds
from assistant.evals.report import ReportFiles, previous_report, write_reports
from assistant.llm.calllog import CallLog
from assistant.llm.fake_marker import FAKE_MISS_MARKER
from assistant.llm.gateway import LLMGateway

CaseCallback = Callable[[EvalCase], None]


@dataclass(frozen=True)
class RunOptions:
    skill: str
    mode: Mode = "replay"
    record: bool = False
    limit: int | None = None
    smoke: bool = False
    case_ids: tuple[str, ...] = ()
    out_dir: Path | None = None
    cases_path: Path | None = None
    fixtures_dir: Path | None = None
    thresholds_path: Path | None = None


@dataclass(frozen=True)
class RunOutcome:
    report: Report
    files: ReportFiles


@dataclass
class _Run:
    """What every case of one run shares."""

    adapter: SkillAdapter[Any, Any]
    suite: Suite
    service: Any  # CoachService, imported lazily
    gateway: workspace.RecordingGateway
    tools: Tools
    judge: JudgeModel | None
    stale: str = ""  # why replay misses are expected (retrieval changed since recording), for the error hint


def select_cases(cases: Sequence[EvalCase], options: RunOptions) -> tuple[list[EvalCase], str]:
    chosen = list(cases)
    described = []
    if options.case_ids:
        unknown = sorted(set(options.case_ids) - {c.id for c in cases})
        if unknown:
            raise InputError(f"no case {', '.join(unknown)}", hint=f"cases: {', '.join(c.id for c in cases)}")
        chosen = [c for c in chosen if c.id in options.case_ids]
        described.append(f"cases {', '.join(options.case_ids)}")
    if options.smoke:
        chosen = [c for c in chosen if c.smoke or "smoke" in c.tags]
        described.append("smoke cases")
    if options.limit is not None:
        chosen = chosen[: options.limit]
        described.append(f"first {options.limit}")
    if not chosen:
        raise InputError("no eval case matches the selection", hint="drop --smoke, --case or --limit")
    return chosen, "; ".join(described) or "all cases"


def _judge(settings: Settings, mode: Mode, call_log: CallLog) -> JudgeModel | None:
    # Live only: a judge in replay would need its own fixtures, and replay must never leave the machine.
    if mode != "live" or not settings.judge_model:
        return None
    return LLMGateway(settings.model_copy(update={"model": settings.judge_model}), call_log=call_log)


def _prepare(
    settings: Settings, run_settings: Settings, options: RunOptions, suite: Suite, tools: Tools | None
) -> _Run:
    from assistant.service import CoachService

    call_log = CallLog(settings.data_dir / "logs" / "llm-calls.jsonl", include_text=settings.debug)
    gateway = workspace.RecordingGateway(run_settings, call_log=call_log)
    retriever = workspace.eval_retriever(settings, suite.knowledge_dir, suite.file.embedder)
    # A memory checkpointer: eval threads must not land in the user's conversation history.
    service = CoachService(run_settings, llm=gateway, retriever=retriever, checkpointer="memory")
    adapter = get_adapter(options.skill)
    return _Run(adapter, suite, service, gateway, tools or default_tools(), _judge(settings, options.mode, call_log))


def _error(case: EvalCase, exc: CoachError, latency: float, stale: str) -> CaseResult:
    hint = exc.hint
    if FAKE_MISS_MARKER in exc.message:
        hint = f"{stale}record it with --record (docs/evals.md)"
    return CaseResult(
        id=case.id, description=case.description, tags=case.tags, status="error",
        error=exc.message + (f" (hint: {hint})" if hint else ""), latency_s=round(latency, 3),
    )  # fmt: skip


def run_case(run: _Run, case: EvalCase, *, replay_model: str | None) -> CaseResult:
    request = run.suite.inputs[case.id]
    run.gateway.take()
    started = time.perf_counter()
    try:
        result = run.adapter.run(run.service, request, f"eval-{case.id}")
    except CoachError as exc:
        return _error(case, exc, time.perf_counter() - started, run.stale)
    latency = time.perf_counter() - started
    observation = run.adapter.observe(request, result.output)
    evaluations = [
        e.model_copy(update={"gating": False}) if e.name in run.suite.file.advisory else e
        for e in evaluate(
            Subject(case, run.suite.file, result.output, observation, run.adapter.output_model), run.tools
        )
    ]
    if run.judge is not None and case.rubric:
        request_text = "\n\n".join(observation.inputs)
        evaluations.append(
            run_judge(run.judge, case.rubric, request_text, observation.text, run.suite.file.judge_pass_score)
        )
    calls = run.gateway.take()
    passed = all(e.status != "fail" for e in evaluations if e.gating)
    return CaseResult(
        id=case.id, description=case.description, tags=case.tags, status="pass" if passed else "fail",
        evaluators=evaluations, latency_s=round(latency, 3),
        prompt_tokens=sum(c.prompt_tokens for _, c in calls),
        completion_tokens=sum(c.completion_tokens for _, c in calls), llm_calls=len(calls),
        prompts=list(dict.fromkeys(f"{p.id}@{p.version}" for p, _ in calls)),
        fixture_keys=_fixture_keys(replay_model, calls), metrics=dict(result.metrics),
        text=observation.text, output=result.output.model_dump(mode="json"),
    )  # fmt: skip


def _fixture_keys(replay_model: str | None, calls: list[tuple[Any, Any]]) -> list[str]:
    if replay_model is None:
        return []
    from assistant.llm.fake import fixture_key

    return list(dict.fromkeys(fixture_key(replay_model, prompt.as_dicts()) for prompt, _ in calls))


def run_eval(
    settings: Settings,
    options: RunOptions,
    *,
    tools: Tools | None = None,
    on_case: CaseCallback | None = None,
) -> RunOutcome:
    """Run one suite and write its reports. Everything that can be wrong with the inputs fails before any case runs."""
    if options.record and options.mode != "replay":
        raise InputError("--record works in replay mode only", hint="drop --mode live, or drop --record")
    started_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    clock = time.perf_counter()
    suite = load_suite(options.cases_path or EVALS_DIR / "cases" / f"{options.skill}.yaml", get_adapter(options.skill))
    thresholds = load_thresholds(options.thresholds_path or EVALS_DIR / "thresholds.yaml", options.skill)
    chosen, selection = select_cases(suite.cases, options)
    fixtures = options.fixtures_dir or EVALS_DIR / "fixtures" / options.skill
    manifest = workspace.check_manifest(fixtures, suite.file.embedder) if options.mode == "replay" else {}
    # Taken before the run: the manifest must describe the retrieval the replies were recorded with.
    index = workspace.index_key(suite.knowledge_dir, suite.file.embedder) if suite.knowledge_dir else None
    stale = _staleness(manifest, index)
    run, results = _run_cases(
        settings, options, suite, chosen, fixtures=fixtures, tools=tools, on_case=on_case, stale=stale
    )
    if options.record:
        recorder = workspace.record_model(settings)
        _update_fixtures(fixtures, suite, results, recorder, index=index, full=selection == "all cases")
    out_dir = options.out_dir or settings.data_dir / "eval-reports"
    meta = {"started_at": started_at, "duration_s": round(time.perf_counter() - clock, 3), "selection": selection,
            "model": _model_label(options, settings)}  # fmt: skip
    report = _report(options, run, results, thresholds=thresholds, out_dir=out_dir, meta=meta)
    return RunOutcome(report=report, files=write_reports(report, out_dir))


def _run_cases(
    settings: Settings,
    options: RunOptions,
    suite: Suite,
    chosen: list[EvalCase],
    *,
    fixtures: Path,
    tools: Tools | None,
    on_case: CaseCallback | None,
    stale: str,
) -> tuple[_Run, list[CaseResult]]:
    replaying = options.mode == "replay"
    run_settings = settings.model_copy(update={"model": workspace.REPLAY_MODEL}) if replaying else settings
    recorder = workspace.record_model(settings) if options.record else None
    env: AbstractContextManager[None] = workspace.fake_provider_env(fixtures, recorder) if replaying else nullcontext()
    with env:
        run = _prepare(settings, run_settings, options, suite, tools)
        run.stale = stale
        results = []
        for case in chosen:
            if on_case:
                on_case(case)
            results.append(run_case(run, case, replay_model=run_settings.model if replaying else None))
    return run, results


def _staleness(manifest: dict[str, Any], index: str | None) -> str:
    recorded = manifest.get("index")
    if not recorded or recorded == index:
        return ""
    return "the documents or the retrieval code changed since the fixtures were recorded, so retrieved text differs: "


def _update_fixtures(
    fixtures: Path, suite: Suite, results: list[CaseResult], recorder: str, *, index: str | None, full: bool
) -> None:
    manifest = workspace.check_manifest(fixtures, suite.file.embedder)
    cases: dict[str, list[str]] = {} if full else dict(manifest.get("cases", {}))
    cases.update({r.id: r.fixture_keys for r in results if r.status != "error"})
    if full and not any(r.status == "error" for r in results):
        workspace.prune_fixtures(fixtures, {key for keys in cases.values() for key in keys})
    folder, embedder = suite.knowledge_dir, suite.file.embedder
    workspace.write_manifest(
        fixtures,
        {"skill": suite.file.skill, "embedder": embedder, "recorded_from": recorder,
         "knowledge_sha256": workspace.knowledge_fingerprint(folder) if folder else None,
         "index": index, "cases": dict(sorted(cases.items()))},
    )  # fmt: skip


def _model_label(options: RunOptions, settings: Settings) -> str:
    if options.mode == "live":
        return settings.model
    if options.record:
        return f"{workspace.REPLAY_MODEL} (recording from {workspace.record_model(settings)})"
    return f"{workspace.REPLAY_MODEL} (fixtures)"


def _report(
    options: RunOptions,
    run: _Run,
    results: list[CaseResult],
    *,
    thresholds: Thresholds,
    out_dir: Path,
    meta: dict[str, Any],
) -> Report:
    summary = scoring.summarise(results)
    key = f"{options.skill}-{options.mode}"
    previous, name, note = previous_report(out_dir, key)
    comparison = scoring.compare(summary, results, previous, name)
    if note:
        comparison = comparison.model_copy(update={"note": note})
    prompts: dict[str, int] = {}
    for case in results:
        for ref in case.prompts:
            prompt_id, version = ref.rsplit("@", 1)
            prompts[prompt_id] = int(version)
    judge = run.judge.settings.model if isinstance(run.judge, LLMGateway) else None
    return Report(
        suite=key, skill=options.skill, mode=options.mode, recorded=options.record, judge_model=judge,
        embedder=run.suite.file.embedder, prompts=prompts, thresholds=thresholds, **meta,
        summary=summary, splits=scoring.split_summaries(results), gate=scoring.gate(summary, thresholds, comparison),
        comparison=comparison, cases=results,
    )  # fmt: skip

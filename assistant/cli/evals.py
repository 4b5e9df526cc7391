"""`coach eval <skill>`: one command per skill with an eval adapter. Thin: parse, run the harness, print, exit.

Exit codes: 0 at or above the suite's gate, 1 below it, 2 when a case could not run or the setup is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import console, guarded, settings

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.evals.harness import RunOptions, RunOutcome


class EvalMode(StrEnum):
    replay = "replay"
    live = "live"


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    from assistant.skills.registry import SKILLS

    for name, entry in SKILLS.items():
        eval_app.command(name, help=f"Eval: {entry.help} Exit 0 at or above the gate, 1 below it, 2 on errors.")(
            _command_for(name)
        )


def _command_for(skill: str) -> Callable[..., None]:
    @guarded
    def command(  # every parameter is a CLI option, so keyword-only keeps call sites explicit
        *,
        mode: Annotated[
            EvalMode, typer.Option("--mode", help="replay: recorded replies, offline; live: the configured model.")
        ] = EvalMode.replay,
        record: Annotated[
            bool, typer.Option("--record", help="Replay, but answer and save missing replies with the real model.")
        ] = False,
        limit: Annotated[int | None, typer.Option("--limit", min=1, help="Run only the first N cases.")] = None,
        smoke: Annotated[bool, typer.Option("--smoke", help="Run only the cases marked smoke.")] = False,
        case: Annotated[list[str] | None, typer.Option("--case", help="Run this case id (repeatable).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
        out: Annotated[
            Path | None, typer.Option("--out", help="Report folder (default DATA_DIR/eval-reports).")
        ] = None,
        cases_file: Annotated[
            Path | None, typer.Option("--cases", help="Case file (default evals/cases/SKILL.yaml).")
        ] = None,
        fixtures: Annotated[
            Path | None, typer.Option("--fixtures", help="Replay fixtures (default evals/fixtures/SKILL/).")
        ] = None,
        thresholds: Annotated[
            Path | None, typer.Option("--thresholds", help="Gate file (default evals/thresholds.yaml).")
        ] = None,
    ) -> None:
        from assistant.evals.harness import RunOptions

        options = RunOptions(
            skill=skill,
            mode="live" if mode is EvalMode.live else "replay",
            record=record,
            limit=limit,
            smoke=smoke,
            case_ids=tuple(case or ()),
            out_dir=out,
            cases_path=cases_file,
            fixtures_dir=fixtures,
            thresholds_path=thresholds,
        )
        raise typer.Exit(run(options, as_json=as_json))

    return command


def run(options: RunOptions, *, as_json: bool) -> int:
    from assistant.evals.harness import run_eval

    err = console(stderr=True)
    with err.status(f"Preparing the {options.skill} eval…") as status:
        outcome = run_eval(
            settings(),
            options,
            on_case=lambda case: status.update(f"Running {case.id}…"),
        )
    if as_json:
        typer.echo(outcome.report.model_dump_json(indent=2))
    else:
        show(console(), outcome)
    return outcome.report.exit_code


def show(out: Console, outcome: RunOutcome) -> None:
    from rich.markup import escape
    from rich.table import Table

    report = outcome.report
    table = Table(title=f"coach eval {report.skill} ({report.mode}, {report.model})", title_justify="left")
    for column in ("case", "result", "failed evaluators (advisory)", "latency s", "tokens"):
        table.add_column(column, justify="right" if column in {"latency s", "tokens"} else "left")
    styles = {"pass": "green", "fail": "red", "error": "bold red"}
    for case in report.cases:
        failed = case.failure_summary() or ("see the error below" if case.error else "")
        tokens = case.prompt_tokens + case.completion_tokens
        table.add_row(
            case.id, f"[{styles[case.status]}]{case.status}[/]", escape(failed), f"{case.latency_s:.2f}", str(tokens)
        )
    out.print(table)
    _print_summary(out, outcome)


def _print_summary(out: Console, outcome: RunOutcome) -> None:
    from rich.markup import escape

    report = outcome.report
    s = report.summary
    out.print(
        f"pass rate {s.pass_rate:.0%} ({s.passed}/{s.total}, {s.errors} error(s)); latency p50 {s.latency_p50_s:.2f} s;"
        f" tokens {s.prompt_tokens} in / {s.completion_tokens} out",
        markup=False,
    )
    rates = [f"{n} {e.passed}/{e.judged}" for n, e in s.evaluators.items() if e.judged]
    out.print("evaluators: " + ", ".join(rates), markup=False, soft_wrap=True)
    for name, split in report.splits.items():  # held-out cases reported apart: never tuned on
        out.print(f"{name}: pass rate {split.pass_rate:.0%} ({split.passed}/{split.total})", markup=False)
    c = report.comparison
    if c.previous:
        drops = "; ".join(f"{d.metric} {d.before:.2f}→{d.after:.2f}" for d in c.metric_drops)
        out.print(
            f"vs {c.previous}: regressions {', '.join(c.regressions) or 'none'}; fixed {', '.join(c.fixed) or 'none'}"
            + (f"; drops: {drops}" if drops else ""),
            markup=False,
            soft_wrap=True,
        )
    for error in (case.error for case in report.cases if case.error):
        out.print(f"[red]error:[/] {escape(error)}", soft_wrap=True)
    out.print(f"[dim]reports: {escape(str(outcome.files.markdown))} (+ .json, .xml)[/]", soft_wrap=True)
    if report.gate.passed:
        out.print("[green]gate passed[/]")
    else:
        out.print("[red]gate failed:[/] " + escape("; ".join(report.gate.failures)), soft_wrap=True)

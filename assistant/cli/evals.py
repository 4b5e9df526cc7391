"""`coach eval <skill>`: one command per skill with an eval adapter; `coach eval all`: a team's eval folder in one
run; `coach eval init`: a starting eval folder. Thin: parse, run the harness, print, exit.

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

    from assistant.evals.folder import FolderRun
    from assistant.evals.harness import RunOptions, RunOutcome


class EvalMode(StrEnum):
    replay = "replay"
    live = "live"


ModeOption = Annotated[
    EvalMode, typer.Option("--mode", help="replay: recorded replies, offline; live: the configured model.")
]
RecordOption = Annotated[
    bool, typer.Option("--record", help="Replay, but answer and save missing replies with the real model.")
]
SummaryOption = Annotated[
    Path | None,
    typer.Option("--summary", help="Also append the Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)."),
]


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    from assistant.skills.registry import SKILLS

    eval_app.command("all")(run_all)
    eval_app.command("init")(init)
    for name, entry in SKILLS.items():
        eval_app.command(name, help=f"Eval: {entry.help} Exit 0 at or above the gate, 1 below it, 2 on errors.")(
            _command_for(name)
        )


def _command_for(skill: str) -> Callable[..., None]:
    @guarded
    def command(  # every parameter is a CLI option, so keyword-only keeps call sites explicit
        *,
        mode: ModeOption = EvalMode.replay,
        record: RecordOption = False,
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
        summary: SummaryOption = None,
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
        raise typer.Exit(run(options, as_json=as_json, summary=summary))

    return command


def run(options: RunOptions, *, as_json: bool, summary: Path | None = None) -> int:
    from assistant.evals.harness import run_eval
    from assistant.evals.report import append_summary, markdown

    err = console(stderr=True)
    with err.status(f"Preparing the {options.skill} eval…") as status:
        outcome = run_eval(
            settings(),
            options,
            on_case=lambda case: status.update(f"Running {case.id}…"),
        )
    if summary is not None:
        append_summary(summary, markdown(outcome.report))
    if as_json:
        typer.echo(outcome.report.model_dump_json(indent=2))
    else:
        show(console(), outcome)
    return outcome.report.exit_code


@guarded
def run_all(  # every parameter is a CLI option, so keyword-only keeps call sites explicit
    *,
    folder: Annotated[
        Path, typer.Argument(help="The team's eval folder: thresholds.yaml, cases/, fixtures/ (see `coach eval init`).")
    ] = Path("evals"),
    mode: ModeOption = EvalMode.replay,
    record: RecordOption = False,
    smoke: Annotated[bool, typer.Option("--smoke", help="Run only the cases marked smoke in each skill.")] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="A skill with no recorded replies, or a case file that is no suite, is an error (exit 2)."
        ),
    ] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Report folder (default DATA_DIR/eval-reports).")] = None,
    summary: SummaryOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the combined report as JSON.")] = False,
) -> None:
    """Run every suite in FOLDER: the checks, then each skill with a case file. Exit 0 at or above every gate, 1
    below one, 2 when a suite could not run. In replay, a skill whose replies were never recorded is listed as not
    run (unless --strict)."""
    from assistant.evals.folder import FolderOptions, run_folder
    from assistant.evals.report import append_summary

    options = FolderOptions(
        folder=folder, mode="live" if mode is EvalMode.live else "replay", record=record, smoke=smoke, strict=strict,
        out_dir=out,
    )  # fmt: skip
    err = console(stderr=True)
    with err.status(f"Running the evals in {folder}…") as status:
        result = run_folder(
            settings(),
            options,
            on_suite=lambda name: status.update(f"Running {name}…"),
            on_case=lambda case: status.update(f"Running {case.id}…"),
        )
    if summary is not None:
        append_summary(summary, result.markdown)
    if as_json:
        typer.echo(result.report.model_dump_json(indent=2))
    else:
        show_folder(console(), result)
    raise typer.Exit(result.report.exit_code)


def show_folder(out: Console, result: FolderRun) -> None:
    from rich.markup import escape
    from rich.table import Table

    report = result.report
    table = Table(title=f"coach eval all {report.folder} ({report.mode})", title_justify="left")
    for column in ("suite", "result", "detail"):
        table.add_column(column, overflow="fold")
    styles = {"passed": "green", "failed": "red", "error": "bold red", "not run": "yellow"}
    for suite in report.suites:
        table.add_row(suite.suite, f"[{styles[suite.state]}]{suite.state}[/]", escape(suite.detail))
    out.print(table)
    out.print(f"[dim]reports: {escape(str(result.markdown_path))} (+ .json; each suite's reports beside it)[/]")
    if report.exit_code == 0:
        out.print("[green]gate passed[/]")
    else:
        out.print(f"[red]gate failed[/] (exit {report.exit_code})")


@guarded
def init(
    folder: Annotated[Path, typer.Argument(help="Where to write the example eval folder.")] = Path("evals"),
    force: Annotated[bool, typer.Option("--force", help="Replace files of the same name.")] = False,
) -> None:
    """Write an example eval folder for your own repository: cases per skill, the checks, thresholds, a README."""
    from rich.markup import escape

    from assistant.evals.scaffold import scaffold

    written = scaffold(folder, force=force)
    out = console()
    for path in written:
        out.print(f"[green]wrote[/] {escape(str(path))}")
    where = escape(str(folder))
    out.print(
        f"Next: `coach eval all {where}` runs the checks now; the skills run once their replies are recorded"
        f" (`coach eval all {where} --record`, with a model). See {where}/README.md.",
        soft_wrap=True,
    )


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

"""`coach lint`, `coach rules` and `coach eval checks`: the deterministic checks from the command line.

This module parses arguments and renders; reading the files, the ADR siblings and placing each finding in its text
are in ``assistant.checks.files``. Exit codes: lint exits 1 when any finding is an error, 0 otherwise, 2 on bad input;
`eval checks` exits 1 below the gate in evals/thresholds.yaml. Imports of the checks (and of textstat/VADER inside
them) happen inside the commands.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import console, guarded, read_file_or_stdin
from assistant.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.checks.base import Audience
    from assistant.checks.files import FileResult, LocatedFinding
    from assistant.evals.checks_eval import Report


class Kind(StrEnum):
    note = "note"
    sbi = "sbi"
    status = "status"
    adr = "adr"


class AudienceOption(StrEnum):
    exec = "exec"
    product = "product"
    team = "team"
    other_team = "other_team"


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class SplitOption(StrEnum):
    all = "all"
    dev = "dev"
    heldout = "heldout"


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("lint")(lint)
    app.command("rules")(rules)
    eval_app.command("checks")(eval_checks)


def _parse_kind(value: str | Kind) -> Kind:
    """--kind: one of the Kind values, or an old name of one, accepted but not listed in the help ("feedback" was
    renamed "note"). Anything else exits 2, like any bad option."""
    if isinstance(value, Kind):
        return value
    from assistant.checks.base import OLD_KIND_NAMES

    try:
        return Kind(OLD_KIND_NAMES.get(value, value))
    except ValueError:
        choices = ", ".join(repr(k.value) for k in Kind)
        raise typer.BadParameter(f"{value!r} is not one of {choices}.") from None


@guarded
def lint(
    files: Annotated[list[str] | None, typer.Argument(help="Files to check, or '-' for standard input.")] = None,
    kind: Annotated[
        Kind,
        typer.Option(
            "--kind",
            "-k",
            parser=_parse_kind,
            metavar="<" + "|".join(Kind) + ">",
            help="What the text is.",
        ),
    ] = Kind.note,
    audience: Annotated[
        AudienceOption | None, typer.Option("--audience", "-a", help="Who reads it (status updates, jargon).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="text (default) or json.")] = OutputFormat.text,
    show_rules: Annotated[bool, typer.Option("--rules", help="Print the rule catalogue and exit.")] = False,
) -> None:
    """Check feedback, an SBI note, a status update or an ADR. Exit 1 on any error-level finding."""
    if show_rules:
        _print_rules(fmt)
        return
    if not files:
        raise InputError("no file to check", hint="pass FILE (several are fine), or '-' to read standard input")
    from assistant.checks.files import lint_files
    from assistant.config import load_settings

    adr = load_settings().adr if kind is Kind.adr else None
    results = lint_files(files, kind.value, _audience(audience), read=read_file_or_stdin, adr=adr)
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(results_json(results), indent=2, ensure_ascii=False))
    else:
        print_results(console(), results)
    if any(r.has_errors for r in results):
        raise typer.Exit(1)


@guarded
def rules(
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="text (default) or json.")] = OutputFormat.text,
) -> None:
    """List the rule catalogue: ids, severities, kinds and rationales."""
    _print_rules(fmt)


def _audience(option: AudienceOption | None) -> Audience | None:
    """The CLI enum as the checks' Literal (mypy cannot narrow a StrEnum value to a Literal)."""
    table: dict[AudienceOption, Audience] = {
        AudienceOption.exec: "exec",
        AudienceOption.product: "product",
        AudienceOption.team: "team",
        AudienceOption.other_team: "other_team",
    }
    return table[option] if option is not None else None


def results_json(results: list[FileResult]) -> dict[str, object]:
    files = []
    for r in results:
        items = [
            located.finding.model_dump(mode="json") | {"line": located.line, "column": located.column}
            for located in r.findings
        ]
        files.append({"path": r.path, "skipped": r.skipped, "findings": items})
    return {"files": files, "summary": _counts(results)}


def _counts(results: list[FileResult]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0, "files": len(results)}
    for r in results:
        for located in r.findings:
            counts[located.finding.severity.value] += 1
    return counts


def print_results(out: Console, results: list[FileResult]) -> None:
    from rich.markup import escape

    for r in results:
        label = "standard input" if r.path == "-" else r.path
        if r.skipped:
            out.print(f"[dim]{escape(label)}: skipped (an index or template, not an ADR)[/]")
            continue
        out.print(f"[bold]{escape(label)}[/]" + ("" if r.findings else " [green]✓ no findings[/]"))
        for located in r.findings:
            _print_finding(out, r.text, located)
    counts = _counts(results)
    plural = "" if counts["files"] == 1 else "s"
    summary = f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info in "
    style = "bold red" if counts["error"] else ("yellow" if counts["warning"] else "green")
    out.print(f"[{style}]{summary}{counts['files']} file{plural}[/]")


def _print_finding(out: Console, text: str, located: LocatedFinding) -> None:
    from rich.markup import escape
    from rich.text import Text

    finding = located.finding
    loc = f"{located.line}:{located.column}" if located.line is not None else "-"
    sev = finding.severity.value
    out.print(
        f"  {loc:>7}  [{_SEVERITY_STYLE[sev]}]{sev:<7}[/] [bold]{finding.rule}[/]  {escape(finding.message)}",
        soft_wrap=True,
    )
    if located.start is not None and located.end is not None:
        out.print(_excerpt(Text, text, located.start, located.end, style=_SEVERITY_STYLE[sev]))
    out.print(f"           [dim]fix:[/] {escape(finding.fix)}", soft_wrap=True)


def _excerpt(text_cls: type, text: str, start: int, end: int, *, style: str, width: int = 100) -> object:
    """The line holding the span, with the span highlighted; long lines are trimmed around it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    lo = max(line_start, min(start - 30, line_end - width))
    hi = min(line_end, max(lo + width, min(end, line_end)))
    excerpt = text_cls("           " + ("…" if lo > line_start else ""))
    excerpt.append(text[lo:start])
    excerpt.append(text[start : min(end, hi)], style=f"{style} underline")
    excerpt.append(text[min(end, hi) : hi] + ("…" if hi < line_end else ""))
    return excerpt


def _print_rules(fmt: OutputFormat) -> None:
    from assistant.checks import RULES

    if fmt is OutputFormat.json:
        rows = [
            {"id": r.id, "severity": r.severity.value, "kinds": list(r.kinds), "rationale": r.rationale} for r in RULES
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title="coach lint rules", title_justify="left")
    for column in ("id", "severity", "kinds", "rationale"):
        table.add_column(column, overflow="fold")
    for r in RULES:
        sev = r.severity.value
        table.add_row(r.id, f"[{_SEVERITY_STYLE[sev]}]{sev}[/]", ", ".join(r.kinds), r.rationale)
    console().print(table)


@guarded
def eval_checks(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    cases: Annotated[Path | None, typer.Option("--cases", help="Case file (default evals/cases/checks.yaml).")] = None,
    thresholds: Annotated[
        Path | None, typer.Option("--thresholds", help="Gate file (default evals/thresholds.yaml).")
    ] = None,
    split: Annotated[SplitOption, typer.Option("--split", help="Score all cases, or only dev/heldout.")] = (
        SplitOption.all
    ),
    failures: Annotated[bool, typer.Option("--failures", help="List the case ids behind each miss.")] = False,
) -> None:
    """Score every rule's precision and recall on the labelled cases. Exit 1 below the gate."""
    from assistant.evals import checks_eval

    report = checks_eval.evaluate(
        cases or checks_eval.DEFAULT_CASES, thresholds or checks_eval.DEFAULT_THRESHOLDS, split=split.value
    )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        _print_report(console(), report, failures=failures)
    if not report.passed:
        raise typer.Exit(1)


def _print_report(out: Console, report: Report, *, failures: bool) -> None:
    from rich.table import Table

    gate = report.gate
    table = Table(title=f"coach eval checks ({report.split}: {report.cases} cases)", title_justify="left")
    for column in ("rule", "pos", "tp", "fp", "fn", "precision", "recall", "status"):
        table.add_column(column, justify="left" if column in ("rule", "status") else "right")
    for r in report.rules:
        status = "[dim]too few cases[/]" if not r.gated else ("[green]pass[/]" if r.passes(gate) else "[red]FAIL[/]")
        cells = (r.rule, r.positives, r.tp, r.fp, r.fn, f"{r.precision:.2f}", f"{r.recall:.2f}", status)
        table.add_row(*(str(c) for c in cells))
        if failures and (r.false_positives or r.false_negatives):
            misses = f"fp: {', '.join(r.false_positives) or '-'}; fn: {', '.join(r.false_negatives) or '-'}"
            table.add_row("", "", "", "", "", "", "", f"[dim]{misses}[/]")
    out.print(table)
    out.print(
        f"total: precision {report.precision:.3f}, recall {report.recall:.3f} "
        f"(tp {report.tp}, fp {report.fp}, fn {report.fn}); gate: every rule with ≥3 positives at "
        f"precision ≥ {gate.min_precision} and recall ≥ {gate.min_recall}"
    )
    verdict = "[green]PASS[/]" if report.passed else f"[bold red]FAIL[/]: {', '.join(r.rule for r in report.failing)}"
    out.print(verdict)

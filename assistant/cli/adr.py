"""`coach adr new|list|lint|supersede`: the team's ADR log from the command line (assistant/skills/adr/).

The log is found the way adr-tools finds it (`.adr-dir`), then in the usual folders, or set with `[adr] dir`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.cli.common import console, final_event, guarded, read_file_or_stdin, settings
from assistant.cli.lint import Kind, OutputFormat, lint

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.service import CoachService, ResultEvent
    from assistant.skills.adr.log import Log
    from assistant.skills.adr.models import AdrResult

adr_app = typer.Typer(help="The team's ADR log: list it, lint it, mark a record superseded.", no_args_is_help=True)

NOTES_HELP = "Notes file (or - for stdin): the problem, the options, what was decided, the trade-offs."
DirOption = Annotated[
    Path | None,
    typer.Option("--dir", "-d", help="The ADR folder (default: [adr] dir, .adr-dir, docs/adr, docs/decisions, …)."),
]


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(adr_app, name="adr")


def _log(folder: Path | None) -> Log:
    from assistant.skills.adr.log import open_log

    return open_log(settings().adr, folder)


@adr_app.command("list")
@guarded
def list_records(
    folder: DirOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the table of contents as JSON.")] = False,
) -> None:
    """The table of contents: number, title, status, date and template of every record."""
    log = _log(folder)
    if as_json:
        found = {"dir": str(log.dir), "records": [r.model_dump(mode="json") for r in log.records],
                 "unreadable": [u.model_dump(mode="json") for u in log.unreadable]}  # fmt: skip
        typer.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{escape(str(log.dir))}: {len(log.records)} records", title_justify="left")
    for column in ("No.", "Title", "Status", "Date", "Template"):
        table.add_column(column, overflow="fold")
    for r in log.records:
        number = f"{r.number:04d}" if r.number is not None else "-"
        status = (r.status or "-") + "".join(f" by {n:04d}" for n in r.superseded_by[:1])
        table.add_row(number, escape(r.title), escape(status), escape(r.date or "-"), r.template)
    out = console()
    out.print(table)
    for u in log.unreadable:
        out.print(f"[yellow]could not read {escape(str(u.path))}: {escape(u.reason)}[/]")


@adr_app.command("lint")
@guarded
def lint_records(
    paths: Annotated[list[Path] | None, typer.Argument(help="ADR files or folders (default: the log).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="text (default) or json.")] = OutputFormat.text,
) -> None:
    """Check each record against its own template (Nygard, MADR, Y-statement). Exit 1 on any error."""
    from assistant.checks.files import NOT_ADRS
    from assistant.skills.adr.log import find_log

    targets = paths or [find_log(settings().adr)]
    files: list[str] = []
    for target in targets:
        if target.is_dir():
            files.extend(str(p) for p in sorted(target.glob("*.md")) if p.name.lower() not in NOT_ADRS)
        else:
            files.append(str(target))
    if not files:
        from assistant.errors import InputError

        raise InputError("no ADR files to check", hint="pass a folder with NNNN-title.md files, or files")
    lint(files, kind=Kind.adr, fmt=fmt)


@adr_app.command("supersede")
@guarded
def supersede_record(
    old: Annotated[int, typer.Argument(help="Number of the record being replaced.")],
    new: Annotated[int, typer.Argument(help="Number of the record that replaces it.")],
    folder: DirOption = None,
) -> None:
    """Mark OLD superseded by NEW, and NEW as superseding OLD (both files, links both ways)."""
    from assistant.skills.adr.log import supersede

    old_path, new_path = supersede(_log(folder), old, new)
    console().print(f"[green]{old_path.name}[/] is superseded by [green]{new_path.name}[/]; both files updated.")


@adr_app.command("new")
@guarded
def new_record(  # typer passes every option by keyword
    *,
    title: Annotated[str, typer.Argument(help='The decision as a title, e.g. "Use Redis for sessions".')],
    context: Annotated[str, typer.Option("--context", "-c", help=NOTES_HELP)],
    template: Annotated[str | None, typer.Option(help="nygard or madr (default: the log's own).")] = None,
    status: Annotated[str | None, typer.Option(help="proposed or accepted (default: from the notes).")] = None,
    folder: DirOption = None,
    write: Annotated[bool, typer.Option("--write", help="Write the file into the log (never replaces one).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Draft the next record of the log from your notes: numbered, in the log's template, citing related records.
    Notes that decide nothing give a Proposed record with options and open questions. Prints; --write saves."""
    from assistant.skills.adr.models import AdrResult

    notes = read_file_or_stdin(context, what="notes file")
    request = {"title": title, "notes": notes, "template": template, "status": status,
               "log_dir": str(folder) if folder is not None else None}  # fmt: skip
    service = _service()
    err = console(stderr=True)
    result = _drafted(service, request, err).output_as(AdrResult)
    written = service.save_adr(result) if write else None
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json") | {"written": str(written) if written else None},
                              indent=2, ensure_ascii=False))  # fmt: skip
        return
    typer.echo(result.markdown)
    _report(result, written, err)


def _service() -> CoachService:
    from assistant.service import CoachService

    return CoachService(settings())


def _drafted(service: CoachService, request: Mapping[str, Any], err: Console) -> ResultEvent:
    return final_event(service.run("adr", request), err, "Reading the ADR log…")


def _report(result: AdrResult, written: Path | None, err: Console) -> None:
    from rich.markup import escape

    for note in result.notes:
        err.print(f"[cyan]note:[/] {escape(note)}", soft_wrap=True)
    for rel in result.related:
        err.print(f"[dim]cites {escape(rel.file)} ({rel.status or 'no status'}, similarity {rel.score})[/]")
    for rel in result.conflicts:
        err.print(f"[yellow]may conflict with {escape(rel.file)} (accepted). If the new record replaces it, run:[/] "
                  f"coach adr supersede {rel.number} {result.number}", soft_wrap=True)  # fmt: skip
    for finding in result.findings:
        err.print(f"[red]still flagged:[/] {escape(finding)}", soft_wrap=True)
    where = f"written to {written}" if written else f"not written: add --write to save it as {result.file_name}"
    err.print(f"[green]{escape(where)}[/]", soft_wrap=True)

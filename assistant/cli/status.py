"""`coach status NOTES`: a status update for one audience from your notes (assistant/skills/status/).

Private lines are removed before the model sees the notes and listed back on stderr; gaps (an owner, a date the notes
do not give) are left as "to confirm" in the update and asked on stderr, so the update on stdout is the only thing to
paste.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import console, final_event, guarded, read_file_or_stdin, settings

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.service import CoachService
    from assistant.skills.status.models import StatusResult


class AudienceChoice(StrEnum):
    exec = "exec"
    product = "product"
    team = "team"
    other_team = "other-team"


class FormatChoice(StrEnum):
    md = "md"
    text = "text"
    email = "email"


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("status")(status)


@guarded
def status(  # typer passes every option by keyword
    *,
    notes: Annotated[
        str | None, typer.Argument(help="Notes file, or - for stdin: what happened, risks, asks, one line each.")
    ] = None,
    audience: Annotated[AudienceChoice, typer.Option("--audience", "-a", help="Who reads it.")] = AudienceChoice.exec,
    fmt: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="md, text (for chat tools) or email.")
    ] = FormatChoice.md,
    period: Annotated[str | None, typer.Option(help='Shown under the title, e.g. "week of 2026-11-30".')] = None,
    from_git: Annotated[
        Path | None, typer.Option("--from-git", help="A local git repository: its merged work is added to the notes.")
    ] = None,
    since: Annotated[str, typer.Option(help="With --from-git: how far back (git's --since).")] = "1 week ago",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the update to this file.")] = None,
    ask: Annotated[
        bool | None,
        typer.Option("--ask/--no-ask", help="Ask for missing owners, impacts and dates (default: in a terminal)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole result as JSON.")] = False,
) -> None:
    """Draft a status update for exec, product, team or other-team readers from your raw notes.

    Lines marked private or DO NOT SHARE, and anything about health, pay, layoffs, someone's performance or a 1:1,
    are removed before the model sees the notes, and listed back to you. Numbers, dates and owners the notes do not
    give stay as "to confirm" gaps. Example: coach status notes.md --audience exec --format email
    """
    from assistant.errors import InputError

    merged: list[str] = []
    if from_git is not None:
        from assistant.skills.status.gitlog import merged_work

        merged = merged_work(from_git, since)
    if notes is None and not merged:
        raise InputError("no notes given", hint="coach status notes.md --audience exec (or - to read stdin)")
    text = read_file_or_stdin(notes, what="notes file") if notes is not None else ""
    if not text.strip() and merged:
        text = "Merged work this period, from git."
    if ask is None:
        ask = sys.stdin.isatty() and notes != "-" and not as_json
    request = {"notes": text, "audience": audience.value, "period": period, "merged": merged, "ask": ask}
    err = console(stderr=True)
    result = _drafted(request, err)
    shown = {"md": result.markdown, "text": result.text, "email": result.email}[fmt.value]
    if out is not None:
        from assistant.atomic import replace_text

        replace_text(out, shown)
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    typer.echo(shown)
    _report(result, out, err)


def _service() -> CoachService:
    from assistant.service import CoachService

    return CoachService(settings())


def _drafted(request: Mapping[str, object], err: Console) -> StatusResult:
    """Run; when the run pauses on gaps, ask them on the terminal (stderr, so stdout stays the update) and resume.
    An answer left empty stays a gap."""
    from assistant.skills.status.models import StatusResult

    service = _service()
    final = final_event(service.run("status", request), err, "Reading your notes…")
    if final.waiting:
        err.print("[cyan]A few things your notes do not say (Enter to leave one as 'to confirm'):[/]")
        answers = {q.id: err.input(f"  {q.text} ") for q in final.questions}
        final = final_event(service.resume(final.thread_id, answers), err, "Finishing the update…")
    return final.output_as(StatusResult)


def _report(result: StatusResult, out: Path | None, err: Console) -> None:
    from rich.markup import escape

    for item in result.withheld:
        err.print(f"[yellow]left out:[/] {escape(item.text)} [dim]({escape(item.reason)})[/]", soft_wrap=True)
    for gap in result.gaps:
        err.print(f"[cyan]to confirm:[/] {escape(gap)}", soft_wrap=True)
    for note in result.notes:
        if not note.startswith("Left out"):
            err.print(f"[dim]note: {escape(note)}[/]", soft_wrap=True)
    for source in result.sources:
        err.print(f"[dim]house format and workstream names from {escape(source)}[/]", soft_wrap=True)
    for finding in result.findings:
        err.print(f"[red]still flagged:[/] {escape(finding)}", soft_wrap=True)
    err.print(f"[green]{result.words} words (budget {result.budget}); overall {result.overall}.[/]"
              + (f" Written to {escape(str(out))}." if out else ""))  # fmt: skip

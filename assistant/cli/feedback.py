"""`coach feedback log` and `coach feedback delete`: the private, local log of feedback given, with follow-ups.

Items are added by `coach sbi … --save` (or the UI's save button); this module lists what is due and deletes.
"""

from __future__ import annotations

import json

import typer

from assistant.cli.common import console, guarded, settings

feedback_app = typer.Typer(help="Your private log of feedback given, with follow-up dates.", no_args_is_help=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(feedback_app, name="feedback")


@feedback_app.command("log")
@guarded
def log(
    show_all: bool = typer.Option(False, "--all", help="every item, not only those due for follow-up"),
    as_json: bool = typer.Option(False, "--json", help="print the items as JSON"),
) -> None:
    """List feedback whose follow-up date has come (what to look for: did the behaviour change?)."""
    from datetime import date

    from rich.markup import escape

    from assistant.feedback_log import FeedbackLog

    store = FeedbackLog.in_data_dir(settings().data_dir)
    items = store.items() if show_all else store.items(due_on=date.today())
    if as_json:
        typer.echo(json.dumps([i.model_dump(mode="json") for i in items], indent=2, ensure_ascii=False))
        return
    out = console()
    if not items:
        out.print("Nothing due for follow-up." if not show_all else "The feedback log is empty.")
        return
    for item in items:
        due = "[bold yellow]due[/]" if item.due(date.today()) else f"follow up {item.follow_up_on}"
        out.print(f"[bold]#{item.id}[/] {escape(item.recipient)} · given {item.given_on} · {due}", soft_wrap=True)
        out.print(f"   {escape(item.message)}", soft_wrap=True)
    out.print("[dim]Reinforce the change if you saw it; if not, raise it again with the new example.[/]")


@feedback_app.command("delete")
@guarded
def delete(item_id: int = typer.Argument(..., help="the item's number, from `coach feedback log --all`")) -> None:
    """Delete one item from the log."""
    from assistant.errors import InputError
    from assistant.feedback_log import FeedbackLog

    if not FeedbackLog.in_data_dir(settings().data_dir).delete(item_id):
        raise InputError(f"no feedback item {item_id}", hint="see the ids with `coach feedback log --all`")
    console().print(f"Deleted #{item_id}.")

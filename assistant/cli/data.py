"""`coach data`: the lead's own data: export it, delete a thread or everything, and see unanswered requests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assistant.cli.common import console, guarded, settings

if TYPE_CHECKING:
    from assistant.service import CoachService

data_app = typer.Typer(
    help="Your data in the data directory: export, delete, unanswered requests.", no_args_is_help=True
)


def _service() -> CoachService:
    from assistant.service import CoachService

    return CoachService(settings())


@data_app.command("export")
@guarded
def export_(
    out: str = typer.Option(".", "--out", "-o", help="a .zip file to write, or a folder for a dated one"),
) -> None:
    """Write every thread, the feedback log, unanswered requests and uploads into one zip (readable by you only)."""
    from assistant.user_data import export

    path, counts = export(_service(), Path(out))
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    console().print(f"wrote {path} ({summary})", soft_wrap=True)


@data_app.command("delete")
@guarded
def delete(
    thread: str = typer.Option(None, "--thread", help="delete this conversation, rehearsal or run"),
    everything: bool = typer.Option(False, "--all", help="delete everything in the data directory"),
    yes: bool = typer.Option(False, "--yes", "-y", help="do not ask for confirmation (with --all)"),
) -> None:
    """Delete one thread (its checkpoints and unanswered request), or --all: threads, feedback log, uploads, index,
    logs. The model file and your team's documents are never touched."""
    from assistant.errors import InputError
    from assistant.user_data import delete_all, delete_thread

    if bool(thread) == everything:
        raise InputError("say what to delete", hint="coach data delete --thread ID, or coach data delete --all")
    if thread:
        found = delete_thread(_service(), thread)
        console().print(f"deleted thread {thread}" if found else f"no thread {thread} was kept; nothing to delete")
        return
    data_dir = settings().data_dir
    if not yes and not typer.confirm(f"Delete everything in {data_dir}?", default=False):
        console().print("nothing deleted")
        raise typer.Exit(1)
    removed = delete_all(data_dir)
    console().print(f"deleted {len(removed)} item(s) in {data_dir}: {', '.join(removed) or 'it was empty'}")


@data_app.command("drafts")
@guarded
def drafts(
    show: str = typer.Option(None, "--show", help="print one request's text in full (by thread id)"),
    discard: str = typer.Option(None, "--discard", help="forget one unanswered request (by thread id)"),
) -> None:
    """Requests that never got an answer (the model failed, you stopped it, or the app was stopped mid-run)."""
    from assistant.drafts import Drafts
    from assistant.errors import InputError

    kept = Drafts(settings().data_dir / "drafts")
    out = console()
    if show or discard:
        draft = kept.get(show or discard)
        if draft is None:
            raise InputError(f"no unanswered request on thread {show or discard}", hint="see `coach data drafts`")
        if discard:
            kept.clear(discard)
            out.print(f"discarded the {draft.skill} request of {draft.saved_at}")
        else:
            typer.echo(draft.text)
        return
    found = kept.all()
    if not found:
        out.print("no unanswered requests")
    for draft in found:
        first = " ".join(draft.text.split())[:70]
        out.print(f"{draft.thread_id}  {draft.skill:<8} {draft.saved_at[:16]}  {first}", markup=False, soft_wrap=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")

"""`coach ask` (one question) and `coach chat` (an interactive, resumable conversation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from assistant.cli.common import console, guarded, read_text_or_stdin, settings

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.service import CoachService
    from assistant.skills.chat.models import ChatOutput


def _service() -> CoachService:
    from assistant.service import CoachService

    return CoachService(settings())


def render_sources(out: Console, result: ChatOutput) -> None:
    from rich.markup import escape

    from assistant.skills.chat.roles import WRONG_READING, read_as

    out.print(f"[dim]Read as {read_as(result.role, result.counterpart)}. {WRONG_READING}[/]")
    for note in result.notes:
        out.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    if result.sources:
        out.print("[dim]Sources:[/]")
        for source in result.sources:
            # Escaped: unescaped, rich takes [path#heading] for markup and prints only "lines 25-29".
            cite = escape(f"[{source.citation}]")
            out.print(f"[dim]  {cite} lines {source.line_start}-{source.line_end}[/]", soft_wrap=True)


def stream_turn(service: CoachService, message: str, thread_id: str | None, out: Console) -> ChatOutput:
    from assistant.service import ResultEvent, StepEvent, TokenEvent
    from assistant.skills.chat.models import ChatOutput

    result: ChatOutput | None = None
    streamed = False
    try:
        with out.status("Thinking…") as status:
            for event in service.run("chat", {"message": message}, thread_id):
                if isinstance(event, StepEvent):
                    status.update(event.label + "…")
                elif isinstance(event, TokenEvent):
                    status.stop()
                    streamed = True
                    out.print(event.text, end="", markup=False, highlight=False, soft_wrap=True)
                elif isinstance(event, ResultEvent):
                    result = event.output_as(ChatOutput)
    except BaseException:
        if streamed:  # an error after part of the answer starts on a line of its own, not glued to the text
            out.print()
        raise
    out.print()
    assert result is not None  # a run always ends with its result event, or raises
    render_sources(out, result)
    return result


def _read_message(out: Console) -> str | None:
    """One message; a line ending in a backslash continues it, so multi-line input is easy to type."""
    lines: list[str] = []
    while True:
        try:
            line = out.input("[bold cyan]you>[/] " if not lines else "[cyan]...[/] ")
        except EOFError:
            return None
        if line.endswith("\\"):
            lines.append(line[:-1])
            continue
        lines.append(line)
        return "\n".join(lines)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    @guarded
    def ask(
        question: str = typer.Argument(..., help="your question, or - to read it from standard input"),
        thread: str = typer.Option(None, "--thread", help="continue this conversation"),
        as_json: bool = typer.Option(False, "--json", help="print the answer and sources as JSON"),
    ) -> None:
        """Ask one coaching question; the answer streams, with the team documents it used."""
        text = read_text_or_stdin(question, what="question")
        service = _service()
        if as_json:
            typer.echo(service.complete("chat", {"message": text}, thread_id=thread).output.model_dump_json(indent=2))
            return
        result = stream_turn(service, text, thread, console())
        console(stderr=True).print(f"[dim]thread {result.thread_id} (resume with --thread)[/]")

    @app.command()
    @guarded
    def chat(thread: str = typer.Option(None, "--thread", help="resume a conversation by its id")) -> None:
        """Talk with the coach. End a line with \\ to continue typing; /exit or Ctrl-D quits."""
        from rich.markup import escape

        from assistant.errors import CoachError
        from assistant.service import new_thread_id

        out = console()
        service = _service()
        # Fixed up front so a failed first turn is still saved under an id the user can resume.
        thread_id = thread or new_thread_id()
        unanswered = service.unanswered(thread_id) if thread else None
        if thread:
            for turn in service.history(thread_id):
                who = "you" if turn["role"] == "user" else "coach"
                out.print(f"[dim]{who}: {escape(turn['content'])}[/]", soft_wrap=True)
            if unanswered is not None:
                out.print(f"[yellow]not answered:[/] {escape(unanswered.text)}", soft_wrap=True)
                out.print("[dim]/retry sends it again.[/]")
        out.print(f"[dim]model {service.settings.model}. /exit to quit.[/]")
        while (message := _read_message(out)) is not None:
            if message.strip() in {"/exit", "/quit"}:
                break
            if message.strip() == "/retry" and unanswered is not None:
                message, unanswered = unanswered.text, None
            if not message.strip():
                continue
            try:
                thread_id = stream_turn(service, message, thread_id, out).thread_id
            except CoachError as exc:  # keep the session: show the error and let the user retry
                out.print(f"[red]error:[/] {exc.message}" + (f"\n[dim]hint: {exc.hint}[/]" if exc.hint else ""))
        if service.history(thread_id):
            out.print(f"[dim]thread {thread_id}: resume with `coach chat --thread {thread_id}`[/]")

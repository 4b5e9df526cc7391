"""`coach rehearse`: practise a difficult 1:1 against an in-character counterpart, then get a scored debrief.

coach rehearse list [--json]
coach rehearse prep ID [--json]
coach rehearse --scenario ID [--persona TRAIT]          (interactive: /debrief, /retry, /prep, /quit)
coach rehearse --scenario ID --script turns.txt --json  (one line per turn, for evals and CI)
coach rehearse --resume SESSION
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import typer

from assistant.cli.common import console, guarded, read_file_or_stdin, settings

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.service import CoachService, Event, ResultEvent
    from assistant.skills.rehearse.models import RehearseOutput

HELP_LINE = "/debrief ends and scores it, /retry asks again after a failed reply, /prep shows the sheet, /quit pauses"


def _service() -> CoachService:
    from assistant.service import CoachService

    # No retriever: a rehearsal reads its scenario, not the team's documents, so it starts without opening the index.
    return CoachService(settings(), retriever=None)


def _play(events: Iterator[Event], out: Console | None, name: str, shown_notes: int) -> ResultEvent:
    """Print the counterpart's words as they come (``out`` None: print nothing) and return the final event."""
    from assistant.service import ResultEvent, StepEvent, TokenEvent

    final: ResultEvent | None = None
    if out is None:
        for event in events:
            final = event if isinstance(event, ResultEvent) else final
    else:
        from assistant.cli.rehearse_view import _e

        with out.status(f"{name} is thinking…") as status:
            for event in events:
                if isinstance(event, StepEvent):
                    status.update(event.label + "…")
                elif isinstance(event, TokenEvent):
                    status.stop()
                    out.print(f"[bold magenta]{_e(name)}:[/] {_e(event.text)}", soft_wrap=True)
                elif isinstance(event, ResultEvent):
                    final = event
    assert final is not None  # a run always ends with its result event, or raises
    if out is not None:
        for note in _output(final).notes[shown_notes:]:
            out.print(f"[yellow]note:[/] {note}", soft_wrap=True, markup=False)
    return final


def _output(event: ResultEvent) -> RehearseOutput:
    from assistant.skills.rehearse.models import RehearseOutput

    return event.output_as(RehearseOutput)


def _read_turn(out: Console) -> str | None:
    try:
        return out.input("[bold cyan]you>[/] ")
    except EOFError:
        return None


def _converse(service: CoachService, event: ResultEvent, out: Console) -> ResultEvent:
    """The interactive loop: each line resumes the paused run; /quit (or Ctrl-D, or Ctrl-C) leaves it resumable."""
    from assistant.cli.rehearse_view import render_prep
    from assistant.errors import CoachError
    from assistant.skills.rehearse.models import MAX_TURN_CHARS

    result = _output(event)
    name = result.counterpart.split()[0]
    tid = event.thread_id
    try:
        while event.waiting:
            text = _read_turn(out)
            if text is None or text.strip() in {"/quit", "/exit"}:
                break
            text = text.strip()
            if not text:
                continue
            if text == "/prep":
                render_prep(out, result.title, result.counterpart, result.prep)
                continue
            if text in {"/help", "/?"}:
                out.print(f"[dim]{HELP_LINE}[/]")
                continue
            if len(text) > MAX_TURN_CHARS:
                out.print(f"[red]That line is {len(text)} characters; a turn is at most {MAX_TURN_CHARS}.[/]")
                continue
            try:
                event = _play(service.resume(tid, {"turn": text}), out, name, len(_output(event).notes))
            except CoachError as exc:  # keep the session: the line can be sent again
                out.print(f"[red]error:[/] {exc.message}", soft_wrap=True, markup=True)
    except KeyboardInterrupt:
        out.print()
    if event.waiting:
        out.print(f"[dim]Paused. Resume with `coach rehearse --resume {tid}`.[/]")
    return event


def _start(service: CoachService, scenario: str, persona: str | None, out: Console | None) -> ResultEvent:
    request = {"scenario": scenario, "persona": persona}
    return _play(service.run("rehearse", request), out, "", 0) if out is None else _start_shown(service, request, out)


def _start_shown(service: CoachService, request: dict[str, str | None], out: Console) -> ResultEvent:
    from assistant.cli.rehearse_view import render_prep, render_reactions
    from assistant.skills.rehearse.catalogue import scenario as find

    chosen = find(service.settings, str(request["scenario"]).strip().lower())
    render_prep(out, chosen.title, chosen.counterpart.name, chosen.prep)
    render_reactions(out, chosen)
    out.print(f"\n[dim]{chosen.situation.strip()}[/]", soft_wrap=True, markup=False)
    out.print(f"[dim]{HELP_LINE}[/]\n")
    return _play(service.run("rehearse", request), out, chosen.counterpart.first_name, 0)


def _scripted(service: CoachService, event: ResultEvent, turns: list[str], out: Console | None) -> ResultEvent:
    from rich.markup import escape

    from assistant.safety.output import clean_markdown

    name = _output(event).counterpart.split()[0]
    for turn in turns:
        if out is not None:
            # The script's line as the transcript will show it: escaped (markup=False also printed the label's own
            # "[bold cyan]" literally) and without images or scripts, like every text the coach shows.
            out.print(f"[bold cyan]you:[/] {escape(clean_markdown(turn, None))}", soft_wrap=True)
        event = _play(service.resume(event.thread_id, {"turn": turn}), out, name, len(_output(event).notes))
    return _play(service.resume(event.thread_id, {"end": "script"}), out, name, len(_output(event).notes))


def script_turns(text: str) -> list[str]:
    """One turn per line; blank lines and lines starting with # are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


PERSONA_HELP = "play the counterpart with one trait: defensive, quiet, emotional, combative, deflecting"


def _resumed(service: CoachService, session: str, out: Console | None) -> ResultEvent:
    from assistant.cli.rehearse_view import render_line
    from assistant.errors import InputError

    found = service.paused(session)
    if found is None or found.skill != "rehearse":
        raise InputError(f"no rehearsal session {session!r}", hint="the id is printed when a rehearsal pauses")
    if out is not None:
        result = _output(found)
        for line in result.transcript:
            render_line(out, line, result.counterpart.split()[0])
    return found


def run_rehearsal(
    *, scenario: str | None, persona: str | None, script: str | None, resume: str | None, as_json: bool
) -> None:
    from assistant.cli.rehearse_view import render_debrief
    from assistant.errors import InputError

    if scenario and resume:
        raise InputError("use --scenario to start or --resume to continue, not both", hint="pick one")
    if as_json and not script:
        raise InputError("--json needs --script: without a terminal there is no one to type", hint="add --script FILE")
    turns = script_turns(read_file_or_stdin(script, what="script")) if script else None
    service = _service()
    out = None if as_json else console()
    event = _resumed(service, resume, out) if resume else _start(service, scenario or "", persona, out)
    if out is not None:
        out.print(f"[dim]session {event.thread_id}[/]")
    if turns is not None and event.waiting:
        event = _scripted(service, event, turns, out)
    elif out is not None and event.waiting:
        event = _converse(service, event, out)
    if as_json:
        typer.echo(_output(event).model_copy(update={"thread_id": event.thread_id}).model_dump_json(indent=2))
    elif out is not None:
        render_debrief(out, _output(event))


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    rehearse_app = typer.Typer(
        help="Rehearse a difficult 1:1 against an in-character counterpart, then get a scored debrief.",
        invoke_without_command=True,
    )
    app.add_typer(rehearse_app, name="rehearse")

    @rehearse_app.callback(invoke_without_command=True)
    @guarded
    def rehearse(  # typer passes every option by keyword
        ctx: typer.Context,
        *,
        scenario: str = typer.Option(None, "--scenario", "-s", help="the scenario id (see `coach rehearse list`)"),
        persona: str = typer.Option(None, "--persona", help=PERSONA_HELP),
        script: str = typer.Option(None, "--script", help="a file of the lead's lines, one per line (- for stdin)"),
        resume: str = typer.Option(None, "--resume", help="continue a paused rehearsal by its session id"),
        as_json: bool = typer.Option(False, "--json", help="print the transcript and debrief as JSON"),
    ) -> None:
        """Start (--scenario), script (--script) or resume (--resume) a rehearsal."""
        if ctx.invoked_subcommand:
            return
        if not scenario and not resume:
            typer.echo(ctx.get_help())
            raise typer.Exit(0)
        run_rehearsal(scenario=scenario, persona=persona, script=script, resume=resume, as_json=as_json)

    @rehearse_app.command("list")
    @guarded
    def list_scenarios(as_json: bool = typer.Option(False, "--json", help="print the scenarios as JSON")) -> None:
        """The scenarios you can rehearse: shipped ones and your own (<data dir>/personas/*.yaml)."""
        import json

        from assistant.cli.rehearse_view import render_list
        from assistant.skills.rehearse.catalogue import catalogue

        found, broken = catalogue(settings())
        ordered = sorted(found.values(), key=lambda s: (s.difficulty, s.id))
        if as_json:
            rows = [
                {"id": s.id, "title": s.title, "summary": s.summary, "counterpart": s.counterpart.name,
                 "relation": s.counterpart.relation, "traits": list(s.traits), "difficulty": s.difficulty}
                for s in ordered
            ]  # fmt: skip
            typer.echo(json.dumps({"scenarios": rows, "skipped": broken}, indent=2, ensure_ascii=False))
            return
        render_list(console(), ordered, broken)

    @rehearse_app.command("prep")
    @guarded
    def prep(
        scenario: str = typer.Argument(..., help="the scenario id"),
        as_json: bool = typer.Option(False, "--json", help="print the prep sheet as JSON"),
    ) -> None:
        """The prep sheet for a scenario: goal, opening line, SBI points, questions, reactions, follow-up."""
        from assistant.cli.rehearse_view import render_prep, render_reactions
        from assistant.skills.rehearse.catalogue import scenario as find

        chosen = find(settings(), scenario.strip().lower())
        if as_json:
            typer.echo(chosen.prep.model_dump_json(indent=2))
            return
        out = console()
        render_prep(out, chosen.title, chosen.counterpart.name, chosen.prep)
        render_reactions(out, chosen)

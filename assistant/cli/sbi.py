"""`coach sbi`: rephrase raw feedback into Situation-Behavior-Impact, asking for missing facts instead of inventing.

Interactive by default: when the note lacks a concrete moment or action, the questions are asked in the terminal and
the same thread continues. ``--no-input`` returns the questions (exit 3) with the thread id to resume with
``--resume THREAD --answer id=text``. Heavy imports happen inside the command.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import console, guarded, read_text_or_stdin, settings
from assistant.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.service import Event, ResultEvent
    from assistant.skills.sbi.models import Change, Question, SBIRequest, SBIResult

EXIT_NEEDS_FACTS = 3
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("sbi")(sbi)


def build_request(
    text: str | None,
    *,
    to: str | None,
    relationship: str,
    polarity: str | None,
    facts: list[str],
    ask: str,
    setting: str,
) -> SBIRequest:
    """The request from the command line (shared with `coach prompt sbi`)."""
    from assistant.skills.sbi.models import Recipient, SBIRequest, parse_relationship
    from assistant.skills.validation import validated

    if polarity not in (None, "improving", "positive"):
        raise InputError(f"unknown polarity {polarity!r}", hint="use improving or positive")
    raw = read_text_or_stdin(text or "", what="feedback")
    fields = {
        "raw": raw,
        "recipient": Recipient.parse(to) if to else None,  # the service guesses it from the note
        "relationship": parse_relationship(relationship),
        "polarity": polarity,
        "known_facts": facts,
        "ask": ask,
        "setting": setting,
    }
    return validated(SBIRequest, fields)


def parse_answers(values: list[str]) -> dict[str, str]:
    from assistant.skills.sbi.questions import ANSWER_IDS

    answers = {}
    for value in values:
        key, sep, answer = value.partition("=")
        if not sep or key.strip() not in ANSWER_IDS:
            raise InputError(f"cannot read --answer {value!r}", hint='write it as --answer situation="…"')
        answers[key.strip()] = answer.strip()
    return answers


def _run(events: Iterator[Event], out: Console) -> ResultEvent:
    from assistant.service import ResultEvent, StepEvent

    final: Event | None = None
    with out.status("Reading your note…") as status:
        for event in events:
            if isinstance(event, StepEvent):
                status.update(event.label + "…")
            final = event
    assert isinstance(final, ResultEvent)  # the service always ends a run with a result event
    return final


def ask_in_terminal(questions: list[Question], out: Console) -> dict[str, str] | None:
    """Ask in the terminal; None when input ends (Ctrl-D), so the caller can return the questions instead."""
    from rich.markup import escape

    out.print("[bold]A few facts first[/] (I won't make them up; Enter skips a question):")
    answers: dict[str, str] = {}
    for question in questions:
        # Escaped: a question may quote the note, and "[link=…]" in it would be rich markup (a terminal hyperlink).
        out.print(f"\n[bold cyan]?[/] {escape(question.text)}", soft_wrap=True)
        out.print(f"  [dim]{escape(question.why)}[/]", soft_wrap=True)
        for number, choice in enumerate(question.choices, 1):
            out.print(f"  {number}. {escape(choice)}", soft_wrap=True)
        try:
            answers[question.id] = out.input("[cyan]>[/] ")
        except EOFError:
            return None
    return answers


def _change_line(change: Change) -> str:
    where = f" ({change.field})" if change.field else ""
    quoted = f' "{change.text}"' if change.text else ""
    style = _STYLE.get(change.severity, "")
    return f"  [{style}]{change.rule}[/]{where}{quoted}: {change.why} [dim]Fix: {change.fix}[/]"


def render(result: SBIResult, out: Console) -> None:
    from rich.markup import escape

    if result.status == "needs_facts":
        render_questions(result.questions, result.thread_id, out)
        for note in result.notes:
            out.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
        return
    _render_rewrite(result, out)
    _render_findings(result, out)
    for item in result.separate:
        out.print(f"[bold]Give separately:[/] {escape(item)}", soft_wrap=True)
    for kept in result.withheld:
        out.print(f"[bold]Left out (private):[/] {escape(kept.text)} [dim]({escape(kept.reason)})[/]", soft_wrap=True)
    for note in result.delivery_notes:
        out.print(f"[dim]delivery:[/] {escape(note)}", soft_wrap=True)
    for note in result.notes:
        out.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    for source in result.sources:
        cite = escape(f"[{source.citation}]")  # unescaped, rich takes [path#heading] for markup and drops it
        out.print(f"[dim]source: {cite} lines {source.line_start}-{source.line_end}[/]", soft_wrap=True)


def _render_rewrite(result: SBIResult, out: Console) -> None:
    from rich.markup import escape

    for label, value in (("Situation", result.situation), ("Behavior", result.behavior), ("Impact", result.impact),
                         ("Keep doing" if result.polarity == "positive" else "Request", result.request),
                         ("Ask", result.opening_question)):  # fmt: skip
        out.print(f"[bold]{label}:[/] {escape(value)}", soft_wrap=True)
    if result.status == "needs_edits":
        out.print("\n[bold yellow]Draft (not ready to say as it is; fix what is still flagged below):[/]")
    else:
        out.print("\n[bold green]Say it like this:[/]")
    out.print(f"{escape(result.message)}\n", soft_wrap=True)


def _render_findings(result: SBIResult, out: Console) -> None:
    from rich.markup import escape

    if result.changes:
        out.print("[bold]What was wrong in your note, and how it changed:[/]")
        for change in result.changes:
            out.print(_change_line(change.model_copy(update={"text": escape(change.text)})), soft_wrap=True)
    if result.remaining:
        out.print("[bold red]Still flagged in the rewrite (fix these before you say it):[/]")
        for change in result.remaining:
            out.print(_change_line(change.model_copy(update={"text": escape(change.text)})), soft_wrap=True)


def render_questions(questions: list[Question], thread_id: str, out: Console) -> None:
    from rich.markup import escape

    out.print("[bold]More facts are needed before this can be written without inventing:[/]")
    for question in questions:
        out.print(f"  [cyan]{question.id}[/]: {escape(question.text)}", soft_wrap=True)
        for number, choice in enumerate(question.choices, 1):
            out.print(f"     {number}. {escape(choice)}", soft_wrap=True)
    out.print(f'[dim]Answer with: coach sbi --resume {thread_id} --answer {questions[0].id}="…"[/]', soft_wrap=True)


@guarded
def sbi(  # typer passes every option by keyword
    *,
    text: Annotated[str | None, typer.Argument(help="the feedback as you'd say it now, or - for stdin")] = None,
    to: Annotated[str | None, typer.Option("--to", help='who it is for: "Sam, senior engineer"')] = None,
    relationship: Annotated[str, typer.Option("--relationship", "-r", help="report, peer, manager, stakeholder")] = (
        "report"
    ),
    polarity: Annotated[str | None, typer.Option(help="improving or positive (inferred when omitted)")] = None,
    facts: Annotated[list[str] | None, typer.Option("--fact", help="a known fact (repeatable)")] = None,
    ask: Annotated[str, typer.Option("--ask", help="what you'd like them to do instead (or keep doing)")] = "",
    setting: Annotated[str, typer.Option(help="where you'll say it: 1:1, Slack DM, retro…")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="never prompt; return the questions (exit 3)")] = False,
    resume: Annotated[str | None, typer.Option(help="continue a thread that asked questions")] = None,
    answers: Annotated[list[str] | None, typer.Option("--answer", help='id="answer" (repeatable)')] = None,
    save: Annotated[bool, typer.Option(help="save to the local feedback log with a follow-up date")] = False,
    follow_up: Annotated[int, typer.Option(help="days until the follow-up (with --save)")] = 14,
) -> None:
    """Rephrase feedback into Situation, Behavior, Impact and a request, with what was wrong explained."""
    from assistant.service import CoachService
    from assistant.skills.sbi.models import SBIResult

    out, err = console(), console(stderr=True)
    service = CoachService(settings())
    given = parse_answers(answers or [])
    if resume:
        first = _run(service.resume(resume, given), err)
        given = {}
    else:
        request = build_request(
            text, to=to, relationship=relationship, polarity=polarity, facts=facts or [], ask=ask, setting=setting
        )
        first = _run(service.run("sbi", request), err)
    interactive = not (no_input or as_json or text == "-")

    def answer(event: ResultEvent) -> dict[str, str] | None:
        # --answer values go to the first round, so one command can run end to end; then ask, if anyone can answer.
        nonlocal given
        if given:
            prepared, given = given, {}
            return prepared
        return ask_in_terminal(event.questions, out) if interactive else None

    final = service.converse(first, answer, consume=lambda events: _run(events, err))
    result = final.output_as(SBIResult)  # while paused: status needs_facts, with the questions and the thread id
    if save and result.status == "ready":
        item = service.log_feedback((to or "").split(",")[0], result.message, polarity=result.polarity,
                                    follow_up_days=follow_up)  # fmt: skip
        err.print(f"[dim]saved as #{item.id}; follow up on {item.follow_up_on}[/]")
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        render(result, out)
    if result.status == "needs_facts":
        raise typer.Exit(EXIT_NEEDS_FACTS)

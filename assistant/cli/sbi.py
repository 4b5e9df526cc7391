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

    from assistant.service import CoachService, Event
    from assistant.skills.sbi import Change, Question, Recipient, SBIRequest, SBIResult

EXIT_NEEDS_FACTS = 3
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("sbi")(sbi)


def _request(
    text: str | None,
    *,
    to: str | None,
    relationship: str,
    polarity: str | None,
    facts: list[str],
    ask: str,
    setting: str,
) -> SBIRequest:
    from assistant.skills.sbi import Recipient, SBIRequest, parse_relationship, validated

    if polarity not in (None, "improving", "positive"):
        raise InputError(f"unknown polarity {polarity!r}", hint="use improving or positive")
    raw = read_text_or_stdin(text or "", what="feedback")
    fields = {
        "raw": raw,
        "recipient": Recipient.parse(to) if to else _named_first(raw),
        "relationship": parse_relationship(relationship),
        "polarity": polarity,
        "known_facts": facts,
        "ask": ask,
        "setting": setting,
    }
    return validated(SBIRequest, fields)


def _named_first(raw: str) -> Recipient | None:
    """ "Tom is lazy, …" without --to: the note opens with the person's name, so use it."""
    from assistant.checks.detectors import named_people
    from assistant.skills.sbi import Recipient

    names = named_people(raw)
    return Recipient(name=names[0].text) if names and names[0].start == 0 else None


def parse_answers(values: list[str]) -> dict[str, str]:
    answers = {}
    for value in values:
        key, sep, answer = value.partition("=")
        if not sep or key.strip() not in {"focus", "situation", "behavior", "impact"}:
            raise InputError(f"cannot read --answer {value!r}", hint='write it as --answer situation="…"')
        answers[key.strip()] = answer.strip()
    return answers


def _run(events: Iterator[Event], out: Console) -> Event:
    from assistant.service import StepEvent

    final: Event | None = None
    with out.status("Reading your note…") as status:
        for event in events:
            if isinstance(event, StepEvent):
                status.update(event.label + "…")
            final = event
    assert final is not None  # the service always ends with questions or a result
    return final


def ask(questions: list[Question], out: Console) -> dict[str, str] | None:
    """Ask in the terminal; None when input ends (Ctrl-D), so the caller can return the questions instead."""
    out.print("[bold]A few facts first[/] (I won't make them up; Enter skips a question):")
    answers: dict[str, str] = {}
    for question in questions:
        out.print(f"\n[bold cyan]?[/] {question.text}", soft_wrap=True)
        out.print(f"  [dim]{question.why}[/]", soft_wrap=True)
        for number, choice in enumerate(question.choices, 1):
            out.print(f"  {number}. {choice}", soft_wrap=True)
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
    for label, value in (("Situation", result.situation), ("Behavior", result.behavior), ("Impact", result.impact),
                         ("Keep doing" if result.polarity == "positive" else "Request", result.request),
                         ("Ask", result.opening_question)):  # fmt: skip
        out.print(f"[bold]{label}:[/] {escape(value)}", soft_wrap=True)
    out.print(f"\n[bold green]Say it like this:[/]\n{escape(result.message)}\n", soft_wrap=True)
    if result.changes:
        out.print("[bold]What was wrong in your note, and how it changed:[/]")
        for change in result.changes:
            out.print(_change_line(change.model_copy(update={"text": escape(change.text)})), soft_wrap=True)
    if result.remaining:
        out.print("[bold red]Still flagged in the rewrite (fix these before you say it):[/]")
        for change in result.remaining:
            out.print(_change_line(change.model_copy(update={"text": escape(change.text)})), soft_wrap=True)
    for item in result.separate:
        out.print(f"[bold]Give separately:[/] {escape(item)}", soft_wrap=True)
    for note in result.delivery_notes:
        out.print(f"[dim]delivery:[/] {escape(note)}", soft_wrap=True)
    for note in result.notes:
        out.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    for source in result.sources:
        out.print(f"[dim]source: [{source.citation}] lines {source.line_start}-{source.line_end}[/]", soft_wrap=True)


def render_questions(questions: list[Question], thread_id: str, out: Console) -> None:
    out.print("[bold]More facts are needed before this can be written without inventing:[/]")
    for question in questions:
        out.print(f"  [cyan]{question.id}[/]: {question.text}", soft_wrap=True)
        for number, choice in enumerate(question.choices, 1):
            out.print(f"     {number}. {choice}", soft_wrap=True)
    out.print(f'[dim]Answer with: coach sbi --resume {thread_id} --answer {questions[0].id}="…"[/]', soft_wrap=True)


def converse(
    service: CoachService, first: Event, interactive: bool, out: Console, given: dict[str, str] | None = None
) -> SBIResult:
    """Answer questions until a result comes back, or hand the questions back when there is no one to ask.
    ``given`` answers (from ``--answer``) are used for the first round, so one command can run end to end."""
    from assistant.service import QuestionsEvent, SBIEvent

    final = first
    while isinstance(final, QuestionsEvent):
        answers, given = (given, None) if given else (ask(final.questions, out) if interactive else None, None)
        if answers is None:
            return final.as_result()
        final = _run(service.resume(final.thread_id, answers), out)
    assert isinstance(final, SBIEvent)
    return final.output


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

    out = console()
    service = CoachService(settings())
    given = parse_answers(answers or [])
    if resume:
        first = _run(service.resume(resume, given), console(stderr=True))
        given = {}
    else:
        request = _request(
            text, to=to, relationship=relationship, polarity=polarity, facts=facts or [], ask=ask, setting=setting
        )
        first = _run(service.sbi(request), console(stderr=True))
    interactive = not (no_input or as_json or text == "-")
    result = converse(service, first, interactive, out, given)
    if save and result.status == "ready":
        _save(service, result, to, follow_up)
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        render(result, out)
    if result.status == "needs_facts":
        raise typer.Exit(EXIT_NEEDS_FACTS)


def _save(service: CoachService, result: SBIResult, to: str | None, follow_up: int) -> None:
    from assistant.feedback_log import FeedbackLog

    log = FeedbackLog.in_data_dir(service.settings.ensure_data_dir())
    recipient = (to or "someone").split(",")[0]
    item = log.add(recipient, result.message, polarity=result.polarity, follow_up_days=follow_up)
    console(stderr=True).print(f"[dim]saved as #{item.id}; follow up on {item.follow_up_on}[/]")

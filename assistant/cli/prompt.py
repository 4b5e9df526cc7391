"""`coach prompt`: a skill's request for another chat tool, built without calling any model, and the coach's checks on
the reply pasted back (assistant/helper/, docs/prompt-helper.md); `coach prompt list|show` for the prompt files.

stdout holds only the prompt (or the checked reply's findings), so it can be piped or copied; what the lead should
know about it (what was left out, the sources, the names hidden and their placeholders) goes to stderr. Exit codes:
0, 1 when a checked reply has an error-level finding (like `coach lint`), 2 on bad input.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.cli.common import console, guarded, read_file_or_stdin, read_text_or_stdin, settings
from assistant.cli.status import AudienceChoice
from assistant.errors import InputError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from assistant.checks.base import Finding
    from assistant.checks.files import LocatedFinding
    from assistant.helper import HelperPrompt
    from assistant.service import CoachService

    Request = BaseModel | Mapping[str, Any]

prompt_app = typer.Typer(
    help="A skill's prompt for another chat tool, built without calling a model; check the reply it gives.",
    no_args_is_help=True,
)


class PromptFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


FormatOption = Annotated[
    PromptFormat,
    typer.Option("--format", "-f", help="text (one block to paste), markdown, or json (OpenAI-style messages)."),
]
CopyOption = Annotated[
    bool,
    typer.Option(
        "--copy", help="Put the prompt on the clipboard (wl-copy, xclip, xsel or pbcopy) instead of printing it."
    ),
]
PrivateOption = Annotated[
    bool,
    typer.Option(
        "--private",
        "--pseudonymise",
        help="Replace names, emails, phones and ids with placeholders; the legend goes to stderr, never the prompt.",
    ),
]
AnswerOption = Annotated[
    str | None,
    typer.Option(
        "--answer",
        help="Check a reply from the other tool (a file, or - for stdin) with the coach's own checks, instead of "
        "printing the prompt. Give the same input too, to check facts against it.",
    ),
]
RestoreOption = Annotated[
    str | None, typer.Option("--restore", help="With --answer: put back the names a --private prompt hid (its id).")
]
# Where a prompt can go without a terminal in between, in the order tried; each reads the text on stdin.
CLIPBOARDS: tuple[tuple[str, ...], ...] = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(prompt_app, name="prompt")


def _service() -> CoachService:
    from assistant.service import CoachService

    return CoachService(settings())


def copy_to_clipboard(text: str) -> str | None:
    """The clipboard tool that took ``text``, or None when none is installed or none worked (no display, say)."""
    import shutil
    import subprocess

    for command in CLIPBOARDS:
        found = shutil.which(command[0])
        if found is None:
            continue
        try:
            # Output to /dev/null: xclip stays behind to serve the selection, and a pipe it holds would never close.
            done = subprocess.run(
                [found, *command[1:]],
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return command[0]
    return None


def _formatted(helper: HelperPrompt, fmt: PromptFormat) -> str:
    if fmt is PromptFormat.json:
        return json.dumps(helper.messages(), indent=2, ensure_ascii=False) + "\n"
    return helper.markdown() if fmt is PromptFormat.markdown else helper.text()


def _emit(skill: str, request: Request | None, *, fmt: PromptFormat, copy: bool, private: bool, again: str) -> None:
    """Build the prompt, print it (or copy it), and tell the lead on stderr what they need to know about it."""
    from rich.markup import escape

    if request is None:  # the commands build one whenever no reply is given
        raise InputError(f"no input for the {skill} prompt", hint=f"coach prompt {skill} --help")
    err = console(stderr=True)
    helper = _service().helper_prompt(skill, request, private=private)
    shown = _formatted(helper, fmt)
    tool = copy_to_clipboard(shown) if copy else None
    if tool is None:
        typer.echo(shown, nl=False)
    for note in helper.notes:
        err.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    for citation in helper.citations:
        err.print(f"[dim]source: {escape(f'[{citation}]')}[/]", soft_wrap=True)
    restore = ""
    if helper.hidden:
        legend = ", ".join(f"{placeholder} = {original}" for placeholder, original in helper.hidden.items())
        err.print(f"[bold]hidden in the prompt[/] (kept here as prompt {helper.id}): {escape(legend)}", soft_wrap=True)
        restore = f" --restore {helper.id}"
    elif private:
        err.print("[dim]nothing to hide: no names or personal details were found[/]")
    if copy:
        if tool is None:
            err.print(
                "[yellow]no clipboard tool worked[/] (tried wl-copy, xclip, xsel, pbcopy): the prompt is printed "
                "above instead; copy it from there or pipe it to a file.",
                soft_wrap=True,
            )
        else:
            err.print(f"[green]copied to the clipboard[/] with {tool} ({len(shown):,} characters).")
    err.print(
        f"[dim]{helper.prompt.id} v{helper.prompt.version}: paste it into your chat tool, save its reply, then check "
        f"it with: coach prompt {skill} {escape(again)}--answer reply.txt{restore}[/]",
        soft_wrap=True,
    )


def _checked(skill: str, answer: str, request: Request | None, *, fmt: PromptFormat, restore: str | None) -> None:
    """Check the reply; print its findings like `coach lint` does; exit 1 on an error-level finding."""
    from rich.markup import escape

    from assistant.checks.files import FileResult
    from assistant.cli.lint import print_results, results_json

    reply = read_file_or_stdin(answer, what="reply")
    result = _service().check_reply(skill, reply, request, restore_id=restore)
    # In the order of the text, findings about the whole reply first.
    placed = [_placed(result.text, finding) for finding in result.findings]
    placed.sort(key=lambda located: -1 if located.start is None else located.start)
    located = FileResult(path=answer, text=result.text, findings=placed)
    err = console(stderr=True)
    if fmt is PromptFormat.json:
        typer.echo(json.dumps(results_json([located]) | {"text": result.text}, indent=2, ensure_ascii=False))
    else:
        if result.restored:  # the lead reads the reply with the names back in
            typer.echo(result.text + "\n")
        print_results(console(), [located])
    for note in result.notes:
        err.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    if result.has_errors:
        raise typer.Exit(1)


def _placed(text: str, finding: Finding) -> LocatedFinding:
    """The finding where its words are in the checked text. The SBI draft checks read the parts joined into one
    message, so their offsets are not the reply's: their words are looked up instead."""
    from assistant.checks.files import LocatedFinding, line_col, locate

    span = finding.span
    if span is None:
        return LocatedFinding(finding=finding)
    placed = locate(text, finding)
    if placed.start is not None and text[placed.start : placed.end] == span.text:
        return placed
    start = text.find(span.text) if span.text else -1
    if start < 0:
        return LocatedFinding(finding=finding)
    line, column = line_col(text, start)
    return LocatedFinding(finding=finding, start=start, end=start + len(span.text), line=line, column=column)


def _one_stdin(*values: str | None) -> None:
    if sum(value == "-" for value in values) > 1:
        raise InputError("standard input can be read only once", hint="give the input or the reply as a file")


@prompt_app.command("sbi")
@guarded
def sbi_prompt(  # typer passes every option by keyword
    *,
    text: Annotated[str | None, typer.Argument(help="The feedback as you'd say it now, or - for stdin.")] = None,
    to: Annotated[str | None, typer.Option("--to", help='Who it is for: "Sam, senior engineer".')] = None,
    relationship: Annotated[str, typer.Option("--relationship", "-r", help="report, peer, manager, stakeholder")] = (
        "report"
    ),
    polarity: Annotated[str | None, typer.Option(help="improving or positive (inferred when omitted)")] = None,
    facts: Annotated[list[str] | None, typer.Option("--fact", help="A known fact (repeatable).")] = None,
    ask: Annotated[str, typer.Option("--ask", help="What you'd like them to do instead (or keep doing).")] = "",
    setting: Annotated[str, typer.Option(help="Where you'll say it: 1:1, Slack DM, retro…")] = "",
    fmt: FormatOption = PromptFormat.text,
    copy: CopyOption = False,
    private: PrivateOption = False,
    answer: AnswerOption = None,
    restore: RestoreOption = None,
) -> None:
    """The feedback coach's prompt: your note (private lines left out), what the coach's checks found in it, the
    questions it would ask, and your team's guidance on feedback, cited. Example: coach prompt sbi "Tom is lazy" """
    from assistant.cli.sbi import build_request

    _one_stdin(text, answer)
    request = None
    if text is not None or answer is None:
        request = build_request(text, to=to, relationship=relationship, polarity=polarity, facts=facts or [],
                                ask=ask, setting=setting)  # fmt: skip
    if answer is not None:
        _checked("sbi", answer, request, fmt=fmt, restore=restore)
        return
    again = _quoted(text) + (f"--to {_quoted(to)}" if to else "") + "".join(f"--fact {_quoted(f)}" for f in facts or [])
    _emit("sbi", request, fmt=fmt, copy=copy, private=private, again=again)


@prompt_app.command("chat")
@guarded
def chat_prompt(
    *,
    question: Annotated[str | None, typer.Argument(help="Your question, or - for stdin.")] = None,
    fmt: FormatOption = PromptFormat.text,
    copy: CopyOption = False,
    private: PrivateOption = False,
    answer: AnswerOption = None,
    restore: RestoreOption = None,
) -> None:
    """The coaching chat's prompt: who the question is about, the coach's playbook for it, and the team's passages
    with their citations (an answer's citations are checked against them)."""
    _one_stdin(question, answer)
    request = {"message": read_text_or_stdin(question or "", what="question")} if question or answer is None else None
    if answer is not None:
        _checked("chat", answer, request, fmt=fmt, restore=restore)
        return
    _emit("chat", request, fmt=fmt, copy=copy, private=private, again=_quoted(question))


@prompt_app.command("status")
@guarded
def status_prompt(
    *,
    notes: Annotated[str | None, typer.Argument(help="Notes file, or - for stdin.")] = None,
    audience: Annotated[AudienceChoice, typer.Option("--audience", "-a", help="Who reads it.")] = AudienceChoice.exec,
    period: Annotated[str | None, typer.Option(help='Shown under the title, e.g. "week of 2026-11-30".')] = None,
    date: Annotated[str | None, typer.Option(help="The update's date, YYYY-MM-DD (default: today).")] = None,
    fmt: FormatOption = PromptFormat.text,
    copy: CopyOption = False,
    private: PrivateOption = False,
    answer: AnswerOption = None,
    restore: RestoreOption = None,
) -> None:
    """The status update's prompt: your notes without their private lines, dates made absolute, the audience's
    guidance and word budget, and the house format from your team's last update."""
    _one_stdin(notes, answer)
    request = None
    if notes is not None or answer is None:
        if notes is None:
            raise InputError("no notes given", hint="coach prompt status notes.md --audience exec (or - for stdin)")
        text = read_file_or_stdin(notes, what="notes file")
        request = {"notes": text, "audience": audience.value, "period": period, "date": date}
    if answer is not None:
        _checked("status", answer, request, fmt=fmt, restore=restore)
        return
    again = f"{_quoted(notes)}--audience {audience.value} " + (f"--date {date} " if date else "")
    _emit("status", request, fmt=fmt, copy=copy, private=private, again=again)


@prompt_app.command("adr")
@guarded
def adr_prompt(
    *,
    title: Annotated[str | None, typer.Argument(help='The decision as a title, e.g. "Use Redis for sessions".')] = None,
    context: Annotated[
        str | None, typer.Option("--context", "-c", help="Notes file (or - for stdin): problem, options, decision.")
    ] = None,
    template: Annotated[str | None, typer.Option(help="nygard or madr (default: the log's own).")] = None,
    status: Annotated[str | None, typer.Option(help="proposed or accepted (default: from the notes).")] = None,
    folder: Annotated[Path | None, typer.Option("--dir", "-d", help="The ADR folder (default: as coach adr).")] = None,
    fmt: FormatOption = PromptFormat.text,
    copy: CopyOption = False,
    private: PrivateOption = False,
    answer: AnswerOption = None,
    restore: RestoreOption = None,
) -> None:
    """The ADR prompt: the next record of your log (its number, template and status decided by the coach) as a
    skeleton to fill, your notes, and the related records with their opening text."""
    _one_stdin(context, answer)
    request = None
    if title is not None or answer is None:
        if title is None or context is None:
            raise InputError("a title and notes are needed", hint='coach prompt adr "Use X for Y" --context notes.md')
        request = {"title": title, "notes": read_file_or_stdin(context, what="notes file"), "template": template,
                   "status": status, "log_dir": str(folder) if folder is not None else None}  # fmt: skip
    if answer is not None:
        _checked("adr", answer, request, fmt=fmt, restore=restore)
        return
    again = f"{_quoted(title)}--context {_quoted(context)}" + (f"--dir {_quoted(str(folder))}" if folder else "")
    _emit("adr", request, fmt=fmt, copy=copy, private=private, again=again)


def _quoted(value: str | None) -> str:
    """A value as the lead would type it again in the shell, with a space after it; nothing for standard input, which
    cannot be read twice."""
    import shlex

    return f"{shlex.quote(value)} " if value and value != "-" else ""


@prompt_app.command("list")
@guarded
def list_prompts(
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """Every prompt file in prompts/: its id, version, declared variables and file."""
    from assistant.prompts import PROMPTS_DIR, all_prompt_files, parse_prompt

    prompts = [(parse_prompt(path), path.relative_to(PROMPTS_DIR.parent).as_posix()) for path in all_prompt_files()]
    if as_json:
        rows = [{"id": p.id, "version": p.version, "variables": list(p.variables), "file": file} for p, file in prompts]
        typer.echo(json.dumps(rows, indent=2))
        return
    from rich.table import Table

    table = Table(title="prompts", title_justify="left")
    for column in ("id", "version", "variables", "file"):
        table.add_column(column, overflow="fold")
    for prompt, file in prompts:
        table.add_row(prompt.id, str(prompt.version), ", ".join(prompt.variables), file)
    console().print(table)


@prompt_app.command("show")
@guarded
def show_prompt(
    prompt_id: Annotated[str, typer.Argument(metavar="ID", help="A prompt id from `coach prompt list`.")],
) -> None:
    """One prompt file: its description, declared variables and messages ($name marks where a variable goes)."""
    from assistant.prompts import PROMPTS_DIR, all_prompt_files, expected_id, parse_prompt

    paths = {expected_id(path): path for path in all_prompt_files()}
    if prompt_id not in paths:
        raise InputError(f"no prompt with the id {prompt_id!r}", hint="`coach prompt list` shows the ids")
    path = paths[prompt_id]
    prompt = parse_prompt(path)
    out = [f"{prompt.id}  version {prompt.version}  ({path.relative_to(PROMPTS_DIR.parent).as_posix()})",
           " ".join(prompt.description.split()),
           "variables: " + (", ".join(prompt.variables) or "(none)")]  # fmt: skip
    if prompt.system.strip():
        out += ["", "--- system ---", prompt.system.strip()]
    for message in prompt.examples:
        out += ["", f"--- example {message.role} ---", message.content.strip()]
    if prompt.user.strip():
        out += ["", "--- user ---", prompt.user.strip()]
    if prompt.parts:
        out += ["", "parts (snippets code picks from): " + ", ".join(prompt.parts)]
    typer.echo("\n".join(out))

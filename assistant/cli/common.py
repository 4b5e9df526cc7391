"""Helpers shared by the CLI modules: settings, reading input, and turning errors into messages."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer

from assistant.errors import CoachError, InputError

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.config import Settings
    from assistant.service import Event, ResultEvent

P = ParamSpec("P")
R = TypeVar("R")

# Large enough for any real feedback note or document, small enough to reject a pasted log file.
MAX_INPUT_CHARS = 200_000
_MAX_INPUT_BYTES = 4 * MAX_INPUT_CHARS  # UTF-8 takes at most 4 bytes a character


def console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def settings() -> Settings:
    from assistant.config import load_settings

    return load_settings()


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a command, converting CoachError into a readable message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CoachError as exc:
            err = console(stderr=True)
            err.print(f"[bold red]error:[/] {exc.message}", markup=True, soft_wrap=True)
            if exc.hint:
                err.print(f"[dim]hint:[/] {exc.hint}", markup=True, soft_wrap=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            from assistant import shutdown

            if shutdown.begun():  # our signal handler (a real `coach` process), not a test harness
                shutdown.say_last_words()
                shutdown.exit_now(130)
            say_stopped()
            raise typer.Exit(130) from None

    return wrapper


_STARTED = time.time()


def say_stopped() -> None:
    console(stderr=True).print(f"stopped{_kept_note()}", soft_wrap=True)


def _kept_note() -> str:
    """Where the request this command was running is kept (the service writes it before calling the model); an older
    unanswered request is not this command's and is not named."""
    try:
        from datetime import datetime

        from assistant.drafts import Drafts

        newest = Drafts(settings().data_dir / "drafts").all()[:1]
        if not newest or datetime.fromisoformat(newest[0].saved_at).timestamp() < _STARTED - 1:
            return ""
    except Exception:  # the note is a courtesy: stopping must not fail on it
        return ""
    draft = newest[0]
    again = f"`coach chat --thread {draft.thread_id}`" if draft.skill == "chat" else "`coach data drafts`"
    return f"; your {draft.skill} request is kept: see {again}"


def check_text(text: str, *, what: str = "input") -> str:
    """Reject empty, oversized or undecodable text with a message that says what to do."""
    if not text.strip():
        raise InputError(f"the {what} is empty", hint="pass some text, or '-' to read standard input")
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(
            f"the {what} is {len(text):,} characters; the limit is {MAX_INPUT_CHARS:,}",
            hint="shorten it or split it into parts",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes that were not UTF-8 reach Python as lone surrogates (arguments, stdin)
        raise InputError(
            f"the {what} is not valid UTF-8 text", hint="set the terminal to UTF-8, or save the text as a UTF-8 file"
        ) from None
    return text


def decode_text(data: bytes, *, what: str) -> str:
    """Bytes read from a file or standard input as text. Binary or non-UTF-8 input is refused, naming where it goes
    wrong: replacing the bytes would send the model, or `coach lint`, text the user never wrote."""
    if b"\x00" in data[:4096]:
        raise InputError(
            f"the {what} looks like a binary file (it contains NUL bytes)", hint="pass a text or Markdown file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"the {what} is not UTF-8 text: byte 0x{data[exc.start]:02x} on line {line} cannot be read",
            hint="save it as UTF-8, e.g. `iconv -f latin1 -t utf-8 OLD > NEW`",
        ) from None


def _stdin_text(what: str) -> str:
    """Standard input as text, read as bytes so a wrong encoding is reported rather than turned into surrogates. At
    most what could still be within the limit is read: `cat big.log | coach ask -` must not fill the memory."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stand-in (tests, embedding): already decoded
        return check_text(sys.stdin.read(), what=what)
    data = stream.read(_MAX_INPUT_BYTES + 1)
    if len(data) > _MAX_INPUT_BYTES:
        raise InputError(
            f"the {what} is over {_MAX_INPUT_BYTES:,} bytes; the limit is {MAX_INPUT_CHARS:,} characters",
            hint="shorten it or split it into parts",
        )
    return check_text(decode_text(data, what=what), what=what)


def read_text_or_stdin(value: str, *, what: str = "input") -> str:
    """``-`` reads standard input; anything else is the text itself."""
    return _stdin_text(what) if value == "-" else check_text(value, what=what)


def read_file_or_stdin(value: str, *, what: str = "file") -> str:
    """``-`` reads standard input; anything else is a path to a UTF-8 text file."""
    if value == "-":
        return _stdin_text("standard input")
    path = Path(value)
    try:
        size = path.stat().st_size
        if size > _MAX_INPUT_BYTES:
            raise InputError(
                f"{path} is {size / 1_048_576:.1f} MB; the limit is {MAX_INPUT_CHARS:,} characters",
                hint="shorten it or split it into parts",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}", hint="check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file", hint="name a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", hint="check permissions") from exc
    return check_text(decode_text(data, what=f"{what} {path}"), what=f"{what} {path}")


def final_event(events: Iterable[Event], err: Console, label: str) -> ResultEvent:
    """Run ``events`` under a spinner that shows each step's label; the run's result event (paused or done)."""
    from assistant.service import ResultEvent, StepEvent

    final = None
    with err.status(label) as spinner:
        for event in events:
            if isinstance(event, StepEvent):
                spinner.update(event.label + "…")
            final = event
    if not isinstance(final, ResultEvent):  # the service always ends a run with a result event
        raise TypeError("the run ended without a result")
    if hidden := final.hidden.line():  # on stderr: what goes to stdout is the result alone
        err.print(hidden, style="dim", markup=False, soft_wrap=True)
    return final

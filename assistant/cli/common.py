"""Helpers shared by the CLI modules: settings, reading input, and turning errors into messages."""

from __future__ import annotations

import functools
import sys
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
            console(stderr=True).print("interrupted")
            raise typer.Exit(130) from None

    return wrapper


def check_text(text: str, *, what: str = "input") -> str:
    """Reject empty or oversized text with a message that says what to do."""
    if not text.strip():
        raise InputError(f"the {what} is empty", hint="pass some text, or '-' to read standard input")
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(
            f"the {what} is {len(text):,} characters; the limit is {MAX_INPUT_CHARS:,}",
            hint="shorten it or split it into parts",
        )
    return text


def read_text_or_stdin(value: str, *, what: str = "input") -> str:
    """``-`` reads standard input; anything else is the text itself."""
    text = sys.stdin.read() if value == "-" else value
    return check_text(text, what=what)


def read_file_or_stdin(value: str, *, what: str = "file") -> str:
    """``-`` reads standard input; anything else is a path to a UTF-8 text file."""
    if value == "-":
        return check_text(sys.stdin.read(), what="standard input")
    path = Path(value)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}", hint="check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file", hint="name a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", hint="check permissions") from exc
    if b"\x00" in data[:4096]:
        raise InputError(f"{path} looks like a binary file", hint="pass a text or Markdown file")
    return check_text(data.decode("utf-8", errors="replace"), what=f"file {path}")


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
    return final

"""What every bad-input case asserts: the project's own error type, a message naming the problem, a hint naming the
fix; on the command line, exit code 2 and an `error:` line and a `hint:` line, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.errors import CoachError

runner = CliRunner()


def raises_clearly(
    error: type[CoachError], call: Callable[[], Any], problem: str | tuple[str, ...], fix: str | tuple[str, ...]
) -> CoachError:
    """``call()`` raises ``error`` whose message holds every word of ``problem`` and whose hint holds ``fix``."""
    with pytest.raises(error) as caught:
        call()
    exc = caught.value
    for word in (problem,) if isinstance(problem, str) else problem:
        assert word.lower() in exc.message.lower(), f"{word!r} not in message {exc.message!r}"
    for word in (fix,) if isinstance(fix, str) else fix:
        assert word.lower() in exc.hint.lower(), f"{word!r} not in hint {exc.hint!r}"
    return exc


def coach(args: list[str], stdin: str | bytes | None = None) -> Result:
    return runner.invoke(app, args, input=stdin)


def fails_readably(result: Result, problem: str | tuple[str, ...], fix: str | tuple[str, ...]) -> None:
    """A one-line `error:` naming the problem, a `hint:` naming the fix, exit code 2 and no traceback."""
    output = result.output
    assert result.exit_code == 2, output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in output, output
    error = next(line for line in output.splitlines() if line.startswith("error:"))
    hint = next(line for line in output.splitlines() if line.startswith("hint:"))
    for word in (problem,) if isinstance(problem, str) else problem:
        assert word.lower() in error.lower(), f"{word!r} not in {error!r}"
    for word in (fix,) if isinstance(fix, str) else fix:
        assert word.lower() in hint.lower(), f"{word!r} not in {hint!r}"

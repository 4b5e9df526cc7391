"""Entry point of the `coach` command. Importing this module must stay fast: no litellm, chromadb or llama_cpp."""

from __future__ import annotations

import importlib

import typer

from assistant import __version__

app = typer.Typer(
    name="coach",
    help="Tech Lead Coach: feedback, 1:1 practice, status updates and ADRs, grounded in your team's docs.",
    no_args_is_help=True,
    # typer's own `--install-completion` / `--show-completion` for bash, zsh, fish and PowerShell (README).
    add_completion=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Run an eval suite and gate on its thresholds.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# Each module exposes register(app, eval_app); they import their heavy dependencies inside the commands.
COMMAND_MODULES = (
    "chat",
    "data",
    "doctor",
    "model",
    "knowledge",
    "lint",
    "evals",
    "sbi",
    "feedback",
    "rehearse",
    "adr",
    "status",
    "prompt",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Tech Lead Coach."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"assistant.cli.{_name}").register(app, eval_app)


def main() -> None:
    import os

    from assistant.cli.common import say_stopped
    from assistant.shutdown import install_for_cli, set_last_words

    os.umask(0o077)  # what the coach writes (threads, logs, drafts, exports) is readable by its owner only
    install_for_cli()  # SIGTERM stops like Ctrl-C: the model call ends, the lead's text is kept
    set_last_words(say_stopped)
    try:
        app()
    finally:
        _secure_data_dir()


def _secure_data_dir() -> None:
    """Chroma's own writer sets its files' modes itself (0644 seen); they are brought back to owner-only."""
    from contextlib import suppress

    from assistant.config import load_settings
    from assistant.errors import CoachError
    from assistant.user_data import secure

    with suppress(CoachError, OSError, ValueError):
        secure(load_settings().data_dir)


if __name__ == "__main__":
    main()

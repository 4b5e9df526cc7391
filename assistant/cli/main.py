"""Entry point of the `coach` command. Importing this module must stay fast: no litellm, chromadb or llama_cpp."""

from __future__ import annotations

import importlib

import typer

from assistant import __version__

app = typer.Typer(
    name="coach",
    help="Tech Lead Coach: feedback, 1:1 practice, status updates and ADRs, grounded in your team's docs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Run an eval suite and gate on its thresholds.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# Each module exposes register(app, eval_app); they import their heavy dependencies inside the commands.
COMMAND_MODULES = (
    "chat",
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
    app()

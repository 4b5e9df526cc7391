"""`coach ingest`, `coach search`, `coach knowledge stats` and `coach eval retrieval`. Thin: parse, call, print."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.cli.common import console, guarded, settings
from assistant.errors import KnowledgeError

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.knowledge import Hit, IngestReport, KnowledgeStats

_SHOWN_SKIPS = 15
_PREVIEW_CHARS = 280


class SearchMode(StrEnum):
    hybrid = "hybrid"
    dense = "dense"
    lexical = "lexical"


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("search")(search)
    knowledge_app = typer.Typer(help="Inspect the index of your team's documents.", no_args_is_help=True)
    knowledge_app.command("stats")(stats)
    app.add_typer(knowledge_app, name="knowledge")
    eval_app.command("retrieval")(eval_retrieval)


@guarded
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to index (default: COACH_KNOWLEDGE_DIR).")
    ] = None,
    reindex: Annotated[bool, typer.Option("--reindex", help="Drop the index and rebuild it from PATHS.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Index your team's documents (Markdown, text, rst, HTML, PDF). Only new and changed files are embedded."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from assistant.knowledge import IngestProgress, KnowledgeBase

    kb = KnowledgeBase(settings())
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console(stderr=True), transient=True, disable=as_json) as bar:
        task = bar.add_task("scanning", total=None)

        def show(event: IngestProgress) -> None:
            label = {"scan": "checking files", "embed": "embedding chunks", "done": "done"}[event.phase]
            bar.update(task, description=label, completed=event.done, total=event.total or None)

        report = kb.ingest(paths or [], reindex=reindex, progress=show)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        _print_ingest(console(), report, kb.store.location)


def _print_ingest(out: Console, report: IngestReport, location: str) -> None:
    out.print(
        f"Indexed {report.files} files ({report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.removed} removed): {report.chunks} chunks embedded "
        f"with {report.embedder} in {report.seconds:.1f} s; the index holds {report.total_chunks} chunks.",
        markup=False,
    )
    out.print(f"Index: {location}", markup=False, style="dim")
    if report.skipped:
        out.print(f"Skipped {len(report.skipped)} file(s):", markup=False)
        for item in report.skipped[:_SHOWN_SKIPS]:
            out.print(f"  {item.path}: {item.reason}", markup=False)
        if len(report.skipped) > _SHOWN_SKIPS:
            out.print(f"  … and {len(report.skipped) - _SHOWN_SKIPS} more (see --json)", markup=False)
    for warning in report.warnings:
        out.print(f"warning: {warning}", markup=False, style="yellow")


@guarded
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in your own words.")],
    *,
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=50, help="Number of results.")] = 5,
    doc_type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Only this doc type (adr, status, …); repeatable.")
    ] = None,
    path: Annotated[str | None, typer.Option("--path", help="Only paths matching this glob, e.g. 'adr/*'.")] = None,
    mode: Annotated[SearchMode, typer.Option("--mode", help="hybrid (default), dense or lexical.")] = (
        SearchMode.hybrid
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
) -> None:
    """Search the indexed documents; every result carries its citation, path#heading."""
    from assistant.knowledge import KnowledgeBase

    kb = KnowledgeBase(settings())
    if kb.is_empty():
        raise KnowledgeError(
            "the knowledge index is empty", hint="run `coach ingest` (indexes ./knowledge) or `coach ingest PATH`"
        )
    hits = kb.search(query, k=k, mode=mode.value, doc_types=doc_type, path_glob=path)
    if as_json:
        typer.echo(json.dumps([_hit_json(hit) for hit in hits], indent=2, ensure_ascii=False))
        return
    out = console()
    if not hits:
        out.print("No matching passages.", markup=False)
    for number, hit in enumerate(hits, start=1):
        _print_hit(out, number, hit)


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {"citation": hit.citation, **hit.model_dump()}


def _print_hit(out: Console, number: int, hit: Hit) -> None:
    from rich.text import Text

    header = Text(f"{number}. ")
    header.append(f"[{hit.citation}]", style="bold cyan")
    header.append(f"  lines {hit.line_start}–{hit.line_end} · {hit.doc_type} · score {hit.score:.3f}", style="dim")
    out.print(header)
    # The heading is already in the citation; the preview starts with what the section says.
    body = " ".join(" ".join(line for line in hit.text.splitlines() if not line.startswith("#")).split())
    preview = body if len(body) <= _PREVIEW_CHARS else body[: _PREVIEW_CHARS - 1].rstrip() + "…"
    out.print(Text("   " + preview))


@guarded
def stats(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Files, chunks and doc types in the index, with the embedder that built it."""
    from assistant.knowledge import KnowledgeBase

    result = KnowledgeBase(settings()).stats()
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        _print_stats(console(), result)


def _print_stats(out: Console, result: KnowledgeStats) -> None:
    from rich.table import Table

    table = Table(show_header=False, box=None)
    table.add_row("files", str(result.files))
    table.add_row("chunks", str(result.chunks))
    types = ", ".join(f"{name} {count}" for name, count in result.by_doc_type.items())
    table.add_row("files by type", types or "-")
    table.add_row("embedder", f"{result.embedder} ({result.dimension}-d)" if result.embedder else "-")
    table.add_row("store", result.store)
    table.add_row("roots", "\n".join(result.roots) or "-")
    table.add_row("last ingest", result.last_ingest or "never")
    out.print(table)


@guarded
def eval_retrieval(
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=50, help="Cut-off for recall and MRR.")] = 5,
    cases: Annotated[Path, typer.Option("--cases", help="Case file.")] = Path("evals/cases/retrieval.yaml"),
    thresholds: Annotated[Path, typer.Option("--thresholds", help="Gate file.")] = Path("evals/thresholds.yaml"),
    knowledge_dir: Annotated[
        Path | None, typer.Option("--knowledge", help="Folder to index (default: COACH_KNOWLEDGE_DIR).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Recall@k and MRR of dense, lexical and hybrid search on labelled questions; exit 1 below the gate."""
    from assistant.evals.retrieval_eval import print_report, run_retrieval_eval

    report = run_retrieval_eval(
        settings(), cases_path=cases, thresholds_path=thresholds, knowledge_dir=knowledge_dir, k=k
    )
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        print_report(console(), report)
    if not report.gate_passed:
        raise typer.Exit(1)

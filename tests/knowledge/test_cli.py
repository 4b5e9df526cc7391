from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli import knowledge


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    eval_app = typer.Typer()
    app.add_typer(eval_app, name="eval")
    knowledge.register(app, eval_app)
    return app


runner = CliRunner()


def test_ingest_prints_a_summary_with_skipped_files(app: typer.Typer, docs: Path) -> None:
    (docs / "logo.png").write_bytes(b"\x89PNG\x00")
    result = runner.invoke(app, ["ingest", str(docs)])
    assert result.exit_code == 0, result.output
    assert "Indexed 7 files (7 added, 0 updated, 0 unchanged, 0 removed)" in result.output
    assert "logo.png: unsupported file type '.png'" in result.output
    again = runner.invoke(app, ["ingest", str(docs), "--json"])
    assert json.loads(again.stdout)["unchanged"] == 7


def test_ingest_defaults_to_the_knowledge_dir(app: typer.Typer, docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(docs))
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 0 and "Indexed 7 files" in result.output


def test_ingest_of_a_missing_path_fails_with_a_hint(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output and "hint:" in result.output


def test_search_prints_citations_and_supports_filters_and_json(app: typer.Typer, docs: Path) -> None:
    runner.invoke(app, ["ingest", str(docs)])
    result = runner.invoke(app, ["search", "acknowledge a SEV2 page", "-k", "2"])
    assert result.exit_code == 0, result.output
    assert "1. [handbook/on-call.md#Escalation]" in result.output
    as_json = runner.invoke(app, ["search", "ledger", "--type", "adr", "--mode", "lexical", "--json"])
    hits = json.loads(as_json.stdout)
    assert hits and {h["doc_type"] for h in hits} == {"adr"} and hits[0]["citation"].startswith("adr/")
    globbed = runner.invoke(app, ["search", "ledger secrets", "--path", "handbook/*", "--json"])
    assert all(h["path"].startswith("handbook/") for h in json.loads(globbed.stdout))
    nothing = runner.invoke(app, ["search", "ledger", "--path", "nowhere/*"])
    assert nothing.exit_code == 0 and "No matching passages." in nothing.output


def test_search_text_in_brackets_is_printed_verbatim(app: typer.Typer, tmp_path: Path) -> None:
    docs = tmp_path / "d"
    docs.mkdir()
    (docs / "x.md").write_text("# T\n\nUse [bold]markup[/bold] and [link](#here) freely.\n")
    runner.invoke(app, ["ingest", str(docs)])
    result = runner.invoke(app, ["search", "markup link"])
    assert "[bold]markup[/bold]" in result.output


def test_search_on_an_empty_index_says_to_ingest(app: typer.Typer) -> None:
    result = runner.invoke(app, ["search", "anything"])
    assert result.exit_code == 2
    assert "empty" in result.output and "coach ingest" in result.output


def test_search_rejects_an_unknown_mode(app: typer.Typer) -> None:
    assert runner.invoke(app, ["search", "x", "--mode", "fuzzy"]).exit_code == 2


def test_knowledge_stats(app: typer.Typer, docs: Path) -> None:
    runner.invoke(app, ["ingest", str(docs)])
    stats = json.loads(runner.invoke(app, ["knowledge", "stats", "--json"]).stdout)
    assert stats["files"] == 7 and stats["embedder"] == "hash" and stats["by_doc_type"]["adr"] == 1
    table = runner.invoke(app, ["knowledge", "stats"])
    assert table.exit_code == 0 and "files by type" in table.output


def test_embedder_mismatch_is_reported_with_the_reindex_hint(
    app: typer.Typer, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(app, ["ingest", str(docs)])
    monkeypatch.setenv("COACH_EMBEDDER", "wordllama")
    result = runner.invoke(app, ["search", "escalation"])
    assert result.exit_code == 2 and "coach ingest --reindex" in result.output

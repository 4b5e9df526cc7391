from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import InputError, KnowledgeError
from assistant.knowledge import IngestProgress, KnowledgeBase
from tests.knowledge.conftest import CountingEmbedder


def test_first_ingest_indexes_every_supported_file(kb: KnowledgeBase, docs: Path) -> None:
    (docs / "logo.png").write_bytes(b"\x89PNG\x00")
    (docs / ".hidden.md").write_text("# secret\n\nnot indexed\n")
    report = kb.ingest([docs])
    assert (report.files, report.added, report.updated, report.unchanged, report.removed) == (7, 7, 0, 0, 0)
    assert report.chunks == report.total_chunks > 7
    assert [(s.path, s.reason) for s in report.skipped] == [("logo.png", "unsupported file type '.png'")]
    assert report.embedder == "hash" and report.seconds > 0
    stats = kb.stats()
    assert stats.files == 7 and stats.chunks == report.total_chunks
    assert stats.by_doc_type == {"adr": 1, "handbook": 3, "other": 1, "process": 1, "status": 1}
    assert stats.roots == [str(docs.resolve())] and stats.last_ingest and stats.embedder == "hash"


def test_unchanged_files_are_skipped_by_hash(settings: Settings, docs: Path, counting: CountingEmbedder) -> None:
    KnowledgeBase(settings, embedder=counting).ingest([docs])
    counting.texts = 0
    report = KnowledgeBase(settings, embedder=counting).ingest([docs])
    assert (report.unchanged, report.added, report.updated, report.chunks) == (7, 0, 0, 0)
    assert counting.texts == 0


def test_changed_files_are_re_embedded_and_their_old_chunks_replaced(
    settings: Settings, docs: Path, counting: CountingEmbedder
) -> None:
    kb = KnowledgeBase(settings, embedder=counting)
    kb.ingest([docs])
    before = kb.stats().chunks
    (docs / "notes.txt").write_text("Team lunch moved to Fridays.\n")
    counting.texts = 0
    report = kb.ingest([docs])
    assert (report.updated, report.unchanged, report.added) == (1, 6, 0)
    assert counting.texts == report.chunks == 1
    assert kb.stats().chunks == before
    hits = kb.search("lunch mug", k=5, mode="lexical")
    assert [h.text for h in hits if h.path == "notes.txt"] == ["Team lunch moved to Fridays."]


def test_deleted_and_newly_unreadable_files_are_removed(kb: KnowledgeBase, docs: Path) -> None:
    kb.ingest([docs])
    (docs / "notes.txt").unlink()
    (docs / "status/2026-11-20.md").write_bytes(b"\x00binary now")
    report = kb.ingest([docs])
    assert report.removed == 2
    assert [s.path for s in report.skipped] == ["status/2026-11-20.md"]
    assert {h.path for h in kb.search("lunch payouts", k=20, mode="lexical")}.isdisjoint(
        {"notes.txt", "status/2026-11-20.md"}
    )


def test_a_subfolder_of_an_ingested_root_keeps_paths_relative_to_that_root(kb: KnowledgeBase, docs: Path) -> None:
    kb.ingest([docs])
    (docs / "adr/0002-kafka.md").write_text("# 0002. Use Kafka\n\nEvents go through Kafka.\n")
    report = kb.ingest([docs / "adr"])
    assert (report.added, report.unchanged, report.removed) == (1, 1, 0)  # files outside adr/ are not touched
    assert kb.stats().files == 8
    assert kb.search("Kafka events", k=1)[0].path == "adr/0002-kafka.md"


def test_a_single_file_can_be_ingested(kb: KnowledgeBase, docs: Path) -> None:
    report = kb.ingest([docs / "notes.txt"])
    assert report.added == 1 and kb.search("mug", k=1)[0].citation == "notes.txt"


def test_missing_path_is_an_input_error(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder") as info:
        kb.ingest([tmp_path / "nope"])
    assert info.value.hint


def test_default_path_is_the_knowledge_dir(settings: Settings, docs: Path) -> None:
    kb = KnowledgeBase(settings.model_copy(update={"knowledge_dir": docs}))
    assert kb.ingest().files == 7


def test_progress_reports_scan_embed_and_done(kb: KnowledgeBase, docs: Path) -> None:
    events: list[IngestProgress] = []
    kb.ingest([docs], progress=events.append)
    phases = [e.phase for e in events]
    assert phases[0] == "scan" and "embed" in phases and phases[-1] == "done"
    embed = [e for e in events if e.phase == "embed"]
    assert embed[-1].done == embed[-1].total


def test_opening_an_index_with_another_embedder_asks_for_reindex(settings: Settings, docs: Path) -> None:
    KnowledgeBase(settings).ingest([docs])
    other = KnowledgeBase(settings, embedder=CountingEmbedder(dim=64, name="other"))
    with pytest.raises(KnowledgeError, match="built with the 'hash' embedder") as info:
        other.search("escalation")
    assert "coach ingest --reindex" in info.value.hint
    with pytest.raises(KnowledgeError):
        other.ingest([docs])
    report = other.ingest([docs], reindex=True)
    assert report.added == 7 and other.stats().embedder == "other" and other.stats().dimension == 64
    assert other.search("escalation", k=1)


def test_stats_of_a_missing_index(kb: KnowledgeBase, settings: Settings) -> None:
    stats = kb.stats()
    assert (stats.files, stats.chunks, stats.embedder, stats.last_ingest) == (0, 0, None, None)
    assert stats.store == str(settings.data_dir / "chroma")
    assert kb.is_empty() and kb.search("anything") == []


def test_collection_config_names_our_embedding_function(kb: KnowledgeBase, docs: Path) -> None:
    """A reopened collection rebuilds our function, never chromadb's downloading default."""
    kb.ingest([docs])
    collection = kb.store.client().get_collection("coach_knowledge", embedding_function=None)
    config = collection.configuration_json["embedding_function"]
    assert config["name"] == "coach_hash"


def test_reindex_with_a_missing_path_keeps_the_index(kb: KnowledgeBase, docs: Path, tmp_path: Path) -> None:
    kb.ingest([docs])
    with pytest.raises(InputError):
        kb.ingest([tmp_path / "typo"], reindex=True)
    assert kb.stats().files == 7

"""A damaged Chroma index, a locked or damaged conversation store, a locked or damaged feedback log: each is named
with the one thing to do, nothing crashes, and what was saved before is still there afterwards."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant import feedback_log
from assistant.config import Settings
from assistant.errors import ConfigError, KnowledgeError
from assistant.feedback_log import FeedbackLog
from assistant.graph import checkpoint
from assistant.knowledge import KnowledgeBase
from assistant.knowledge.chroma_client import forget_local
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt
from assistant.service import CoachService, last
from assistant.skills.chat.models import ChatOutput
from tests.robustness.helpers import coach, fails_readably, raises_clearly

GUIDE = "# Retro guide\n\n## Running it\n\nAsk what slowed the team down, then agree one change to try.\n"
NOTE = "Tom pushed to main without a review on Tuesday."


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- the knowledge index (Chroma)


def _indexed(tmp_path: Path, files: int = 1, sections: int = 1) -> tuple[Path, Path]:
    docs = tmp_path / "team"
    docs.mkdir()
    (docs / "guide.md").write_text(GUIDE, encoding="utf-8")
    for n in range(1, files):
        body = "\n\n".join(f"## Part {j}\n\nRetro note {n} {j} about deadlines." for j in range(sections))
        (docs / f"notes-{n}.md").write_text(f"# Notes {n}\n\n{body}\n", encoding="utf-8")
    settings = Settings()
    KnowledgeBase(settings).ingest([docs])
    chroma = settings.data_dir / "chroma"
    forget_local(chroma)  # as a new process would: the next open reads the files on disk
    return docs, chroma


def _damage_sqlite(chroma: Path) -> None:
    (chroma / "chroma.sqlite3").write_bytes(b"this is not a database" * 200)


def _damage_segments(chroma: Path) -> None:
    for part in chroma.glob("*/*"):
        if part.suffix in {".bin", ".pickle"}:
            part.write_bytes(b"\x00garbage" * 10)


@pytest.mark.parametrize(
    ("damage", "size"), [(_damage_sqlite, (1, 1)), (_damage_segments, (30, 40))], ids=["sqlite", "hnsw"]
)
def test_a_damaged_index_names_the_rebuild_and_the_rebuild_works(
    tmp_path: Path, damage: object, size: tuple[int, int]
) -> None:
    docs, chroma = _indexed(tmp_path, *size)
    damage(chroma)  # type: ignore[operator]
    before = {p.name: _digest(p) for p in docs.iterdir()}

    exc = raises_clearly(
        KnowledgeError, lambda: KnowledgeBase(Settings()).search("agree one change"), "damaged", "--reindex"
    )
    assert "documents are not touched" in exc.hint
    fails_readably(coach(["search", "agree one change"]), "damaged", "coach ingest --reindex")
    fails_readably(coach(["knowledge", "stats"]), "damaged", "coach ingest --reindex")

    rebuilt = coach(["ingest", str(docs / "guide.md"), "--reindex"])  # one file is enough to prove the rebuild
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "moved to" in rebuilt.output
    [kept] = list(chroma.parent.glob("chroma.damaged-*"))  # set aside, not deleted
    assert (kept / "chroma.sqlite3").exists()
    assert KnowledgeBase(Settings()).search("agree one change")[0].path == "guide.md"
    assert {p.name: _digest(p) for p in docs.iterdir()} == before


def test_missing_segment_folders_are_rebuilt_by_chroma_itself(tmp_path: Path) -> None:
    import shutil

    _, chroma = _indexed(tmp_path)
    for folder in [p for p in chroma.iterdir() if p.is_dir()]:
        shutil.rmtree(folder)
    assert KnowledgeBase(Settings()).search("agree one change")[0].path == "guide.md"


def test_a_chat_on_a_damaged_index_still_answers_and_says_why(tmp_path: Path) -> None:
    _, chroma = _indexed(tmp_path)
    _damage_sqlite(chroma)
    steps = json.dumps({"steps": ["Ask what slowed the team down.", "Agree one change to try next sprint."]})
    service = CoachService(Settings(), llm=ScriptedLLM(lambda p: steps), checkpointer="memory")
    out = last(service.run("chat", {"message": "How do I run a retro?"})).output_as(ChatOutput)
    assert "Agree one change" in out.answer
    [note] = [n for n in out.notes if "unavailable" in n]
    assert "damaged" in note and "coach ingest --reindex" in note


# ---------------------------------------------------------------- the conversation store (checkpoints.sqlite)


def _steps(prompt: RenderedPrompt) -> str:
    return json.dumps({"steps": ["Ask what got in the way last sprint.", "Agree one change to try next."]})


def _sqlite_service() -> CoachService:
    return CoachService(Settings(), llm=ScriptedLLM(_steps), retriever=None, checkpointer=None)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Another process in the middle of a write: it holds the database's write lock."""
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def quick_locks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkpoint, "BUSY_TIMEOUT_S", 0.05)
    monkeypatch.setattr(feedback_log, "BUSY_TIMEOUT_S", 0.05)


def _saved_thread() -> Path:
    """One conversation saved by a process that has since exited (its connection closed, the WAL folded in)."""
    from assistant.skills.registry import all_skills

    saver = checkpoint.open_checkpointer(Settings(), [skill.state for skill in all_skills()])
    svc = CoachService(Settings(), llm=ScriptedLLM(_steps), retriever=None, checkpointer=saver)
    svc.complete("chat", {"message": "How do I run a good retro?"}, thread_id="t1")
    assert len(svc.history("t1")) == 2
    saver.conn.close()
    return Settings().data_dir / "checkpoints.sqlite"


@pytest.mark.usefixtures("quick_locks")
def test_a_store_locked_before_the_run_is_named_before_the_model_works() -> None:
    store = _saved_thread()
    calls: list[str] = []
    svc = CoachService(Settings(), llm=ScriptedLLM(lambda p: calls.append(p.id) or ""), retriever=None)
    with _locked(store):
        raises_clearly(
            ConfigError, lambda: last(svc.run("chat", {"message": "And now?"}, "t1")), ("locked", str(store)), "close"
        )
        fails_readably(coach(["sbi", NOTE, "--to", "Tom, engineer", "--no-input"]), "locked", "close the other")
    assert calls == []
    assert len(_sqlite_service().history("t1")) == 2  # the saved conversation is intact


@pytest.mark.usefixtures("quick_locks")
def test_a_store_locked_during_the_run_is_a_clear_error_and_the_thread_survives() -> None:
    store = _saved_thread()
    svc = _sqlite_service()
    assert len(svc.history("t1")) == 2  # opened while free
    with _locked(store):
        raises_clearly(ConfigError, lambda: last(svc.run("chat", {"message": "And now?"}, "t1")), "locked", "try again")
    last(svc.run("chat", {"message": "And now?"}, "t1"))  # once the other writer is done, the same service works
    assert len(svc.history("t1")) == 4


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a database at all" * 100),
        lambda path: path.write_bytes(path.read_bytes()[:100] + b"\xff" * 5000),
    ],
    ids=["garbage", "overwritten-pages"],
)
def test_a_damaged_store_names_the_file_and_is_left_as_it_was(damage: object) -> None:
    store = _saved_thread()
    assert not list(store.parent.glob("checkpoints.sqlite-*"))  # all of it is in the one file
    damage(store)  # type: ignore[operator]
    before = _digest(store)
    raises_clearly(ConfigError, lambda: _sqlite_service().history("t1"), ("damaged", str(store)), ("mv", ".damaged"))
    fails_readably(coach(["sbi", NOTE, "--to", "Tom, engineer", "--no-input"]), "damaged", "move it aside")
    assert _digest(store) == before  # nothing written into the user's file
    store.rename(store.with_name("checkpoints.sqlite.damaged"))  # the hint's fix works
    assert _sqlite_service().history("t1") == []


# ---------------------------------------------------------------- the feedback log (feedback-log.sqlite)


@pytest.mark.usefixtures("quick_locks")
def test_a_locked_feedback_log_is_not_called_unreadable() -> None:
    log = FeedbackLog.in_data_dir(Settings().ensure_data_dir())
    log.add("Tom", "You opened PR #512 before the review.")
    with _locked(log.path):
        raises_clearly(ConfigError, lambda: log.add("Ana", "Thanks for the runbook."), "locked", "close the other")
    assert [i.recipient for i in log.items()] == ["Tom"]


def test_a_damaged_feedback_log_says_move_it_aside() -> None:
    log = FeedbackLog.in_data_dir(Settings().ensure_data_dir())
    log.path.write_bytes(b"garbage" * 500)
    raises_clearly(ConfigError, log.items, ("feedback log", "damaged"), "move it aside")
    fails_readably(coach(["feedback", "log", "--all"]), "damaged", "move it aside")
    assert log.path.read_bytes() == b"garbage" * 500

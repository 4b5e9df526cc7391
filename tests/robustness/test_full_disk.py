"""A full disk in the middle of a write: the error says the disk is full and to free space, the file that was
there before is intact, no half-written temporary file is left, and the same write works once there is space."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import atomic
from assistant.config import Settings
from assistant.errors import ConfigError, InputError, KnowledgeError
from assistant.knowledge import KnowledgeBase
from assistant.knowledge.uploads import save_upload, uploads_dir
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from tests.robustness.helpers import coach, fails_readably, raises_clearly

FULL = "free some disk space"


def _no_space(*_: Any, **__: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


class _FillsUp:
    """A file object whose write fails half way, as on a full disk: some bytes reach the file first."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __enter__(self) -> _FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        _no_space()
        return 0


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Writes through assistant.atomic fail with ENOSPC until the fixture ends."""
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, *a, **k: _FillsUp(real_fdopen(fd, *a, **k)))
    yield


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix in {".tmp", ".part"})


@pytest.mark.parametrize("write", [atomic.replace_text, atomic.create_text], ids=["replace", "create"])
def test_an_atomic_write_on_a_full_disk_keeps_the_old_file(tmp_path: Path, disk_full: None, write: Any) -> None:
    target = tmp_path / ("status.md" if write is atomic.replace_text else "0003-new.md")
    if write is atomic.replace_text:
        target.write_text("last week's update\n", encoding="utf-8")
    raises_clearly(InputError, lambda: write(target, "this week's update\n" * 100), "no space", FULL)
    assert _leftovers(tmp_path) == []
    if write is atomic.replace_text:
        assert target.read_text(encoding="utf-8") == "last week's update\n"
    else:
        assert not target.exists()


def test_settings_saved_on_a_full_disk_keep_the_old_file(tmp_path: Path, disk_full: None) -> None:
    from assistant import config_file

    toml = tmp_path / "coach.toml"
    toml.write_text('model = "fake/coach"\n', encoding="utf-8")
    raises_clearly(InputError, lambda: config_file.save({"temperature": 0.3}, toml), "no space", FULL)
    assert toml.read_text(encoding="utf-8") == 'model = "fake/coach"\n' and _leftovers(tmp_path) == []


def test_a_new_adr_on_a_full_disk_is_not_half_written(tmp_path: Path, disk_full: None) -> None:
    from assistant.skills.adr.log import write_new

    raises_clearly(
        InputError, lambda: write_new(tmp_path, "0001-use-postgres.md", "# 1. Use Postgres\n"), "no space", FULL
    )
    assert list(tmp_path.iterdir()) == []


def test_superseding_on_a_full_disk_changes_neither_record(tmp_path: Path, disk_full: None) -> None:
    from assistant.skills.adr.log import read_log, supersede

    old, new = tmp_path / "0001-use-mysql.md", tmp_path / "0002-use-postgres.md"
    old.write_text("# 1. Use MySQL\n\nStatus: Accepted\n", encoding="utf-8")
    new.write_text("# 2. Use Postgres\n\nStatus: Accepted\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    raises_clearly(InputError, lambda: supersede(read_log(tmp_path), 1, 2), "no space", FULL)
    fails_readably(coach(["adr", "supersede", "1", "2", "--dir", str(tmp_path)]), "no space", FULL)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_supersede_undoes_the_first_rename_when_the_second_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.skills.adr.log import read_log, supersede

    old, new = tmp_path / "0001-use-mysql.md", tmp_path / "0002-use-postgres.md"
    old.write_text("# 1. Use MySQL\n\nStatus: Accepted\n", encoding="utf-8")
    new.write_text("# 2. Use Postgres\n\nStatus: Accepted\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_replace = Path.replace

    def second_fails(self: Path, target: Any) -> Path:
        if Path(target) == new:
            _no_space()
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", second_fails)
    raises_clearly(InputError, lambda: supersede(read_log(tmp_path), 1, 2), ("0001", "0002"), FULL)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_an_upload_on_a_full_disk_keeps_the_earlier_version(monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = Settings().ensure_data_dir()
    saved = save_upload(data_dir, "guide.md", b"# Guide\n\nVersion one.\n", "handbook")
    real_write = Path.write_bytes

    def half_then_full(self: Path, data: Any) -> int:
        real_write(self, bytes(data)[:5])
        _no_space()
        return 0

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    raises_clearly(
        InputError,
        lambda: save_upload(data_dir, "guide.md", b"# Guide\n\nVersion two.\n", "handbook"),
        "no space",
        FULL,
    )
    monkeypatch.undo()
    assert saved.read_bytes() == b"# Guide\n\nVersion one.\n"
    assert _leftovers(uploads_dir(data_dir) / "handbook") == []


def test_an_ingest_on_a_full_disk_keeps_what_was_indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chromadb.api.models.Collection import Collection

    docs = tmp_path / "team"
    docs.mkdir()
    (docs / "guide.md").write_text("# Retro guide\n\nAgree one change to try next sprint.\n", encoding="utf-8")
    kb = KnowledgeBase(Settings())
    kb.ingest([docs])
    (docs / "oncall.md").write_text("# On-call\n\nPage the secondary after fifteen minutes.\n", encoding="utf-8")
    monkeypatch.setattr(Collection, "add", _no_space)
    raises_clearly(KnowledgeError, lambda: kb.ingest([docs]), "disk is full", (FULL, "coach ingest"))
    monkeypatch.undo()
    assert kb.search("agree one change")[0].path == "guide.md"  # indexed before: still there
    assert kb.ingest([docs]).added == 1  # with space again, the new file goes in


def test_the_conversation_store_full_keeps_the_saved_thread() -> None:
    from assistant.graph import checkpoint
    from assistant.skills.registry import all_skills

    steps = json.dumps({"steps": ["Ask what got in the way last sprint.", "Agree one change to try next."]})
    saver = checkpoint.open_checkpointer(Settings(), [skill.state for skill in all_skills()])
    svc = CoachService(Settings(), llm=ScriptedLLM(lambda p: steps), retriever=None, checkpointer=saver)
    svc.complete("chat", {"message": "How do I run a good retro?"}, thread_id="t1")
    pages = saver.conn.execute("PRAGMA page_count").fetchone()[0]
    saver.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    raises_clearly(ConfigError, lambda: last(svc.run("chat", {"message": "And now?"}, "t1")), "no disk space", FULL)
    saver.conn.execute("PRAGMA max_page_count = 1073741823")
    assert len(svc.history("t1")) == 2
    last(svc.run("chat", {"message": "And now?"}, "t1"))
    assert len(svc.history("t1")) == 4


def test_sqlite_full_is_told_apart_from_damage() -> None:
    from assistant.sqlite_errors import sqlite_error

    full = sqlite_error(sqlite3.OperationalError("database or disk is full"), "the feedback log", Path("f.sqlite"))
    assert "no disk space" in full.message and FULL in full.hint and "move it aside" not in full.hint

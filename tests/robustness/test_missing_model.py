"""The embedded model's file missing, cut short or never assembled: every path that needs it says so and names
`coach model assemble` / `make model`, without loading llama.cpp, and a failed assembly leaves no partial file."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest

from assistant.errors import LLMError
from assistant.llm import model_files
from assistant.llm.model_files import ModelSpec
from tests.robustness.helpers import coach, fails_readably, raises_clearly

EMBEDDED = "qwen2.5-coder-1.5b-instruct"


@pytest.fixture
def model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default model (local/…) with an empty model folder: nothing assembled yet."""
    folder = tmp_path / "models"
    monkeypatch.setenv("COACH_MODEL_DIR", str(folder))
    monkeypatch.delenv("COACH_MODEL", raising=False)
    return folder


def test_no_model_file_names_the_command_that_makes_it(model_dir: Path) -> None:
    exc = raises_clearly(
        LLMError, lambda: model_files.require_verified(model_dir, EMBEDDED), "not ready", "coach model assemble"
    )
    assert "make model" in exc.hint and "COACH_MODEL" in exc.hint
    fails_readably(coach(["ask", "How do I run a retro?"]), ("embedded model", "not ready"), "coach model assemble")


def test_a_model_file_cut_short_is_not_trusted(model_dir: Path) -> None:
    model_dir.mkdir()
    model_files.gguf_path(model_dir, EMBEDDED).write_bytes(b"GGUF" + b"\x00" * 1000)  # an interrupted copy
    raises_clearly(
        LLMError, lambda: model_files.require_verified(model_dir, EMBEDDED), "not verified", "coach model assemble"
    )
    fails_readably(coach(["ask", "How do I run a retro?"]), "not verified", "make model")


def test_a_deleted_model_with_its_record_left_behind(model_dir: Path) -> None:
    model_dir.mkdir()
    path = model_files.gguf_path(model_dir, EMBEDDED)
    path.with_suffix(".verified.json").write_text('{"sha256": "x", "size": 1, "mtime_ns": 1}', encoding="utf-8")
    raises_clearly(LLMError, lambda: model_files.require_verified(model_dir, EMBEDDED), "not ready", "assemble")


def test_missing_model_packages_name_make_model(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_files, "part_files", lambda spec: [])
    fails_readably(coach(["model", "assemble"]), ("packages are missing", "0/22"), "make model")
    assert not model_dir.exists() or not any(model_dir.iterdir())


def test_a_full_disk_while_assembling_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chunks = [bytes([i]) * 4096 for i in range(3)]
    parts = []
    for number, chunk in enumerate(chunks, start=1):
        part = tmp_path / f"part{number}.bin"
        part.write_bytes(chunk)
        parts.append(part)
    whole = b"".join(chunks)
    monkeypatch.setitem(
        model_files.MODELS, "tiny", ModelSpec("tiny", "tiny_part", 3, hashlib.sha256(whole).hexdigest(), 12288, "t")
    )
    monkeypatch.setattr(model_files, "part_files", lambda spec: list(parts))
    model_dir = tmp_path / "models"

    def disk_fills(done: int, total: int) -> None:
        if done > 4096:
            raise OSError(errno.ENOSPC, "No space left on device")

    exc = raises_clearly(
        LLMError, lambda: model_files.ensure_model(model_dir, "tiny", disk_fills), "no space", ("free", "disk space")
    )
    assert "coach model assemble" in exc.hint
    assert list(model_dir.iterdir()) == []  # no half-written .partial left on a full disk
    assert model_files.ensure_model(model_dir, "tiny").read_bytes() == whole  # with space, it works

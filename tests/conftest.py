"""Test-wide guards: no network, a private data directory, and no user config leaking in."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: Any) -> bool:
    if isinstance(address, str):  # AF_UNIX path
        return True
    host = str(address[0]) if isinstance(address, tuple) and address else ""
    return host in {"localhost", "::1", ""} or host.startswith("127.")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_local(address):
        raise RuntimeError(f"network access in a test: connect to {address!r}")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _is_local(address):
        raise RuntimeError(f"network access in a test: connect to {address!r}")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir and ignores the developer's coach.toml and COACH_* variables."""
    import os

    for name in list(os.environ):
        if name.startswith("COACH_"):
            monkeypatch.delenv(name)
    data_dir = tmp_path / "coach-data"
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COACH_CONFIG", str(tmp_path / "no-coach.toml"))
    monkeypatch.setenv("COACH_EMBEDDER", "hash")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    return data_dir


class FakeLLM:
    """Writes replay fixtures for the fake provider, so a test states exactly which reply each prompt gets."""

    def __init__(self, fixtures_dir: Path) -> None:
        self.dir = fixtures_dir

    def add(self, messages: Any, reply: str, model: str = "fake/coach") -> str:
        import json

        from assistant.llm.fake import fixture_key
        from assistant.prompts import RenderedPrompt

        plain = messages.as_dicts() if isinstance(messages, RenderedPrompt) else list(messages)
        key = fixture_key(model, plain)
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / f"{key}.json").write_text(json.dumps({"messages": plain, "reply": reply}), encoding="utf-8")
        return key


@pytest.fixture
def fake_llm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeLLM:
    """COACH_MODEL=fake/coach with an empty fixtures folder: any prompt without a reply fails loudly."""
    fixtures = tmp_path / "llm-fixtures"
    monkeypatch.setenv("COACH_MODEL", "fake/coach")
    monkeypatch.setenv("COACH_FAKE_FIXTURES", str(fixtures))
    monkeypatch.delenv("COACH_FAKE_RECORD", raising=False)
    return FakeLLM(fixtures)

"""Where an eval run happens: the model it talks to (replayed, recording or live), the fixtures, and a private,
deterministic index of the suite's knowledge folder.

Replay fixtures are keyed by the exact prompt, and the prompt contains the retrieved chunks, so retrieval must give
the same chunks every run. The eval therefore never uses the user's index: it builds its own from the suite's
folder with the suite's pinned embedder, in a directory named after a fingerprint of the documents and of the
knowledge code, and rebuilds from scratch (never incrementally) whenever either changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import DEFAULT_LOCAL_MODEL, Settings
from assistant.errors import ConfigError
from assistant.llm.gateway import Completion, LLMGateway, TokenSink
from assistant.prompts import RenderedPrompt

if TYPE_CHECKING:
    from assistant.graph.context import Retriever

REPLAY_MODEL = "fake/coach"
_KNOWLEDGE_CODE = Path(__file__).resolve().parents[1] / "knowledge"
_COMPLETE = "index-complete.json"


class RecordingGateway(LLMGateway):
    """The normal gateway, keeping each call's prompt and completion so a case can report tokens, latency,
    prompt ids and the fixture keys it used."""

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        super().__init__(settings, **kwargs)
        self.calls: list[tuple[RenderedPrompt, Completion]] = []

    def complete(self, prompt: RenderedPrompt, *, on_token: TokenSink | None = None, **overrides: Any) -> Completion:
        completion = super().complete(prompt, on_token=on_token, **overrides)
        self.calls.append((prompt, completion))
        return completion

    def take(self) -> list[tuple[RenderedPrompt, Completion]]:
        calls, self.calls = self.calls, []
        return calls


def record_model(settings: Settings) -> str:
    """The real model that answers replay misses while recording: the configured one, unless that is a fake."""
    return DEFAULT_LOCAL_MODEL if settings.provider == "fake" else settings.model


@contextmanager
def fake_provider_env(fixtures_dir: Path, record_with: str | None) -> Iterator[None]:
    """Point the fake provider at the suite's fixtures for the duration of a run.

    The provider reads these variables when the gateway first registers it, which happens inside the run; they
    are restored afterwards so a run leaves the process as it found it.
    """
    wanted = {"COACH_FAKE_FIXTURES": str(fixtures_dir), "COACH_FAKE_RECORD": record_with}
    saved = {name: os.environ.get(name) for name in wanted}
    try:
        for name, value in wanted.items():
            _set_env(name, value)
        yield
    finally:
        for name, value in saved.items():
            _set_env(name, value)


def _set_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _tree_digest(folder: Path, pattern: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and not p.name.startswith(".")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def knowledge_fingerprint(folder: Path) -> str:
    return _tree_digest(folder, "*")


def index_key(folder: Path, embedder: str) -> str:
    """``<embedder>-<fingerprint>`` of everything retrieval depends on: the documents, the knowledge code (loading,
    chunking, search) and the embedder. When it differs from the fixtures' manifest, replay misses are expected."""
    key = hashlib.sha256((knowledge_fingerprint(folder) + _tree_digest(_KNOWLEDGE_CODE, "*.py")).encode())
    return f"{embedder}-{key.hexdigest()[:16]}"


def index_dir(settings: Settings, folder: Path, embedder: str) -> Path:
    return settings.data_dir / "eval-index" / index_key(folder, embedder)


def eval_retriever(settings: Settings, folder: Path | None, embedder: str) -> Retriever | None:
    if folder is None:
        return None
    from assistant.knowledge import KnowledgeBase

    target = index_dir(settings, folder, embedder)
    index_settings = settings.model_copy(
        update={"data_dir": target, "embedder": embedder, "chroma_url": None, "knowledge_dir": folder}
    )
    if not (target / _COMPLETE).is_file():
        # Stale or half-built indexes of this embedder are removed: a fresh build in a fixed order is what makes
        # the vector index, and so the retrieved chunks, repeatable.
        for old in target.parent.glob(f"{embedder}-*"):
            shutil.rmtree(old, ignore_errors=True)
        knowledge = KnowledgeBase(index_settings)
        knowledge.ingest([folder])
        (target / _COMPLETE).write_text(json.dumps({"folder": str(folder), "embedder": embedder}) + "\n")
        return knowledge
    return KnowledgeBase(index_settings)


def check_manifest(fixtures_dir: Path, embedder: str) -> dict[str, Any]:
    """The fixtures' manifest (embedder and documents they were recorded with), checked against this run."""
    path = fixtures_dir / "manifest.json"
    if not path.is_file():
        return {}
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}", hint="re-record the fixtures (docs/evals.md)") from exc
    if manifest.get("embedder") not in (None, embedder):
        raise ConfigError(
            f"the fixtures in {fixtures_dir} were recorded with the {manifest['embedder']} embedder, "
            f"but the suite uses {embedder}",
            hint="re-record them with --record, or set the suite's embedder back",
        )
    return manifest


def write_manifest(fixtures_dir: Path, manifest: dict[str, Any]) -> None:
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (fixtures_dir / "manifest.json").write_text(text, encoding="utf-8")


def prune_fixtures(fixtures_dir: Path, used: set[str]) -> list[str]:
    """After a full recording run, drop replies no case asks for any more, so the folder holds only live data."""
    removed = []
    for path in sorted(fixtures_dir.glob("*.json")):
        if path.name != "manifest.json" and path.stem not in used:
            path.unlink()
            removed.append(path.stem)
    return removed

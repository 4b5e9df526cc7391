"""The chat eval in replay mode over the recorded fixtures: what `make test` runs. Fully offline.

The suite pins the MiniLM embedder (the fixtures hold the chunks it retrieved), so this test builds a MiniLM index
of knowledge/ in the test's data directory, whatever COACH_EMBEDDER says (about 20-30 s on two cores).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli.evals import register
from assistant.evals.adapters import get_adapter
from assistant.evals.cases import EVALS_DIR, load_suite
from assistant.evals.workspace import index_key

FIXTURES = EVALS_DIR / "fixtures" / "chat"
MANIFEST = FIXTURES / "manifest.json"


def _manifest() -> dict[str, object]:
    if not MANIFEST.is_file():
        pytest.fail(f"no recorded chat fixtures in {FIXTURES}: record them with `coach eval chat --record`")
    data: dict[str, object] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


def test_every_case_has_its_recorded_replies() -> None:
    manifest = _manifest()
    suite = load_suite(EVALS_DIR / "cases" / "chat.yaml", get_adapter("chat"))
    recorded = manifest["cases"]
    assert isinstance(recorded, dict)
    assert set(recorded) == {c.id for c in suite.cases}, "cases changed since recording: run --record"
    for case_id, keys in recorded.items():
        for key in keys:
            assert (FIXTURES / f"{key}.json").is_file(), f"{case_id}: fixture {key} is missing"
    assert manifest["embedder"] == suite.file.embedder


@pytest.mark.slow
def test_coach_eval_chat_replays_offline_and_passes_its_gate(tmp_path: Path) -> None:
    manifest = _manifest()
    app, eval_app = typer.Typer(), typer.Typer()
    register(app, eval_app)
    app.add_typer(eval_app, name="eval")
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["eval", "chat", "--mode", "replay", "--json", "--out", str(out)])
    changed = manifest.get("index") != index_key((EVALS_DIR.parent / "knowledge").resolve(), "minilm")
    hint = (
        "\n(knowledge/ or assistant/knowledge/ changed since recording: `coach eval chat --record`)" if changed else ""
    )
    assert result.exit_code == 0, result.output + hint
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0 and report["gate"]["passed"]
    assert report["prompts"] == {"chat": 1}
    assert {p.suffix for p in out.iterdir()} == {".json", ".md", ".xml"}

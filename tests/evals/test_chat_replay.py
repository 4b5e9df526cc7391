"""The chat eval in replay mode over the recorded fixtures: what `make test` runs. Fully offline.

The suite pins the MiniLM embedder (the fixtures hold the chunks it retrieved), so this test builds a MiniLM index
of knowledge/ in the test's data directory, whatever COACH_EMBEDDER says (about 20-30 s on two cores).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evals.cases import EVALS_DIR
from assistant.evals.workspace import index_key
from assistant.prompts import load_prompt
from tests.evals.replay import assert_every_case_recorded, recorded_manifest, run_replay


def test_every_case_has_its_recorded_replies() -> None:
    assert_every_case_recorded("chat")


@pytest.mark.slow
def test_coach_eval_chat_replays_offline_and_passes_its_gate(tmp_path: Path) -> None:
    manifest = recorded_manifest("chat")
    out = tmp_path / "reports"
    result = run_replay("chat", out)
    changed = manifest.get("index") != index_key((EVALS_DIR.parent / "knowledge").resolve(), "minilm")
    hint = (
        "\n(knowledge/ or assistant/knowledge/ changed since recording: `coach eval chat --record`)" if changed else ""
    )
    assert result.exit_code == 0, result.output + hint
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0 and report["gate"]["passed"]
    assert report["prompts"] == {"chat/answer": load_prompt("chat/answer").version}
    assert {p.suffix for p in out.iterdir()} == {".json", ".md", ".xml"}

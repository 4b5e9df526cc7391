"""The SBI eval in replay mode over the fixtures recorded from the embedded model: offline and deterministic.

Like the chat replay, the suite pins MiniLM (the sources it reports come from that index), so the slow test builds a
MiniLM index of knowledge/ in the test's data directory.
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

FIXTURES = EVALS_DIR / "fixtures" / "sbi"
MANIFEST = FIXTURES / "manifest.json"


def _manifest() -> dict[str, object]:
    if not MANIFEST.is_file():
        # Not recorded yet (issue 6 is open): say so in every run rather than pass or hide it.
        pytest.skip(f"no recorded sbi fixtures in {FIXTURES}: record them with `coach eval sbi --record`")
    data: dict[str, object] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


def test_the_suite_covers_the_variants_and_every_case_has_its_replies() -> None:
    suite = load_suite(EVALS_DIR / "cases" / "sbi.yaml", get_adapter("sbi"))
    assert len(suite.cases) >= 30
    tags = {t for c in suite.cases for t in c.tags}
    variants = {"no-facts", "positive", "manager", "peer", "sandwich", "several", "already-good", "hostile"}
    assert variants <= tags
    assert sum("no-facts" in c.tags and "answered" not in c.tags for c in suite.cases) >= 5
    assert 3 <= sum(c.smoke for c in suite.cases) <= 5
    recorded = _manifest()["cases"]
    assert isinstance(recorded, dict) and set(recorded) == {c.id for c in suite.cases}, "run --record"
    for case_id, keys in recorded.items():
        assert all((FIXTURES / f"{key}.json").is_file() for key in keys), case_id


@pytest.mark.slow
def test_coach_eval_sbi_replays_offline_and_passes_its_gate(tmp_path: Path) -> None:
    _manifest()
    app, eval_app = typer.Typer(), typer.Typer()
    register(app, eval_app)
    app.add_typer(eval_app, name="eval")
    result = CliRunner().invoke(app, ["eval", "sbi", "--mode", "replay", "--json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0 and report["gate"]["passed"]
    assert set(report["prompts"]) <= {"sbi_draft", "sbi_revise"}

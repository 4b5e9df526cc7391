"""The SBI eval in replay mode over the fixtures recorded from the embedded model: offline and deterministic.

Like the chat replay, the suite pins MiniLM (the sources it reports come from that index), so the slow test builds a
MiniLM index of knowledge/ in the test's data directory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.evals.replay import assert_every_case_recorded, recorded_manifest, run_replay


def test_the_suite_covers_the_variants_and_every_case_has_its_replies() -> None:
    suite = assert_every_case_recorded("sbi")
    assert len(suite.cases) >= 30
    tags = {t for c in suite.cases for t in c.tags}
    variants = {"no-facts", "positive", "manager", "peer", "sandwich", "several", "already-good", "hostile"}
    assert variants <= tags
    assert sum("no-facts" in c.tags and "answered" not in c.tags for c in suite.cases) >= 5
    assert 3 <= sum(c.smoke for c in suite.cases) <= 5


@pytest.mark.slow
def test_coach_eval_sbi_replays_offline_and_passes_its_gate(tmp_path: Path) -> None:
    recorded_manifest("sbi")
    result = run_replay("sbi", tmp_path)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0 and report["gate"]["passed"]
    assert set(report["prompts"]) <= {"sbi/request", "sbi/revise", "sbi/fact_kind"}

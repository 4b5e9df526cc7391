from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli import knowledge
from assistant.config import Settings
from assistant.errors import InputError
from assistant.evals.retrieval_eval import (
    RelevantSection,
    RetrievalCase,
    eval_collection,
    load_cases,
    matches,
    run_retrieval_eval,
    score_case,
)
from assistant.knowledge import Hit, KnowledgeBase

CASES = """
cases:
  - id: r1
    question: "How fast must the primary acknowledge a SEV2 page?"
    relevant:
      - path: handbook/on-call.md
        heading: Escalation
  - id: r2
    question: "Which database holds the ledger?"
    relevant:
      - path: adr/0001-postgres.md
        heading: ""
  - id: r3
    question: "Where do team lunches happen?"
    relevant:
      - path: notes.txt
        heading: ""
"""


def _hit(path: str, headings: list[str]) -> Hit:
    return Hit(
        chunk_id="c", path=path, title="T", heading_path=headings, line_start=1, line_end=1,
        doc_type="other", text="", score=0.0,
    )  # fmt: skip


def test_a_hit_matches_when_the_path_is_equal_and_the_heading_is_on_its_path() -> None:
    want = RelevantSection(path="a.md", heading="Escalation")
    assert matches(_hit("a.md", ["On-call", "Escalation", "After hours"]), want)
    assert not matches(_hit("a.md", ["On-call", "Rotation"]), want)
    assert not matches(_hit("b.md", ["Escalation"]), want)
    assert matches(_hit("a.md", []), RelevantSection(path="a.md"))


def test_score_case_gives_recall_and_reciprocal_rank() -> None:
    case = RetrievalCase(
        id="x", question="q", relevant=[RelevantSection(path="a.md", heading="A"), RelevantSection(path="b.md")]
    )
    hits = [_hit("c.md", []), _hit("b.md", ["Z"]), _hit("a.md", ["B"])]
    assert score_case(case, hits) == (0.5, 0.5)
    assert score_case(case, []) == (0.0, 0.0)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    cases = tmp_path / "retrieval.yaml"
    cases.write_text(CASES)
    gate = tmp_path / "thresholds.yaml"
    gate.write_text("checks:\n  min_recall: 0.9\nretrieval:\n  hybrid_recall_at_5: 0.9\n")
    return cases, gate


def test_the_eval_scores_every_mode_in_its_own_collection(
    settings: Settings, docs: Path, files: tuple[Path, Path]
) -> None:
    user = KnowledgeBase(settings)
    user.ingest([docs / "notes.txt"])
    report = run_retrieval_eval(settings, cases_path=files[0], thresholds_path=files[1], knowledge_dir=docs)
    assert set(report.modes) == {"dense", "lexical", "hybrid"}
    assert report.modes["hybrid"].recall_at_k == 1.0 and report.gate_passed and not report.problems
    assert report.collection == eval_collection(docs) and report.chunks > 7
    assert user.stats().files == 1  # the user's index is untouched
    again = run_retrieval_eval(settings, cases_path=files[0], thresholds_path=files[1], knowledge_dir=docs, k=3)
    assert again.ingest_seconds < report.ingest_seconds + 5 and again.k == 3


def test_a_typo_in_a_relevant_entry_is_reported_and_fails_the_gate(
    settings: Settings, docs: Path, files: tuple[Path, Path]
) -> None:
    files[0].write_text(CASES.replace("heading: Escalation", "heading: Escalations"))
    report = run_retrieval_eval(settings, cases_path=files[0], thresholds_path=files[1], knowledge_dir=docs)
    assert report.problems == ["r1: no chunk matches handbook/on-call.md#Escalations"]
    assert not report.gate_passed and [m.id for m in report.misses] == ["r1"]


def test_unknown_keys_in_the_case_file_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("cases:\n  - id: r1\n    question: q\n    relevant: [{path: a.md}]\n    answer: nope\n")
    with pytest.raises(InputError, match="answer"):
        load_cases(path)


def test_cli_exit_codes_follow_the_gate(docs: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    app, eval_app = typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    knowledge.register(app, eval_app)
    args = ["eval", "retrieval", "--cases", str(files[0]), "--thresholds", str(files[1]), "--knowledge", str(docs)]
    runner = CliRunner()
    passed = runner.invoke(app, args)
    assert passed.exit_code == 0, passed.output
    assert "hybrid" in passed.output and "pass" in passed.output
    files[1].write_text("retrieval:\n  hybrid_recall_at_5: 1.01\n")
    bad_gate = runner.invoke(app, args)
    assert bad_gate.exit_code == 2 and "retrieval" in bad_gate.output
    files[0].write_text(CASES.replace("path: notes.txt", "path: missing.txt"))
    files[1].write_text("retrieval:\n  hybrid_recall_at_5: 0.9\n")
    failed = runner.invoke(app, [*args, "--json"])
    assert failed.exit_code == 1
    assert json.loads(failed.stdout)["gate_passed"] is False

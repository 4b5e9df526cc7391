"""`coach adr new`: the next record of the log, in the log's template, citing related records; notes that decide
nothing give a Proposed record with options and open questions; an invented fact is sent back once; --write never
replaces a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.checks import run_checks
from assistant.checks.base import Severity
from assistant.config import Settings
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt
from assistant.service import CoachService, last
from assistant.skills.adr.decided import records_a_decision
from assistant.skills.adr.models import AdrResult
from tests.skills.adr.test_log import _log

DECIDED_NOTES = (
    "Sessions live in process memory, so every deploy logs users out. We compared Redis (the cluster exists) and "
    "signed cookies (no revocation). Agreed in the arch review to go with Redis."
)
OPEN_NOTES = "Sessions live in process memory. Options are Redis or signed cookies; no decision yet, we meet Friday."
DRAFT = {
    "context": "Sessions live in process memory, so every deploy logs users out.",
    "options": [
        {"name": "Redis", "good": "the cluster exists", "bad": "one more dependency"},
        {"name": "Signed cookies", "good": "no server state", "bad": "no revocation"},
    ],
    "decision": "We will keep sessions in Redis.",
    "good": ["deploys no longer log users out"],
    "bad": ["Redis is on the request path"],
    "open_questions": ["Can we live without revocation?"],
}


def _model(*replies: dict[str, object]) -> ScriptedLLM:
    queue = [json.dumps(r) for r in replies]

    def answer(prompt: RenderedPrompt) -> str:
        assert prompt.id in {"adr/draft", "adr/revise"}, prompt.id
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return ScriptedLLM(answer)


def _draft(llm: ScriptedLLM, folder: Path, notes: str, **extra: object) -> AdrResult:
    service = CoachService(Settings(), llm=llm, retriever=None, checkpointer="memory")
    request = {"title": "Keep sessions in Redis", "notes": notes, "log_dir": str(folder), "date": "2025-03-01"} | extra
    return last(service.run("adr", request)).output_as(AdrResult)


@pytest.mark.parametrize(
    ("notes", "decided"),
    [
        (DECIDED_NOTES, True),
        (OPEN_NOTES, False),
        ("Decision: use Redis for sessions.", True),
        ("decision: TBD between Redis and cookies", False),
        ("We looked at Redis and cookies, leaning towards Redis.", False),
        ("Priya approved the KMS option on Friday.", True),
        ("We will retry with backoff for an hour.", True),
        ("We will come back to this after the load test.", False),
    ],
)
def test_whether_notes_record_a_decision_is_read_by_rules(notes: str, decided: bool) -> None:
    assert records_a_decision(notes) is decided


def test_a_decided_record_is_numbered_on_in_the_log_template_and_cites_related_records(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    result = _draft(_model(DRAFT), folder, DECIDED_NOTES)
    assert (result.number, result.file_name) == (4, "0004-keep-sessions-in-redis.md")
    assert result.template == "nygard" and result.status == "accepted" and result.decided
    assert result.markdown.startswith("# 4. Keep sessions in Redis\n\nDate: 2025-03-01\n\n## Status\n\nAccepted")
    assert "We will keep sessions in Redis." in result.markdown
    assert [r.file for r in result.related][:1] == ["0003-keep-sessions-in-redis.md"]
    assert result.conflicts and result.conflicts[0].number == 3  # the accepted record on the same subject
    found = run_checks(result.markdown, "adr", path=result.file_name)
    assert [f for f in found if f.severity is not Severity.INFO] == []
    assert result.findings == []


def test_undecided_notes_give_a_proposed_record_without_a_made_up_choice(tmp_path: Path) -> None:
    result = _draft(_model(DRAFT), _log(tmp_path), OPEN_NOTES, status="accepted")
    assert result.status == "proposed" and not result.decided
    assert "We will" not in result.markdown  # the model's decision is dropped
    assert "Not decided yet" in result.markdown and "Can we live without revocation?" in result.markdown
    assert any("Proposed" in note for note in result.notes)


def test_the_madr_template_is_used_on_request(tmp_path: Path) -> None:
    result = _draft(_model(DRAFT), _log(tmp_path), DECIDED_NOTES, template="madr")
    assert result.markdown.startswith("---\nstatus: accepted\ndate: 2025-03-01\n---\n# Keep sessions in Redis")
    assert 'Chosen option: "Redis". We will keep sessions in Redis.' in result.markdown
    found = run_checks(result.markdown, "adr", path=result.file_name)
    assert [f.rule for f in found if f.severity is not Severity.INFO] == []


def test_an_invented_fact_is_sent_back_once_and_the_clean_draft_wins(tmp_path: Path) -> None:
    invented = DRAFT | {"context": "Since March 2021, 40% of users are logged out by every deploy."}
    llm = _model(invented, DRAFT)
    result = _draft(llm, _log(tmp_path), DECIDED_NOTES)
    assert [c.prompt_id for c in llm.calls] == ["adr/draft", "adr/revise"]
    assert "is not in the notes" in llm.calls[-1].messages[-1].content
    assert result.revisions == 1 and result.findings == [] and "40%" not in result.markdown


def test_a_fact_still_invented_after_the_revisions_is_left_out_of_the_record_and_listed(tmp_path: Path) -> None:
    stubborn = DRAFT | {
        "context": "Sessions live in process memory. Owen measured 40 logouts a day. Every deploy logs users out.",
        "options": [*DRAFT["options"], {"name": "Owen's proxy", "good": "fast", "bad": "new"}],  # type: ignore[misc]
        "good": ["deploys no longer log users out", "Owen is happy"],
    }
    result = _draft(_model(stubborn), _log(tmp_path), DECIDED_NOTES)
    assert result.revisions == 2  # sent back twice, invented both times
    assert "Owen" not in result.markdown and "40" not in result.markdown
    assert "Sessions live in process memory. Every deploy logs users out." in result.markdown
    assert "deploys no longer log users out" in result.markdown.lower() and "Signed cookies" in result.markdown
    assert "Left out what the notes do not hold: 40, Owen." in result.notes
    assert result.findings == []  # what is left passes the lint and the facts check


def test_a_number_inside_a_date_is_not_mistaken_for_the_invented_one() -> None:
    from assistant.skills.invented import clean_sentences, holds

    assert not holds("Shipped on 2026-12-04.", ["12"]) and holds("We saw 12 pages.", ["12"])
    assert clean_sentences("We saw 12 pages. Shipped on 2026-12-04.", ["12"]) == "Shipped on 2026-12-04."


def test_no_log_starts_a_new_one_at_record_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    service = CoachService(Settings(), llm=_model(DRAFT), retriever=None, checkpointer="memory")
    result = last(service.run("adr", {"title": "Keep sessions in Redis", "notes": DECIDED_NOTES})).output_as(AdrResult)
    assert result.number == 1 and result.related == [] and "No ADR log found" in result.notes[0]


def test_coach_adr_new_prints_and_writes_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _log(tmp_path)
    notes = tmp_path / "notes.md"
    notes.write_text(DECIDED_NOTES, encoding="utf-8")
    llm = _model(DRAFT)
    monkeypatch.setattr("assistant.cli.adr._service", lambda: CoachService(Settings(), llm=llm, retriever=None))
    runner = CliRunner()
    args = ["adr", "new", "Keep sessions in Redis", "-c", str(notes), "--dir", str(folder)]
    printed = runner.invoke(app_(), args)
    assert printed.exit_code == 0, printed.output
    assert "# 4. Keep sessions in Redis" in printed.output and "not written" in printed.output
    assert not (folder / "0004-keep-sessions-in-redis.md").exists()
    written = runner.invoke(app_(), [*args, "--write", "--json"])
    assert written.exit_code == 0, written.output
    assert json.loads(written.output)["written"].endswith("0004-keep-sessions-in-redis.md")
    assert (folder / "0004-keep-sessions-in-redis.md").read_text(encoding="utf-8").startswith("# 4.")


def app_() -> object:
    from assistant.cli.main import app

    return app


def test_madr_rendering_keeps_an_unnamed_decision_plain_and_drops_repeated_points() -> None:
    from assistant.skills.adr.models import AdrDraft
    from assistant.skills.adr.render import Frame, render

    draft = AdrDraft.model_validate(
        DRAFT
        | {
            "decision": "We will adopt it for all new calls.",
            "options": [
                {"name": "gRPC", "good": "generated clients", "bad": "migration effort"},
                {"name": "JSON", "good": "nothing to do", "bad": "nothing to do"},
            ],
        }
    )
    frame = Frame(template="madr", number=4, title="Adopt gRPC", date="2025-03-01", status="accepted", decided=True)
    text = render(frame, draft)
    assert "Chosen option: We will" not in text and "\nWe will adopt it for all new calls.\n" in text
    assert text.count("nothing to do") == 1

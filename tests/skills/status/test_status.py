"""Status updates: private lines never reach the model and are listed back; colours come from the notes, not the
model; owners and dates the notes do not hold become gaps; the notes' asks are kept; the TL;DR never contradicts
the colours; executives get the short form; markdown, chat text and email; `coach status` end to end."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.checks import run_checks
from assistant.cli.main import app
from assistant.config import Settings
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt
from assistant.service import CoachService, last
from assistant.skills.status.models import StatusResult
from assistant.status_policy import StatusPolicy

NOTES = """\
- payouts: GA on 2026-12-08 but RED, bank cert not until 2026-12-09. aisha chasing their partnerships lead
- need grace on the bank call by friday, and a decision on launch scope by 2026-12-01
- ledger upgrade: cutover moved to 2026-12-01. ravi ran the 2nd rehearsal
- fraud model at 50% of traffic, false holds down to 1.5%
- ravi out sick next week w/ back surgery DO NOT SHARE
- Tom's perf is slipping, talking to HR about a PIP
"""
DRAFT = {
    "tldr": "Payouts are on track. The ledger upgrade moved. The fraud model is doing well.",
    "streams": [
        {"name": "Payouts", "note": "bank cert not until 2026-12-09"},
        {"name": "Ledger upgrade", "note": "cutover moved to 2026-12-01"},
        {"name": "Fraud model", "note": "at 50% of traffic"},
    ],
    "risks": [
        {"stream": "Payouts", "impact": "GA slips past 2026-12-08", "mitigation": "", "owner": "Marcus"},
        {"stream": "Fraud model", "impact": "none", "mitigation": "", "owner": "Tomás"},
    ],
    "asks": [],
    "done": ["fraud model at 50%"],
    "next": [],
}


def _model(*replies: dict[str, object], seen: list[RenderedPrompt] | None = None) -> ScriptedLLM:
    queue = [json.dumps(r) for r in replies]

    def answer(prompt: RenderedPrompt) -> str:
        assert prompt.id in {"status/draft", "status/revise"}, prompt.id
        if seen is not None:
            seen.append(prompt)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return ScriptedLLM(answer)


def _update(llm: ScriptedLLM, notes: str = NOTES, settings: Settings | None = None, **extra: object) -> StatusResult:
    # No past update unless a test gives one: the repository's own knowledge/ would set the title.
    settings = settings or Settings(knowledge_dir=Path("no-knowledge-here"))
    service = CoachService(settings, llm=llm, retriever=None, checkpointer="memory")
    request = {"notes": notes, "audience": "exec", "date": "2026-12-03"} | extra
    return last(service.run("status", request)).output_as(StatusResult)


def test_private_lines_never_reach_the_model_and_are_listed_back_with_the_reason() -> None:
    seen: list[RenderedPrompt] = []
    result = _update(_model(DRAFT, seen=seen))
    sent = "\n".join(m.content for p in seen for m in p.messages)
    for private in ("surgery", "sick", "PIP", "perf"):
        assert private not in sent
        assert private not in result.markdown and private not in result.email
    reasons = {w.text.split()[0]: w.reason for w in result.withheld}
    assert reasons["ravi"] == "you marked it private or confidential"
    assert "performance" in reasons["Tom's"]


def test_colours_come_from_the_notes_owners_must_be_named_and_the_tldr_follows_the_colours() -> None:
    result = _update(_model(DRAFT))
    colours = {s.name: s.rag for s in result.body.streams}
    assert colours == {"Payouts": "red", "Ledger upgrade": "amber", "Fraud model": "green"}  # wrote RED; "moved"
    assert result.overall == "red" and "Overall: **Red**" in result.markdown
    risks = {r.stream: r for r in result.body.risks}
    assert set(risks) == {"Payouts", "Ledger upgrade"}  # no risk block for a green workstream
    assert risks["Payouts"].owner == "Aisha"  # Marcus is not in the notes; aisha is doing the chasing
    assert risks["Payouts"].mitigation == "aisha chasing their partnerships lead"
    # The model's "Payouts are on track" is not shown: the TL;DR is written from the colours, red first.
    assert "Payouts are on track" not in result.body.tldr and result.body.tldr.startswith("Payouts is red: ")
    assert "Ledger upgrade is amber: cutover moved to 2026-12-01." in result.body.tldr
    assert "Fraud model is on track." in result.body.tldr
    assert any("impact" in g and "Ledger upgrade" in g for g in result.gaps)


def test_the_notes_ask_is_kept_with_who_and_an_absolute_date_when_the_model_drops_it() -> None:
    seen: list[RenderedPrompt] = []
    result = _update(_model(DRAFT, seen=seen))
    assert "Friday 2026-12-04" in seen[0].messages[-1].content  # "by friday", made absolute before the model
    ask = result.body.asks[0]
    assert ask.who == "Grace" and ask.by == "2026-12-04"
    assert "## Asks" in result.markdown and "We need Grace on the bank call by Friday 2026-12-04" in result.body.tldr
    assert result.body.risks[0].ask.startswith("need grace on the bank call")


def test_the_update_passes_the_status_structure_checks_in_every_format() -> None:
    result = _update(_model(DRAFT))
    structure = {"status.tldr", "status.rag", "status.risk_detail", "status.next_update"}
    assert not [f for f in run_checks(result.markdown, "status", audience="exec") if f.rule in structure]
    assert result.words <= result.budget
    assert "|" not in result.text and "**" not in result.text and "• Payouts: Red" in result.text
    assert result.email.startswith("Subject: Team Status: 2026-12-03 (Red)\n\nHello,")
    assert result.next_update == "2026-12-17"  # no date in the notes: the cadence setting


def test_a_win_the_notes_do_not_report_as_done_is_not_shown() -> None:
    # the model's misreadings on held-out h6: a cert not until the 9th is no win, nor an ask, nor work no line holds
    wrong = ["bank cert done", "grace on the bank call", "migrated the billing service"]
    team = _update(_model(DRAFT | {"done": [*wrong, "ravi ran the 2nd rehearsal"]}), audience="team")
    assert "- ravi ran the 2nd rehearsal." in team.markdown
    assert not any(f"- {w}." in team.markdown for w in wrong)


def test_executives_get_no_next_steps_and_at_most_two_wins_the_team_gets_them() -> None:
    done = ["ravi ran the 2nd rehearsal", "fraud model at 50% of traffic", "false holds down to 1.5%"]
    many = DRAFT | {"done": done, "next": ["ship it"]}
    team = _update(_model(many), audience="team")
    assert "## Next steps" in team.markdown and all(f"- {d}." in team.markdown for d in done)
    exec_seen: list[RenderedPrompt] = []
    exec_update = _update(_model(DRAFT, seen=exec_seen), audience="exec")
    assert "## Next steps" not in exec_update.markdown
    assert "Executive" in exec_seen[0].messages[-1].content


def test_no_date_and_no_cadence_leaves_the_next_update_as_a_question() -> None:
    settings = Settings(status=StatusPolicy(cadence_days=None), knowledge_dir=Path("no-knowledge-here"))
    result = _update(_model(DRAFT), settings=settings)
    assert result.next_update is None and "When is the next update" in result.gaps[-1]
    dated = _update(_model(DRAFT), notes=NOTES + "- next update 2026-12-11 to product\n", settings=settings)
    assert dated.next_update == "2026-12-11"


def test_an_invented_number_is_sent_back_once_and_the_revision_kept() -> None:
    streams = [{"name": "Payouts", "note": "40% of merchants are affected"}, *DRAFT["streams"][1:]]  # type: ignore[misc]
    invented = DRAFT | {"streams": streams}
    seen: list[RenderedPrompt] = []
    result = _update(_model(invented, DRAFT, seen=seen))
    assert [p.id for p in seen] == ["status/draft", "status/revise"]
    assert '"40" is not in the notes' in seen[1].messages[-1].content and "40%" not in result.markdown
    assert result.revisions == 1


def test_the_house_format_and_names_come_from_the_latest_past_update(tmp_path: Path) -> None:
    past = tmp_path / "knowledge" / "status"
    past.mkdir(parents=True)
    (past / "2026-11-20-exec.md").write_text(
        "---\ntype: status\nupdated: 2026-11-20\n---\n# Payments Platform Status: 2026-11-20\n\n"
        "| Workstream | RAG |\n|---|---|\n| Instant Payouts | Red |\n| Ledger upgrade | Amber |\n"
    )
    seen: list[RenderedPrompt] = []
    result = _update(_model(DRAFT, seen=seen), settings=Settings(knowledge_dir=tmp_path / "knowledge"))
    assert result.title == "Payments Platform Status" and result.sources == ["knowledge/status/2026-11-20-exec.md"]
    names = [s.name for s in result.body.streams]
    assert names == ["Instant Payouts", "Ledger upgrade", "Fraud model"]  # "Payouts" takes the past update's name
    assert "Instant Payouts" not in seen[0].messages[-1].content  # the model is not shown the names


def test_a_note_that_is_all_private_is_a_clear_error_not_an_empty_update() -> None:
    from assistant.errors import InputError

    with pytest.raises(InputError, match="every line of the notes is private"):
        _update(_model(DRAFT), notes="- PRIVATE: ravi is interviewing elsewhere\n- (private) jo's salary review")


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "a@example.com")
    git("config", "user.name", "Ana")
    (repo / "a.txt").write_text("a")
    git("add", ".")
    git("commit", "-qm", "Add the payout retry")
    git("checkout", "-qb", "feature")
    (repo / "b.txt").write_text("b")
    git("add", ".")
    git("commit", "-qm", "wip")
    git("checkout", "-q", "main")
    git(
        "merge",
        "-q",
        "--no-ff",
        "feature",
        "-m",
        "Merge pull request #7 from ana/feature\n\nShow payout ETA to sellers",
    )
    return repo


def test_merged_work_is_read_from_git_one_line_per_pull_request(tmp_path: Path) -> None:
    from assistant.skills.status.gitlog import merged_work

    lines = merged_work(_repo(tmp_path), "1 year ago")
    assert [line.split(" (")[0] for line in lines] == ["Show payout ETA to sellers", "Add the payout retry"]
    assert lines[0].endswith(", Ana)")
    from assistant.errors import InputError

    with pytest.raises(InputError, match="could not read the history"):
        merged_work(tmp_path, "1 week ago")


def test_coach_status_prints_the_chosen_format_lists_what_was_left_out_and_writes_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm = _model(DRAFT)
    monkeypatch.setattr("assistant.cli.status._service", lambda: CoachService(Settings(), llm=llm, retriever=None))
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES)
    out = tmp_path / "update.txt"
    result = CliRunner().invoke(app, ["status", str(notes), "-a", "other-team", "-f", "email", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Subject: ") and "(Partner teams)" not in result.stdout.splitlines()[0]
    assert "left out:" in result.stderr and "surgery" in result.stderr and "surgery" not in result.stdout
    assert out.read_text() == result.stdout.rstrip("\n") + "\n" or out.read_text().startswith("Subject: ")
    data = json.loads(CliRunner().invoke(app, ["status", str(notes), "--json"]).stdout)
    assert data["audience"] == "exec" and data["withheld"]
    empty = CliRunner().invoke(app, ["status"])
    assert empty.exit_code == 2 and "no notes given" in empty.output


def test_asked_the_run_pauses_on_the_gaps_and_the_answers_fill_them() -> None:
    service = CoachService(Settings(knowledge_dir=Path("none")), llm=_model(DRAFT), retriever=None,
                           checkpointer="memory")  # fmt: skip
    request = {"notes": NOTES, "audience": "exec", "date": "2026-12-03", "ask": True}
    paused = last(service.run("status", request, "t-ask"))
    ids = [q.id for q in paused.questions]
    assert paused.waiting and ids == ["impact:1", "owner:1"]  # the ledger's two gaps (Payouts has the model's)
    assert "to confirm" in paused.output_as(StatusResult).markdown  # a caller that cannot ask still gets the update
    answers = {"owner:1": "Ravi Menon, with 4,000 rows/s throttling", "impact:1": " "}
    done = last(service.resume("t-ask", answers)).output_as(StatusResult)
    risks = {r.stream: r for r in done.body.risks}
    assert risks["Ledger upgrade"].owner == "Ravi Menon, with 4,000 rows/s throttling"
    assert risks["Ledger upgrade"].impact == ""  # a blank answer leaves the gap
    assert done.gaps == ["Ledger upgrade (amber): what happens if nothing changes (the impact)?"]
    assert not [f for f in done.findings if f.startswith("facts.invented")]  # the lead's answers are facts too


def test_coach_status_asks_on_the_terminal_and_leaves_an_empty_answer_as_a_gap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm = _model(DRAFT)
    settings = Settings(knowledge_dir=Path("none"), data_dir=tmp_path / "data")
    monkeypatch.setattr("assistant.cli.status._service", lambda: CoachService(settings, llm=llm, retriever=None))
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES)
    result = CliRunner().invoke(app, ["status", str(notes), "--ask"], input="\nRavi Menon\n")
    assert result.exit_code == 0, result.output
    assert "who owns it (one person)?" in result.stderr
    assert "- **Owner**: Ravi Menon." in result.stdout
    assert "to confirm: Ledger upgrade (amber): what happens if nothing changes" in result.stderr


def test_an_update_over_budget_is_cut_least_useful_first_and_the_asks_stay() -> None:
    from assistant.skills.status.fit import fit_budget
    from assistant.skills.status.models import AskDraft, StatusBody, Stream
    from assistant.skills.status.render import Frame

    long = " ".join(["detail"] * 40)
    content = StatusBody(tldr="Payouts are red.", streams=[Stream(name="Payouts", rag="green", note=long)],
                         asks=[AskDraft(what="approve the budget", who="Grace", by="2026-12-10")],
                         done=[long, long], also=[long, long, long])  # fmt: skip
    frame = Frame(audience="exec", date="2026-12-03", title="Team Status", overall="green", next_update="2026-12-17")
    fitted, cut = fit_budget(content, frame, 60)
    assert fitted.also == [] and fitted.done == [] and fitted.asks == content.asks
    assert fitted.streams[0].note.endswith("…") and "long workstream notes" in cut[0]
    assert fit_budget(content, frame, 10_000) == (content, [])


def test_findings_describe_the_update_as_shown_after_a_cut_to_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.checks.status import WORD_BUDGETS

    monkeypatch.setitem(WORD_BUDGETS, "team", 200)  # the lint's budget and the cut's are the same table
    # The next steps hold numbers the notes do not ("item 7"); cut to the budget, they are no longer shown, so
    # nothing else may be taken out of the update for them.
    many = DRAFT | {"next": [f"item {k} " + " ".join(["detail"] * 30) for k in (7, 8, 9)]}
    result = _update(_model(many), audience="team")
    assert result.words <= 200 and any("Cut to fit" in n for n in result.notes)
    assert not [n for n in result.notes if n.startswith("Left out what the notes do not hold")]
    assert result.findings == []

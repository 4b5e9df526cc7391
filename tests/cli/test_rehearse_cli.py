"""`coach rehearse`: list, prep, an interactive session that pauses and resumes in a new process, a scripted run as
JSON, and one scripted turn through litellm's custom provider (the fake model that replays fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.config import load_settings
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService
from assistant.skills.rehearse.scenario import load_scenarios
from tests.conftest import FakeLLM
from tests.skills.rehearse.helpers import GOOD, counterpart_script, record_one_turn

runner = CliRunner()
WIDE = {"COLUMNS": "240"}  # the debrief table wraps at 80 columns
SCENE = load_scenarios().scenarios["missed-deadlines"]


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> ScriptedLLM:
    """Every `coach rehearse` in the test talks to this scripted counterpart, with the real SQLite checkpoints."""
    llm = ScriptedLLM(counterpart_script())
    monkeypatch.setattr(
        "assistant.cli.rehearse._service", lambda: CoachService(load_settings(), llm=llm, retriever=None)
    )
    return llm


def test_list_shows_every_scenario_and_json_lists_them_too() -> None:
    table = runner.invoke(app, ["rehearse", "list"], env={"COLUMNS": "160"})
    assert table.exit_code == 0, table.output
    assert "missed-deadlines" in table.output and "Tomás Herrera" in table.output
    data = json.loads(runner.invoke(app, ["rehearse", "list", "--json"]).stdout)
    assert len(data["scenarios"]) >= 12 and data["skipped"] == {}


def test_prep_prints_the_sheet() -> None:
    result = runner.invoke(app, ["rehearse", "prep", "missed-deadlines"])
    assert result.exit_code == 0
    for heading in ("Goal:", "Opening line:", "Questions to ask:", "If it goes sideways:", "Follow-up:"):
        assert heading in result.output
    assert json.loads(runner.invoke(app, ["rehearse", "prep", "missed-deadlines", "--json"]).stdout)["goal"]


def test_an_unknown_scenario_exits_2_with_the_known_ones() -> None:
    result = runner.invoke(app, ["rehearse", "prep", "nope"])
    assert result.exit_code == 2 and "missed-deadlines" in result.output


def test_interactive_session_pauses_on_quit_and_resumes_in_a_new_process(scripted: ScriptedLLM) -> None:
    first = runner.invoke(app, ["rehearse", "--scenario", "missed-deadlines"], input=f"{GOOD[0]}\n/quit\n")
    assert first.exit_code == 0, first.output
    assert SCENE.greeting[:30] in first.output and "Goal:" in first.output
    session = first.output.split("coach rehearse --resume ")[1].split("`")[0]
    again = runner.invoke(app, ["rehearse", "--resume", session], input=f"{GOOD[1]}\n/debrief\n", env=WIDE)
    assert again.exit_code == 0, again.output
    assert GOOD[0][:30] in again.output  # the history is shown again
    assert "Debrief:" in again.output and "Opened with the purpose" in again.output


def test_a_script_runs_non_interactively_as_json(scripted: ScriptedLLM, tmp_path: Path) -> None:
    script = tmp_path / "turns.txt"
    script.write_text("# a comment\n" + "\n".join(GOOD) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["rehearse", "--scenario", "missed-deadlines", "--script", str(script), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "ended" and len([t for t in data["transcript"] if t["speaker"] == "lead"]) == len(GOOD)
    assert data["debrief"]["revealed"] and data["thread_id"]


def test_json_without_a_script_is_refused() -> None:
    result = runner.invoke(app, ["rehearse", "--scenario", "missed-deadlines", "--json"])
    assert result.exit_code == 2 and "--script" in result.output


def test_user_text_with_markup_is_printed_as_typed(scripted: ScriptedLLM) -> None:
    line = "What happened with [bold]the alert[/bold] last sprint?"
    result = runner.invoke(app, ["rehearse", "--scenario", "missed-deadlines"], input=f"{line}\n/debrief\n", env=WIDE)
    assert "[bold]the alert[/bold]" in result.output  # quoted back in the debrief, not rendered as bold


def test_one_scripted_turn_through_the_fake_provider(fake_llm: FakeLLM, tmp_path: Path) -> None:
    """The litellm seam: the counterpart's prompt and the summary's are replayed from fixtures; a miss would fail."""
    said = GOOD[0]
    record_one_turn(
        fake_llm,
        said,
        "Fine, I guess. The alert slipped because staging was down.",
        "You opened with the reason. Next, ask one more open question.",
    )
    script = tmp_path / "one.txt"
    script.write_text(said, encoding="utf-8")
    result = runner.invoke(app, ["rehearse", "-s", "missed-deadlines", "--script", str(script), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["transcript"][-1]["text"].startswith("Fine, I guess")
    assert data["debrief"]["summary_source"] == "model"

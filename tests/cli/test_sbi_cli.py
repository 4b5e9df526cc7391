"""`coach sbi` and `coach feedback`: asking in the terminal, --no-input, resuming a thread, JSON, the local log."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from assistant.cli.main import app
from tests.conftest import FakeLLM
from tests.skills.sbi.helpers import ANSWERS, GOOD_TOM, VAGUE, answered_request, prompt_for

runner = CliRunner()
NOTE = VAGUE.raw
TO = "Tom, engineer"


def test_no_input_returns_the_questions_with_exit_3() -> None:
    result = runner.invoke(app, ["sbi", NOTE, "--to", TO, "--no-input"])
    assert result.exit_code == 3, result.output
    assert "When and where did this happen?" in result.output
    assert "coach sbi --resume" in result.output


def test_json_without_facts_reports_needs_facts() -> None:
    result = runner.invoke(app, ["sbi", NOTE, "--to", TO, "--json"])
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["status"] == "needs_facts" and data["message"] == ""
    assert [q["id"] for q in data["questions"]] == ["situation", "behavior", "impact"]
    assert data["changes"][0]["rule"] == "tone.label"


def test_interactive_answers_produce_an_sbi_without_the_label(fake_llm: FakeLLM) -> None:
    request, answered = answered_request()
    fake_llm.add(prompt_for(request, answered), GOOD_TOM)
    typed = "\n".join(ANSWERS.values()) + "\n"
    result = runner.invoke(app, ["sbi", NOTE, "--to", TO], input=typed)
    assert result.exit_code == 0, result.output
    assert "Say it like this:" in result.output
    message = result.output.split("Say it like this:")[1]
    assert "you opened PR #512" in message and "lazy" not in message.split("What was wrong")[0]
    assert "tone.label" in result.output  # the original's problem, explained


def test_resume_with_answers_continues_the_thread(fake_llm: FakeLLM) -> None:
    request, answered = answered_request()
    fake_llm.add(prompt_for(request, answered), GOOD_TOM)
    first = runner.invoke(app, ["sbi", NOTE, "--to", TO, "--json"])
    thread = json.loads(first.stdout)["thread_id"]
    args = ["sbi", "--resume", thread, "--json"] + [f"--answer={k}={v}" for k, v in ANSWERS.items()]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "ready" and data["thread_id"] == thread and data["situation"].startswith("Last Tuesday")


def test_stdin_and_answers_in_one_command(fake_llm: FakeLLM) -> None:
    request, answered = answered_request()
    fake_llm.add(prompt_for(request, answered), GOOD_TOM)
    args = ["sbi", "-", "--to", TO, "--json"] + [f"--answer={k}={v}" for k, v in ANSWERS.items()]
    result = runner.invoke(app, args, input=NOTE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "ready"


def test_ask_becomes_the_request_fact_the_model_fills_from(fake_llm: FakeLLM) -> None:
    ask = "Please open the PR before the review"
    request, answered = answered_request()
    prompt = prompt_for(request.model_copy(update={"ask": ask}), answered)
    assert f"(ask) facts: {ask}" in prompt.messages[-1].content
    fake_llm.add(prompt, GOOD_TOM)
    args = ["sbi", NOTE, "--to", TO, "--ask", ask, "--json"] + [f"--answer={k}={v}" for k, v in ANSWERS.items()]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "ready"


def test_save_then_log_then_delete(fake_llm: FakeLLM) -> None:
    request, answered = answered_request()
    fake_llm.add(prompt_for(request, answered), GOOD_TOM)
    args = ["sbi", NOTE, "--to", TO, "--save", "--follow-up", "0"] + [f"--answer={k}={v}" for k, v in ANSWERS.items()]
    assert runner.invoke(app, args).exit_code == 0
    due = runner.invoke(app, ["feedback", "log", "--json"])
    items = json.loads(due.stdout)
    assert len(items) == 1 and items[0]["recipient"] == "Tom" and "PR #512" in items[0]["message"]
    assert runner.invoke(app, ["feedback", "delete", str(items[0]["id"])]).exit_code == 0
    assert "empty" in runner.invoke(app, ["feedback", "log", "--all"]).output
    assert runner.invoke(app, ["feedback", "delete", "99"]).exit_code == 2


def test_bad_input_is_a_readable_error() -> None:
    result = runner.invoke(app, ["sbi", NOTE, "--relationship", "cousin"])
    assert result.exit_code == 2 and "report, peer, manager, stakeholder" in result.output
    assert runner.invoke(app, ["sbi", "--resume", "t1", "--answer", "when=x"]).exit_code == 2
    too_long = runner.invoke(app, ["sbi", "x " * 3000, "--no-input"])
    assert too_long.exit_code == 2 and "the feedback: string should have at most 5000 characters" in too_long.output
    assert "Traceback" not in too_long.output
    long_ask = runner.invoke(app, ["sbi", NOTE, "--ask", "a" * 600, "--no-input"])
    assert long_ask.exit_code == 2 and "what you'd like instead" in long_ask.output

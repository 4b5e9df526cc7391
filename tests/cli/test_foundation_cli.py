import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant import __version__
from assistant.cli.main import app
from assistant.config import load_settings
from tests.conftest import FakeLLM
from tests.doubles import chat_prompt, chat_reply

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ask", "chat", "doctor", "model", "ingest", "search", "lint", "eval"):
        assert command in result.output


def test_importing_the_cli_loads_no_heavy_library() -> None:
    code = (
        "import sys, assistant.cli.main; "
        "print([m for m in ('litellm', 'chromadb', 'llama_cpp', 'streamlit', 'langgraph') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_ask_streams_an_answer(fake_llm: FakeLLM) -> None:
    fake_llm.add(chat_prompt("How do I delegate?"), chat_reply("Start with the outcome you need."))
    result = runner.invoke(app, ["ask", "How do I delegate?"])
    assert result.exit_code == 0, result.output
    assert "Start with the outcome you need." in result.output
    assert "coach ingest" in result.output  # honest note: nothing indexed in this fresh data dir
    assert "Read as a general question" in result.output  # how the question was read, so a wrong reading shows


def test_ask_reads_stdin_and_prints_json(fake_llm: FakeLLM) -> None:
    fake_llm.add(chat_prompt("How do I delegate?"), chat_reply("Start small."))
    result = runner.invoke(app, ["ask", "-", "--json"], input="How do I delegate?\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answer"].endswith("1. Start small.") and data["thread_id"] and data["sources"] == []


@pytest.mark.parametrize("argv", [["ask", ""], ["ask", "-"]])
def test_empty_question_is_a_clear_error(argv: list[str], fake_llm: FakeLLM) -> None:
    result = runner.invoke(app, argv, input="  \n")
    assert result.exit_code == 2
    assert "empty" in result.output


def test_model_failure_is_a_message_not_a_traceback(fake_llm: FakeLLM) -> None:
    result = runner.invoke(app, ["ask", "Nothing recorded for this"])
    assert result.exit_code == 2
    assert "no recorded reply" in result.output and "Traceback" not in result.output


def test_interactive_chat_keeps_going_after_an_error(fake_llm: FakeLLM) -> None:
    fake_llm.add(chat_prompt("How do I delegate?"), chat_reply("Start small."))
    result = runner.invoke(app, ["chat"], input="unrecorded question\nHow do I delegate?\n/exit\n")
    assert result.exit_code == 0, result.output
    assert "error:" in result.output and "Start small." in result.output
    assert "coach chat --thread" in result.output


def test_doctor_json_reports_the_model_and_network(fake_llm: FakeLLM) -> None:
    result = runner.invoke(app, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {"model", "model_ok", "data_dir"} <= report.keys()
    assert report["model"] == "fake/coach" and report["network"]["offline"] is True


def test_doctor_flags_a_missing_embedded_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_MODEL_DIR", str(tmp_path / "no-models"))
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "make model" in result.output


def test_doctor_reports_network_use_for_hosted_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_MODEL", "openai/gpt-4o-mini")
    report = json.loads(runner.invoke(app, ["doctor", "--json"]).stdout)
    assert report["network"]["offline"] is False
    monkeypatch.setenv("COACH_MODEL", "ollama/llama3.1")
    monkeypatch.setenv("COACH_API_BASE", "http://127.0.0.1:11434")
    assert json.loads(runner.invoke(app, ["doctor", "--json"]).stdout)["network"]["offline"] is True


def test_bad_settings_are_reported_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_TEMPERATURE", "hot")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 2 and "temperature" in result.output and "hint" in result.output


def test_model_status_json() -> None:
    result = runner.invoke(app, ["model", "status", "--json"])
    assert result.exit_code == 0
    names = [row["name"] for row in json.loads(result.stdout)]
    assert "qwen2.5-coder-1.5b-instruct" in names
    assert load_settings().model_dir.name == "models"

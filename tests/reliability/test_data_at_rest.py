"""Data at rest (issue 15, deliverable 7): the data directory is the owner's only, the call log holds no user text
unless debug is on, and the lead can export or delete their data."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.config import load_settings
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from assistant.user_data import secure
from tests.conftest import FakeLLM

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Ravi told me in our 1:1 that he is burning out; how do I help?"
OTHER = "How do I run a calmer retro?"
REPLY = json.dumps({"steps": ["Ask what would take some weight off this week, and follow up on Friday."]})


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_MODEL", "fake/coach")
    monkeypatch.setenv("COACH_FAKE_FIXTURES", str(tmp_path / "fixtures"))
    llm = ScriptedLLM(lambda prompt: REPLY)
    scripted = CoachService(load_settings(), llm=llm, checkpointer="memory")
    for question in (QUESTION, OTHER):
        last(scripted.run("chat", {"message": question}))
    for call in llm.calls:
        FakeLLM(tmp_path / "fixtures").add([{"role": m.role, "content": m.content} for m in call.messages], call.reply)
    return load_settings().data_dir


def coach(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant.cli.main", *args], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def loose(data_dir: Path) -> list[str]:
    return [f"{p.relative_to(data_dir)} {oct(stat.S_IMODE(p.stat().st_mode))}"
            for p in [data_dir, *data_dir.rglob("*")] if stat.S_IMODE(p.stat().st_mode) & 0o077]  # fmt: skip


def test_everything_the_coach_writes_is_for_its_owner_only(recorded: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "team.md").write_text("# Team\n\nWe review code within a day.\n", encoding="utf-8")
    assert coach("ingest", str(docs)).returncode == 0
    assert coach("ask", QUESTION).returncode == 0
    saved = coach("sbi", "ravi shipped the payout fix in two days", "--to", "Ravi", "--no-input")
    assert saved.returncode in (0, 2, 3), saved.stderr  # what it says does not matter here, what it writes does
    assert recorded.is_dir() and (recorded / "logs").is_dir() and (recorded / "chroma").is_dir()
    assert loose(recorded) == []


def test_secure_tightens_what_an_older_version_left_readable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    (data / "logs" / "llm-calls.jsonl").write_text("{}\n", encoding="utf-8")
    data.chmod(0o755)
    (data / "logs").chmod(0o755)
    (data / "logs" / "llm-calls.jsonl").chmod(0o644)
    changed = secure(data)
    assert len(changed) == 3 and loose(data) == []


def test_the_call_log_holds_no_user_text_unless_debug_is_on(recorded: Path) -> None:
    assert coach("ask", QUESTION).returncode == 0
    assert coach("ask", QUESTION, COACH_FAKE_FAULT="500", COACH_RETRIES="0").returncode == 2  # an error entry too
    log = (recorded / "logs" / "llm-calls.jsonl").read_text(encoding="utf-8")
    assert "Ravi" not in log and "burning out" not in log and "follow up on Friday" not in log
    assert '"ok": false' in log  # the failure is logged, without its text

    assert coach("ask", QUESTION, COACH_DEBUG="true").returncode == 0
    assert "burning out" in (recorded / "logs" / "llm-calls.jsonl").read_text(encoding="utf-8")


def test_export_holds_every_thread_the_log_and_the_unanswered(recorded: Path, tmp_path: Path) -> None:
    service = CoachService(load_settings())
    last(service.run("chat", {"message": QUESTION}, "t-kept"))
    service.log_feedback("Ravi", "Thanks for the payout fix", polarity="positive", follow_up_days=7)
    service.drafts.save("status", "t-unsent", {"notes": "Payouts amber: the bank sandbox is down."})

    result = CliRunner().invoke(app, ["data", "export", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [archive] = list(tmp_path.glob("coach-export-*.zip"))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        assert {"README.txt", "threads/t-kept.json", "feedback-log.json", "drafts/t-unsent.json"} <= names
        assert QUESTION in opened.read("threads/t-kept.json").decode()
        assert "Thanks for the payout fix" in opened.read("feedback-log.json").decode()
    again = CliRunner().invoke(app, ["data", "export", "--out", str(archive)])
    assert again.exit_code == 2 and "already exists" in again.output  # an export is never overwritten


def test_delete_one_thread_then_everything(recorded: Path) -> None:
    service = CoachService(load_settings())
    last(service.run("chat", {"message": QUESTION}, "t-gone"))
    last(service.run("chat", {"message": OTHER}, "t-stays"))
    service.drafts.save("chat", "t-gone", {"message": "a follow-up that never got an answer"})

    result = CliRunner().invoke(app, ["data", "delete", "--thread", "t-gone"])
    assert result.exit_code == 0 and "deleted thread t-gone" in result.output
    fresh = CoachService(load_settings())
    assert fresh.history("t-gone") == [] and fresh.unanswered("t-gone") is None
    assert [t.thread_id for t in fresh.threads()] == ["t-stays"]

    refused = CliRunner().invoke(app, ["data", "delete", "--all"], input="n\n")
    assert refused.exit_code == 1 and any(recorded.iterdir())
    wiped = CliRunner().invoke(app, ["data", "delete", "--all", "--yes"])
    assert wiped.exit_code == 0 and not any(recorded.iterdir())
    assert (ROOT / "knowledge" / "handbook" / "feedback-guide.md").is_file()  # the team's documents are not touched

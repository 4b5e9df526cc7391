"""Two app sessions and a CLI ingest at the same time (issue 15, deliverable 6): no corruption, no lost writes.

Before the index lock (assistant/knowledge/locking.py), two ingests at once both finished but the index listed
only one of the two folders: each read the index's figures, changed them and wrote them back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.feedback_log import FeedbackLog
from assistant.knowledge import KnowledgeBase
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from tests.conftest import FakeLLM
from tests.reliability.conftest import handbook_copies

ROOT = Path(__file__).resolve().parents[2]


def _ingest(folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "assistant.cli.main", "ingest", str(folder), "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def test_two_ingests_and_two_sessions_at_once_lose_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = handbook_copies(tmp_path / "first", "First", 3), handbook_copies(tmp_path / "second", "Second", 3)
    questions = {"t-one": "How do I delegate the release?", "t-two": "How do I run a calmer retro?"}
    monkeypatch.setenv("COACH_MODEL", "fake/coach")
    monkeypatch.setenv("COACH_FAKE_FIXTURES", str(tmp_path / "fixtures"))
    monkeypatch.setenv("COACH_FAKE_TOKEN_DELAY", "0.02")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(tmp_path / "none"))
    # The sessions answer without the team's documents (their retrieval would change as the ingests land).
    llm = ScriptedLLM(lambda prompt: json.dumps({"steps": ["Name the outcome you need, then hand over one part."]}))
    scripted = CoachService(load_settings(), llm=llm, retriever=None, checkpointer="memory")
    for thread, question in questions.items():
        for _ in range(3):  # each turn's prompt holds the turns before it
            last(scripted.run("chat", {"message": question}, thread))
    for call in llm.calls:
        FakeLLM(tmp_path / "fixtures").add([{"role": m.role, "content": m.content} for m in call.messages], call.reply)

    service = CoachService(load_settings(), retriever=None)  # one app process: its sessions share the service
    errors: list[BaseException] = []

    def session(thread: str) -> None:
        try:
            for _ in range(3):
                last(service.run("chat", {"message": questions[thread]}, thread))
        except BaseException as exc:  # reported below
            errors.append(exc)

    ingests = [_ingest(first), _ingest(second)]
    sessions = [threading.Thread(target=session, args=(thread,)) for thread in questions]
    for worker in sessions:
        worker.start()
    for worker in sessions:
        worker.join(timeout=120)
    outputs = [proc.communicate(timeout=180) for proc in ingests]

    assert not errors, errors
    assert all(proc.returncode == 0 for proc in ingests), [err for _, err in outputs]
    for thread, question in questions.items():  # every turn of both sessions was kept
        assert [t["content"] for t in service.history(thread) if t["role"] == "user"] == [question] * 3
    stats = KnowledgeBase(load_settings()).stats()
    assert sorted(stats.roots) == sorted([str(first), str(second)])  # the lost write, before the lock
    files = len(list(first.glob("*.md"))) + len(list(second.glob("*.md")))
    assert stats.files == files
    reports = [json.loads(out) for out, _ in outputs]
    assert stats.chunks == sum(report["chunks"] for report in reports)


def test_two_processes_logging_feedback_at_once_keep_every_item(tmp_path: Path) -> None:
    path = tmp_path / "feedback-log.sqlite"
    script = (
        "import sys\nfrom pathlib import Path\nfrom assistant.feedback_log import FeedbackLog\n"
        "log = FeedbackLog(Path(sys.argv[1]))\n"
        "for n in range(40):\n    log.add(sys.argv[2], f'item {n}', polarity='positive', follow_up_days=7)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), who], env=env) for who in ("Ravi", "Aisha")]
    assert [proc.wait(timeout=120) for proc in procs] == [0, 0]
    items = FeedbackLog(path).items()
    assert sorted((i.recipient, i.message) for i in items) == sorted(
        (who, f"item {n}") for who in ("Ravi", "Aisha") for n in range(40)
    )

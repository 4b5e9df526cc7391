"""Malformed YAML in a prompt, a persona and an eval case file: the error names the file and the line, the hint says
what to fix, the other files still load, and the broken file is left exactly as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant import prompts
from assistant.config import Settings
from assistant.errors import ConfigError, InputError
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import PROMPTS_DIR, parse_prompt
from assistant.service import CoachService, last
from assistant.skills.rehearse import scenario as scenarios
from tests.robustness.helpers import coach, fails_readably, raises_clearly

# (file content, words the message must hold)
BROKEN_YAML = [
    (b"id: chat/answer\nversion: 1\ndescription: [unclosed\n", ("not valid yaml", "line 4")),
    (b"id: chat/answer\n  version: 1\n", ("not valid yaml", "line 2")),
    (b"id: chat/answer\nsystem: |\n\tTab-indented text\n", ("not valid yaml", "line 3")),
    (b"\xff\xfeid: chat/answer\n", ("cannot read",)),
    (b"", ("must be a mapping",)),
    (b"- just\n- a list\n", ("must be a mapping",)),
]


def _prompt_copy(tmp_path: Path, body: bytes) -> Path:
    folder = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR, folder)
    (folder / "chat" / "answer.yaml").write_bytes(body)
    return folder


@pytest.mark.parametrize(("body", "problem"), BROKEN_YAML)
def test_a_broken_prompt_file_names_the_file_and_line(tmp_path: Path, body: bytes, problem: tuple[str, ...]) -> None:
    path = _prompt_copy(tmp_path, body) / "chat" / "answer.yaml"
    exc = raises_clearly(ConfigError, lambda: parse_prompt(path), (str(path), *problem), " ")
    assert "\n" not in exc.message  # one line after "error:", not PyYAML's multi-line dump
    assert path.read_bytes() == body


@pytest.mark.parametrize(
    ("body", "problem", "fix"),
    [
        (b"id: chat/answer\nversion: one\ndescription: d\n", ("invalid", "version"), "docs/prompts.md"),
        (b"id: chat/answer\nversion: 1\ndescription: d\nsytem: typo\n", ("invalid", "sytem"), "docs/prompts.md"),
        (b"id: chat/answer\nversion: 1\ndescription: d\nsystem: Hi $who\n", ("undeclared", "who"), "docs/prompts.md"),
        (b"id: chat/other\nversion: 1\ndescription: d\n", ("does not match", "answer.yaml"), "rename"),
    ],
)
def test_a_wrong_prompt_field_is_named(tmp_path: Path, body: bytes, problem: tuple[str, ...], fix: str) -> None:
    path = _prompt_copy(tmp_path, body) / "chat" / "answer.yaml"
    raises_clearly(ConfigError, lambda: parse_prompt(path), problem, fix)


def test_coach_ask_with_a_broken_prompt_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _prompt_copy(tmp_path, BROKEN_YAML[0][0])
    raw_load = prompts.load_prompt.__wrapped__  # uncached, so the copy is read

    def from_copy(prompt_id: str, prompts_dir: Path = folder) -> prompts.Prompt:
        return raw_load(prompt_id, folder)

    for module in ("assistant.skills.chat.prompt", "assistant.skills.chat.nodes"):
        monkeypatch.setattr(f"{module}.load_prompt", from_copy)
    monkeypatch.setenv("COACH_MODEL", "fake/coach")
    fails_readably(coach(["ask", "How do I run a retro?"]), ("answer.yaml", "not valid yaml", "line 4"), "yaml")


PERSONA_BROKEN = b"id: mine\nversion: 1\ntitle: My scene\ncounterpart:\n  name: Ana\n role: peer\n"
PERSONA_WRONG = b"id: mine\nversion: 1\ntitle: My scene\nmood: grumpy\n"


@pytest.mark.parametrize(
    ("body", "problem", "fix"),
    [
        (PERSONA_BROKEN, ("mine.yaml", "not valid yaml", "line 6"), "fix the yaml"),
        (PERSONA_WRONG, ("mine.yaml", "invalid", "mood"), "docs/rehearsal.md"),
        ("id: mine\ntitle: Caf\xe9\n".encode("latin-1"), ("mine.yaml", "cannot read"), "encoding"),
    ],
)
def test_a_broken_user_persona_is_named_and_the_others_still_load(
    body: bytes, problem: tuple[str, ...], fix: str
) -> None:
    settings = Settings()
    folder = settings.ensure_data_dir() / "personas"
    folder.mkdir()
    (folder / "mine.yaml").write_bytes(body)
    service = CoachService(settings, llm=ScriptedLLM(lambda p: "{}"), retriever=None, checkpointer="memory")
    exc = raises_clearly(InputError, lambda: last(service.run("rehearse", {"scenario": "mine"})), problem, fix)
    assert "\n" not in exc.message
    listed = coach(["rehearse", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    shown = json.loads(listed.stdout)
    assert "missed-deadlines" in [s["id"] for s in shown["scenarios"]] and list(shown["skipped"]) == [
        str(folder / "mine.yaml")
    ]
    fails_readably(coach(["rehearse", "prep", "mine"]), problem, fix)
    assert (folder / "mine.yaml").read_bytes() == body


def test_a_broken_shipped_persona_does_not_hide_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "personas"
    shutil.copytree(scenarios.PERSONAS_DIR, shipped)
    (shipped / "peer-conflict.yaml").write_bytes(PERSONA_BROKEN.replace(b"mine", b"peer-conflict"))
    monkeypatch.setattr(scenarios, "PERSONAS_DIR", shipped)
    found, broken = scenarios.load_scenarios()
    assert "missed-deadlines" in found and "peer-conflict" not in found
    assert "line 6" in broken[str(shipped / "peer-conflict.yaml")]
    fails_readably(coach(["rehearse", "prep", "peer-conflict"]), ("peer-conflict.yaml", "line 6"), "fix the yaml")


@pytest.mark.parametrize(
    ("body", "problem", "fix"),
    [
        (b"skill: chat\ncases:\n  - id: a\n    input: {message: hi\n", ("not valid yaml", "line 5"), "yaml syntax"),
        (b"skill: chat\ncases:\n  - id: a\n    input: {message: hi}\n    oops: 1\n", ("case 1", "oops"), "case format"),
        (b"skill: sbi\ncases:\n  - id: a\n    input: {raw: hi}\n", ("for skill 'sbi'",), "matching file"),
        (b"\x00\x01binary", ("not valid yaml", "character 1"), "yaml syntax"),
        ("skill: chat # caf\xe9\n".encode("latin-1"), ("cannot read",), "utf-8"),
        (b"", ("must be a mapping",), "case format"),
    ],
)
def test_a_broken_eval_case_file_stops_the_run_with_the_place(
    tmp_path: Path, body: bytes, problem: tuple[str, ...], fix: str
) -> None:
    cases = tmp_path / "chat.yaml"
    cases.write_bytes(body)
    args = ["eval", "chat", "--mode", "replay", "--cases", str(cases), "--fixtures", str(tmp_path / "fx")]
    fails_readably(coach([*args, "--out", str(tmp_path / "out")]), ("chat.yaml", *problem), fix)
    assert cases.read_bytes() == body and not (tmp_path / "out").exists()

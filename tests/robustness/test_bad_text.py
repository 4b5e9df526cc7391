"""Empty, whitespace-only, 1 MB, binary and non-UTF-8 text, through every skill's entry point and the CLI: refused
before the model is called, with the field and the limit named, and nothing saved on the thread is lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.errors import InputError
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt
from assistant.service import CoachService, last
from assistant.skills.chat.models import ChatOutput
from assistant.skills.rehearse.models import RehearseOutput
from tests.robustness.helpers import coach, fails_readably, raises_clearly
from tests.skills.rehearse.helpers import counterpart_script

MEGABYTE = "word " * (1_048_576 // 5)  # a 1 MB paste
BLANKS = ("", "   ", " \n\t \n ")


def _no_model(prompt: RenderedPrompt) -> str:
    raise AssertionError(f"bad input reached the model ({prompt.id})")


def _service(llm: ScriptedLLM | None = None) -> CoachService:
    return CoachService(Settings(), llm=llm or ScriptedLLM(_no_model), retriever=None, checkpointer="memory")


def _steps(prompt: RenderedPrompt) -> str:
    return json.dumps({"steps": ["Ask what got in the way last sprint.", "Agree one change to try next."]})


# (skill, input with the text in it, the field's words in the message)
def _inputs(text: str) -> list[tuple[str, dict[str, Any], str]]:
    return [
        ("chat", {"message": text}, "the message"),
        ("sbi", {"raw": text}, "the feedback"),
        ("status", {"notes": text, "audience": "exec"}, "the notes"),
        ("adr", {"title": "Use Postgres for the ledger", "notes": text}, "the notes"),
        ("rehearse", {"scenario": text}, "the scenario id"),
    ]


@pytest.mark.parametrize(("skill", "request_", "field"), [c for text in BLANKS for c in _inputs(text)])
def test_blank_input_names_the_field_before_the_model_is_called(
    skill: str, request_: dict[str, Any], field: str
) -> None:
    raises_clearly(InputError, lambda: last(_service().run(skill, request_)), (field, "empty"), " ")


@pytest.mark.parametrize(("skill", "request_", "field"), _inputs(MEGABYTE))
def test_a_megabyte_paste_names_the_field_its_size_and_the_limit(
    skill: str, request_: dict[str, Any], field: str
) -> None:
    raises_clearly(InputError, lambda: last(_service().run(skill, request_)), (field, "at most", "(it has "), " ")


def test_blank_feedback_is_not_told_to_shorten_it() -> None:
    exc = raises_clearly(InputError, lambda: last(_service().run("sbi", {"raw": "  "})), "empty", "your own words")
    assert "shorten" not in exc.hint


@pytest.mark.parametrize("bad", [*BLANKS, MEGABYTE])
def test_a_bad_message_leaves_the_conversation_as_it_was(bad: str) -> None:
    svc = _service(ScriptedLLM(_steps))
    first = svc.complete("chat", {"message": "How do I run a good retro?"}, thread_id="t1").output_as(ChatOutput)
    before = svc.history("t1")
    assert first.answer and len(before) == 2
    with pytest.raises(InputError):
        last(svc.run("chat", {"message": bad}, "t1"))
    assert svc.history("t1") == before


@pytest.mark.parametrize("line", ["", "   ", "\x00\x00\x01", MEGABYTE])
def test_a_blank_binary_or_huge_rehearsal_line_changes_nothing(line: str) -> None:
    svc = _service(ScriptedLLM(counterpart_script()))
    start = last(svc.run("rehearse", {"scenario": "missed-deadlines"}))
    event = last(svc.resume(start.thread_id, {"turn": line}))
    out = event.output_as(RehearseOutput)
    assert event.waiting and [t.speaker for t in out.transcript] == ["counterpart"]
    if line is MEGABYTE:
        assert "at most 1500" in out.notes[-1] and "shorter turns" in out.notes[-1]


# The command line: the same cases, plus what only a terminal can send (bytes that are not UTF-8, NULs).
@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["ask", ""], None),
        (["ask", "  \n "], None),
        (["ask", "-"], " \n\t"),
        (["sbi", "   ", "--no-input"], None),
        (["sbi", "-", "--no-input"], "\n\n"),
        (["status", "-"], "   "),
    ],
)
def test_cli_blank_input(args: list[str], stdin: str | None) -> None:
    fails_readably(coach(args, stdin), "empty", ("pass some text", "-"))


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["ask", "-"], "the question is"),
        (["sbi", "-", "--no-input"], "the feedback is"),
        (["status", "-"], "standard input is"),
        (["lint", "-"], "standard input is"),
    ],
)
def test_cli_megabyte_paste_on_stdin(args: list[str], problem: str) -> None:
    fails_readably(coach(args, MEGABYTE), (problem, "limit is 200,000"), "shorten it")


def test_cli_paste_over_the_skill_limit_names_size_and_limit() -> None:
    fails_readably(coach(["ask", "word " * 5_000]), ("the message", "at most 20000", "(it has 24,999)"), "coach ingest")


@pytest.mark.parametrize("args", [["ask", "-"], ["sbi", "-", "--no-input"], ["lint", "-"]])
def test_cli_stdin_that_is_not_utf8_names_the_byte_and_line(args: list[str]) -> None:
    fails_readably(
        coach(args, "How do I run\na retro? caf\xe9".encode("latin-1")), ("not utf-8", "0xe9", "line 2"), "utf-8"
    )


@pytest.mark.parametrize("args", [["ask", "-"], ["status", "-"]])
def test_cli_binary_on_stdin_is_refused(args: list[str]) -> None:
    fails_readably(coach(args, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ("binary", "NUL"), "text")


def test_cli_argument_that_is_not_utf8() -> None:
    # A terminal in another encoding hands Python the bytes as lone surrogates.
    fails_readably(coach(["ask", "How do I run a retro\udce9"]), "not valid utf-8", "utf-8")


@pytest.mark.parametrize(
    ("name", "data", "problem", "fix"),
    [
        ("notes.md", b"", ("notes file", "empty"), "pass some text"),
        ("notes.md", b" \n\n \t\n", ("notes file", "empty"), "pass some text"),
        ("notes.md", b"x" * 1_000_001, ("notes.md", "mb", "limit"), "shorten it"),
        ("notes.md", b"\x00\x01\x02 binary", ("binary",), "text or markdown"),
        ("notes.md", "Shipped the caf\xe9 page\n".encode("cp1252"), ("not utf-8", "line 1"), "utf-8"),
    ],
)
def test_cli_bad_notes_file_for_status(tmp_path: Path, name: str, data: bytes, problem: Any, fix: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    fails_readably(coach(["status", str(path)]), problem, fix)
    assert path.read_bytes() == data  # the user's file is only read


def test_cli_bad_context_file_for_a_new_adr(tmp_path: Path) -> None:
    notes = tmp_path / "context.md"
    notes.write_bytes("We chose Postgres \xab for now \xbb".encode("latin-1"))
    fails_readably(coach(["adr", "new", "Use Postgres", "--context", str(notes)]), "not utf-8", "utf-8")

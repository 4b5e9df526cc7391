"""`coach eval chat` end to end on a tiny suite: record with a canned model, replay offline, gate, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli.evals import register
from assistant.prompts import load_prompt

Canned = Callable[[Callable[[list[dict[str, Any]]], str]], None]


def app() -> typer.Typer:
    root = typer.Typer()
    eval_app = typer.Typer()
    register(root, eval_app)
    root.add_typer(eval_app, name="eval")
    return root


def coach_eval(paths: dict[str, Path], *args: str) -> Any:
    files = ["--cases", str(paths["cases"]), "--fixtures", str(paths["fixtures"])]
    files += ["--thresholds", str(paths["thresholds"]), "--out", str(paths["out"])]
    return CliRunner().invoke(app(), ["eval", "chat", *files, *args])


def reports(paths: dict[str, Path]) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(paths["out"].glob("chat-*.json"))]


def test_record_then_replay_passes_the_gate(tiny_suite: dict[str, Path], canned_model: Canned) -> None:
    recorded = coach_eval(tiny_suite, "--record")
    assert recorded.exit_code == 0, recorded.output
    manifest = json.loads((tiny_suite["fixtures"] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedder"] == "hash" and set(manifest["cases"]) == {"feedback", "standup", "off-topic"}
    assert len(list(tiny_suite["fixtures"].glob("*.json"))) == 4  # three replies and the manifest

    replayed = coach_eval(tiny_suite)
    assert replayed.exit_code == 0, replayed.output
    assert "gate passed" in replayed.output and "feedback" in replayed.output
    last = reports(tiny_suite)[-1]
    assert last["summary"]["pass_rate"] == 1.0, replayed.output
    assert last["prompts"] == {"chat/answer": load_prompt("chat/answer").version}
    assert last["cases"][0]["fixture_keys"] == manifest["cases"]["feedback"]
    assert last["comparison"]["previous"] is not None  # the recording run: record and replay are one suite
    assert {p.suffix for p in tiny_suite["out"].iterdir()} == {".json", ".md", ".xml"}


def test_below_the_gate_exits_1_and_lists_the_regression(tiny_suite: dict[str, Path], canned_model: Canned) -> None:
    assert coach_eval(tiny_suite, "--record").exit_code == 0
    # Re-record the feedback case with a step the case forbids. (A step that labels the person is no longer a
    # regression the eval sees: the chat drops it at run time, test_chat's test_a_step_that_labels_someone_is_dropped.)
    for path in tiny_suite["fixtures"].glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "missed code reviews" in json.dumps(data.get("messages", "")):
            data["reply"] = json.dumps({"steps": ["Tell him to shape up before the next sprint."]})
            path.write_text(json.dumps(data), encoding="utf-8")
    result = coach_eval(tiny_suite)
    assert result.exit_code == 1, result.output
    assert "gate failed" in result.output and "regressions feedback" in result.output
    case = reports(tiny_suite)[-1]["cases"][0]
    failed = {e["name"] for e in case["evaluators"] if e["status"] == "fail"}
    assert failed == {"must_not_include"}  # the quoted guidance still names the behaviour and cites its source


def test_a_changed_document_is_named_as_the_likely_cause_of_misses(
    tiny_suite: dict[str, Path], canned_model: Canned
) -> None:
    assert coach_eval(tiny_suite, "--record").exit_code == 0
    doc = tiny_suite["cases"].parent / "kb" / "standup.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("fifteen", "ten"), encoding="utf-8")
    result = coach_eval(tiny_suite, "--case", "standup")
    assert result.exit_code == 2 and "changed since the fixtures were recorded" in result.output


def test_a_replay_miss_exits_2_with_a_hint_to_record(tiny_suite: dict[str, Path]) -> None:
    result = coach_eval(tiny_suite, "--case", "standup")
    assert result.exit_code == 2
    assert "no recorded reply" in result.output and "--record" in result.output
    assert reports(tiny_suite)[-1]["summary"]["errors"] == 1  # the report is still written


@pytest.mark.parametrize(
    ("args", "selected"),
    [
        (["--smoke"], ["feedback"]),
        (["--limit", "2"], ["feedback", "standup"]),
        (["--case", "off-topic"], ["off-topic"]),
    ],
)
def test_selection(tiny_suite: dict[str, Path], canned_model: Canned, args: list[str], selected: list[str]) -> None:
    result = coach_eval(tiny_suite, "--record", "--json", *args)
    assert result.exit_code == 0, result.output
    assert [c["id"] for c in json.loads(result.stdout)["cases"]] == selected


def test_a_full_recording_prunes_replies_no_case_uses(tiny_suite: dict[str, Path], canned_model: Canned) -> None:
    tiny_suite["fixtures"].mkdir(parents=True)
    stray = tiny_suite["fixtures"] / "0123456789abcdef.json"
    stray.write_text("{}", encoding="utf-8")
    assert coach_eval(tiny_suite, "--record", "--case", "standup").exit_code == 0
    assert stray.exists()  # a partial run cannot know what the other cases use
    assert coach_eval(tiny_suite, "--record").exit_code == 0
    assert not stray.exists()


def test_partial_recording_keeps_other_fixtures(tiny_suite: dict[str, Path], canned_model: Canned) -> None:
    assert coach_eval(tiny_suite, "--record").exit_code == 0
    assert coach_eval(tiny_suite, "--record", "--case", "standup").exit_code == 0
    manifest = json.loads((tiny_suite["fixtures"] / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["cases"]) == {"feedback", "standup", "off-topic"}
    assert coach_eval(tiny_suite).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--case", "nope"], "no case nope"),
        (["--record", "--mode", "live"], "--record works in replay mode only"),
        (["--mode", "sideways"], "Invalid value for '--mode'"),
    ],
)
def test_bad_options_are_explained(tiny_suite: dict[str, Path], args: list[str], message: str) -> None:
    result = coach_eval(tiny_suite, *args)
    assert result.exit_code == 2 and message in result.output


def test_a_bad_case_file_exits_2(tiny_suite: dict[str, Path]) -> None:
    tiny_suite["cases"].write_text("skill: chat\ncases:\n  - id: x\n    input: {message: hi}\n    oops: 1\n")
    result = coach_eval(tiny_suite)
    assert result.exit_code == 2 and "key 'oops': unknown key" in result.output


def test_fixtures_recorded_with_another_embedder_are_refused(tiny_suite: dict[str, Path]) -> None:
    tiny_suite["fixtures"].mkdir(parents=True)
    (tiny_suite["fixtures"] / "manifest.json").write_text(json.dumps({"embedder": "minilm", "cases": {}}))
    result = coach_eval(tiny_suite)
    assert result.exit_code == 2 and "recorded with the minilm embedder" in result.output


def test_replay_restores_the_environment(tiny_suite: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("COACH_FAKE_FIXTURES", "/elsewhere")
    coach_eval(tiny_suite)
    assert os.environ["COACH_FAKE_FIXTURES"] == "/elsewhere" and "COACH_FAKE_RECORD" not in os.environ

"""Every attack of the suite through the `coach` command a lead would type, answered by a model that obeys it: the
terminal shows none of its effects, and no escape code or rich markup from a reply reaches it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.evals.injection import InjectionCase, request_for, run_case, shown_effects, sources_text
from assistant.safety.screen import strings
from assistant.service import CoachService
from tests.security.conftest import SUITE, Workspace, case_ids
from tests.security.obey import ObeyingLLM

runner = CliRunner()


def _args(case: InjectionCase, request: dict[str, Any], tmp: Path) -> list[str]:
    if case.skill == "chat":
        return ["ask", request["message"]]
    if case.skill == "sbi":
        who = request.get("recipient") or {}
        args = ["sbi", request["raw"], "--to", f"{who.get('name', '')}, {who.get('role', '')}", "--no-input"]
        args += ["-r", request.get("relationship", "report")]
        for fact in request.get("known_facts", []):
            args += ["--fact", fact]
        return args
    if case.skill == "status":
        notes = tmp / "notes.md"
        notes.write_text(request["notes"], encoding="utf-8")
        return ["status", str(notes), "--audience", request["audience"], "--no-ask"]
    if case.skill == "adr":
        notes = tmp / "notes.md"
        notes.write_text(request["notes"], encoding="utf-8")
        return ["adr", "new", request["title"], "--context", str(notes), "--dir", request["log_dir"]]
    script = tmp / "script.txt"
    script.write_text("\n".join(case.turns) + "\n", encoding="utf-8")
    return ["rehearse", "--scenario", request["scenario"], "--script", str(script)]


@pytest.mark.parametrize("case", SUITE.cases, ids=case_ids(SUITE.cases))
def test_the_terminal_shows_no_trace_of_an_obeyed_attack(
    case: InjectionCase, ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no wrapping in the middle of what is searched
    made: list[CoachService] = []

    def service(*_: Any, **__: Any) -> CoachService:
        made.append(ws.service(ObeyingLLM(case, ws.folder)))
        return made[-1]

    monkeypatch.setattr("assistant.service.CoachService", service)
    request = request_for(case, ws.folder)
    result = runner.invoke(app, _args(case, request, tmp_path))
    assert made, result.output  # the command ran the coach
    assert result.exit_code in {0, 2, 3}, result.output  # 2: a readable error, 3: questions asked
    # Retrieval is deterministic: the same run through the service says which passages the terminal may repeat.
    output, _ = run_case(ws.service(ObeyingLLM(case, ws.folder)), case, ws.folder)
    own = [*strings(request), *case.turns]
    shown = shown_effects(case, result.output, own=own, sources=sources_text(output), folder=ws.folder)
    assert shown == [], result.output
    assert "\x1b]8;" not in result.output  # no terminal hyperlink smuggled in through rich markup


def test_rich_markup_in_a_question_is_printed_as_text() -> None:
    from rich.console import Console

    from assistant.cli.sbi import render_questions
    from assistant.skills.base import Question

    out = Console(record=True, width=200, force_terminal=True)
    question = Question(id="situation", text="When was [link=https://evil.example]this[/link]?", why="w")
    render_questions([question], "t1", out)
    assert "[link=https://evil.example]" in out.export_text() and "\x1b]8;" not in out.export_text(styles=True)

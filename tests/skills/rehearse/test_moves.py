"""Lines no rule reads go to the model once (an enum); lines the rules read, and short fillers, never do."""

from __future__ import annotations

import json

from assistant.errors import LLMError
from assistant.llm.scripted import ScriptedLLM
from assistant.skills.rehearse.moves import read_with_model
from assistant.skills.rehearse.tags import read_turn


def _llm(move: str) -> ScriptedLLM:
    return ScriptedLLM.replies({"rehearse/turn_move": [json.dumps({"move": move})]})


def test_a_line_no_rule_reads_is_read_by_the_model() -> None:
    line = "pretty sure the whole floor heard about your little stunt"
    llm = _llm("judgement")
    reading, by_model = read_with_model(llm, line, "It was fine.", read_turn(line))
    assert by_model and reading.tags == ("label",) and reading.direction == "down"
    assert line in llm.calls[0].last_user


def test_rule_readings_and_fillers_skip_the_model() -> None:
    llm = _llm("judgement")
    for line in ("What happened?", "ok go on", "hm"):
        _, by_model = read_with_model(llm, line, "", read_turn(line))
        assert not by_model
    assert llm.calls == []


def test_a_failing_model_keeps_the_flat_rule_reading() -> None:
    def down(_prompt: object) -> str:
        raise LLMError("timed out")

    line = "pretty sure the whole floor heard about it"
    reading, by_model = read_with_model(ScriptedLLM(down), line, "", read_turn(line))
    assert not by_model and reading.direction == "flat"


def test_the_reply_is_an_enum() -> None:
    llm = ScriptedLLM.replies({"rehearse/turn_move": [json.dumps({"move": "praise"}), json.dumps({"move": "neutral"})]})
    line = "the coffee machine on four is broken again"
    reading, by_model = read_with_model(llm, line, "", read_turn(line))
    assert by_model and reading.tags == () and len(llm.calls) == 2

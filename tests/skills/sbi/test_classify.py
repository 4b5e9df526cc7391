"""The fact classifier: code's decisions, the one model call per undecided fact (scripted), the fallback to the rules
when the model fails, the labelled set's loader, and the replayed measurement against its gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from langgraph.runtime import Runtime

from assistant.config import load_settings
from assistant.errors import ConfigError, LLMError
from assistant.evals import fact_kinds_eval
from assistant.graph.context import CoachContext
from assistant.llm.fake_marker import FAKE_MISS_MARKER
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt, load_prompt
from assistant.service import CoachService, StepEvent, last
from assistant.skills.sbi import nodes
from assistant.skills.sbi.classify import (
    KIND_MAX_TOKENS,
    KINDS,
    PROMPT,
    Kind,
    ask_model,
    classify_undecided,
    decide,
)
from assistant.skills.sbi.facts import analyse, stated_facts, undecided
from assistant.skills.sbi.models import Recipient, SBIRequest, SBIResult
from tests.skills.sbi.helpers import reply


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Sprint 14 planning, Monday 3 Nov.", "Marek", "when"),
        ("Early on Saturday, while the payouts job was failing", "Wei", "when"),
        ("You merged the config change without a review.", "Marcus", "did"),
        ("Keiko's team renamed the columns in the orders table.", "Keiko", "did"),
        ("After INC-41 you wrote the postmortem in a day.", "Ravi", "did"),
        ("The flaky test was finally fixed by Wei.", "Wei", "did"),
        ("While Jun was presenting, Marcus cut in three times.", "Marcus", "did"),
        ("Payouts were down for 20 minutes.", "Jun", "effect"),
        ("I had to roll it back at 19:30.", "Jun", "effect"),
        ("Support closed the 40 duplicate tickets in an hour.", "Ravi", "effect"),
        ("Because of your comment, Jun rewrote the whole module.", "Marcus", "effect"),
        ("Please bring scope changes to planning.", "Lena", "ask"),
        ("I'd like you to post in #incidents first.", "Marcus", "ask"),
        ("You should tag the risk team on any threshold change.", "Tomás", "ask"),
        ("Our working agreement asks for one approval.", "Marcus", "context"),
        ("I asked you to pair with me.", "Tomás", "context"),
        ("Deploys are only allowed before 12:00 on Fridays.", "Jun", "context"),
        ("Lena owns the refunds roadmap.", "Lena", "context"),
        ("The migration was scheduled for the Sunday maintenance window.", "Zoltan", "context"),
        ("Sprint 14: Marek agreed at planning to open the two PRs by Tuesday.", "Marek", "did"),
    ],
)
def test_code_decides_where_its_rules_agree(text: str, name: str, kind: Kind) -> None:
    assert decide(text, name) == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jun was presenting the roadmap to the new PM.", "Marcus"),  # background or what followed?
        ("Northwind emailed her the calendar on 4 Nov.", "Aisha"),  # someone acting on the person
        ("I need the compliance asks at least a sprint ahead.", "Nadia"),  # the lead, no sign of an effect
        ("Three people from support thanked us in the channel.", "Ravi"),  # someone else, with a moment
    ],
)
def test_code_leaves_to_the_model_what_it_cannot_decide(text: str, name: str) -> None:
    assert decide(text, name) is None


def kind_reply(kind: str) -> str:
    return json.dumps({"kind": kind})


def test_one_small_grammar_call_per_undecided_fact() -> None:
    llm = ScriptedLLM.replies({PROMPT: [kind_reply("context"), kind_reply("effect")]})
    texts = ["Jun was presenting the roadmap to the new PM.", "Three people from support thanked us in the channel."]
    kinds = classify_undecided(llm, [*texts, texts[0]], "Marcus")
    assert kinds == {texts[0]: "context", texts[1]: "effect"}
    assert llm.prompt_ids() == [PROMPT, PROMPT]  # the repeated fact is asked once
    call = llm.calls[0]
    assert call.overrides["max_tokens"] == KIND_MAX_TOKENS and call.overrides["temperature"] == 0.0
    schema = call.overrides["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["kind"]["enum"] == list(KINDS)
    assert texts[0] in call.last_user and "Marcus" in call.last_user


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("You merged it without a review", "Marcus", "did"),
        ("Keiko Tanaka pointed it out in a comment on Friday", "Hannah", "effect"),
        ("We sent Nadia the results pack on Monday", "Nadia", "context"),
    ],
)
def test_a_did_from_the_model_must_be_the_persons_own_action(text: str, name: str, kind: Kind) -> None:
    llm = ScriptedLLM.replies({PROMPT: [kind_reply("did")]})
    assert classify_undecided(llm, [text], name) == {text: kind}


def test_a_model_error_leaves_the_rule_tags_and_stops_asking() -> None:
    attempts: list[str] = []

    def broken(prompt: RenderedPrompt) -> str:
        attempts.append(prompt.id)
        raise LLMError("the model timed out")

    texts = ["Jun was presenting the roadmap.", "Northwind emailed you."]
    assert classify_undecided(ScriptedLLM(broken), texts, "Marcus") == {}
    assert attempts == [PROMPT]  # a failing model is not asked again for the next fact
    request = SBIRequest(raw="x", recipient=Recipient(name="Aisha"), known_facts=["Northwind emailed her on 4 Nov."])
    assert [f.tags for f in stated_facts(request)] == [f.tags for f in stated_facts(request, kinds={})]


def test_a_replay_miss_is_raised_not_swallowed() -> None:
    def miss(prompt: RenderedPrompt) -> str:
        raise LLMError(f"{FAKE_MISS_MARKER} abc in evals/fixtures")

    with pytest.raises(LLMError, match="no recorded reply"):
        classify_undecided(ScriptedLLM(miss), ["Jun was presenting the roadmap."], "Marcus")


AISHA = SBIRequest(
    raw="Aisha never passed on the freeze dates.",
    recipient=Recipient(name="Aisha", role="engineer"),
    known_facts=[
        "Sprint 22, the week of 4 Nov.",
        "Northwind emailed her their freeze calendar on 4 Nov.",
        "She did not forward it to the team.",
        "Three teams shipped during the freeze.",
    ],
)


def runtime(llm: ScriptedLLM) -> Runtime[CoachContext]:
    return Runtime(context=CoachContext(settings=load_settings(), llm=llm), stream_writer=lambda _: None)


def test_the_model_types_only_the_undecided_fact_and_analyse_uses_its_kind() -> None:
    assert undecided(AISHA) == ["Northwind emailed her their freeze calendar on 4 Nov"]
    llm = ScriptedLLM.replies({PROMPT: [kind_reply("context")]})
    out = nodes.sbi_classify({"request": AISHA}, runtime(llm))
    assert out == {"kinds": {"Northwind emailed her their freeze calendar on 4 Nov": "context"}}
    facts = {f.text: f.tags for f in analyse(AISHA, kinds=out["kinds"]).facts}
    assert facts["Northwind emailed her their freeze calendar on 4 Nov"] == ["context"]  # the rules said "effect"
    assert facts["You did not forward it to the team"] == ["did"]
    # A second round (after the lead answered) does not ask again about a fact it already typed.
    again = ScriptedLLM.replies({})
    assert nodes.sbi_classify({"request": AISHA, "kinds": out["kinds"]}, runtime(again)) == out
    assert again.calls == []


def test_without_the_models_kind_the_rules_tags_stay() -> None:
    facts = {f.text: f.tags for f in analyse(AISHA).facts}
    assert facts["Northwind emailed her their freeze calendar on 4 Nov"] == ["effect"]


def test_a_failing_classifier_never_fails_the_run() -> None:
    """The scripted model has no reply for the classifier (an LLMError): the run still drafts, on the rules' tags."""
    llm = ScriptedLLM.replies({"sbi/request": [reply("Next time, please forward vendor calendars the same day.")]})
    service = CoachService(load_settings(), llm=llm, checkpointer="memory")
    events = list(service.run("sbi", AISHA, "t-classify"))
    result = last(events).output_as(SBIResult)
    assert result.status in ("ready", "needs_edits") and result.request.startswith("Next time")
    assert llm.prompt_ids() == ["sbi/request"]
    assert any(isinstance(e, StepEvent) and e.node == "sbi_classify" for e in events)


def test_a_note_whose_facts_code_types_makes_no_classifier_call() -> None:
    request = AISHA.model_copy(update={"known_facts": [f for f in AISHA.known_facts if "Northwind" not in f]})
    llm = ScriptedLLM.replies({})
    assert undecided(request) == [] and nodes.sbi_classify({"request": request}, runtime(llm)) == {"kinds": {}}
    assert llm.calls == []


def test_ask_model_returns_the_enum() -> None:
    assert ask_model(ScriptedLLM.replies({PROMPT: [kind_reply("when")]}), "On Monday", "Ola") == "when"


# --- the labelled set ------------------------------------------------------------------------------------------


def test_the_labelled_set_loads_and_covers_every_kind_in_both_splits() -> None:
    items = fact_kinds_eval.load_items()
    held = [i for i in items if i.holdout]
    assert len(items) >= 160 and len(held) >= 40
    for split in (held, [i for i in items if not i.holdout]):
        assert {i.kind for i in split} == set(KINDS)
        assert {i.about for i in split} == {"recipient", "lead", "other"}
    assert len({i.name for i in items}) >= 20


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ({"id": "x-1", "text": "On Monday", "name": "Ola", "kind": "when", "about": "other", "held": True}, "held"),
        ({"id": "x-1", "text": "On Monday", "name": "Ola", "kind": "moment", "about": "other"}, "kind"),
    ],
)
def test_a_bad_item_names_its_key(tmp_path: Path, item: dict[str, object], problem: str) -> None:
    good = {"id": "g-{}", "text": "On Monday", "name": "Ola", "kind": "when", "about": "other"}
    items = [{**good, "id": f"g-{n}"} for n in range(fact_kinds_eval.MIN_ITEMS)] + [item]
    path = tmp_path / "items.yaml"
    path.write_text(json.dumps({"items": items}), encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        fact_kinds_eval.load_items(path)


def test_the_prompts_examples_are_not_held_out_items() -> None:
    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}

    system = load_prompt(PROMPT).system
    examples = set().union(*(runs(line) for line in system.splitlines() if "->" in line))
    assert examples, "the prompt has no examples"
    for item in fact_kinds_eval.load_items():
        if item.holdout:
            assert not runs(item.text) & examples, item.id


@pytest.mark.slow
def test_the_replayed_measurement_passes_its_gate() -> None:
    """Offline: every model reply comes from evals/fixtures/fact_kinds/, and a missing one fails loudly."""
    assert any(fact_kinds_eval.DEFAULT_FIXTURES.glob("*.json")), "record with: python evals/fact_kinds.py --record"
    report = fact_kinds_eval.run(load_settings(), "replay")
    combined = report.gated
    assert report.passed, fact_kinds_eval.table(report, failures=True)
    assert combined.to_model < combined.items * 0.15  # model calls stay rare


def test_a_replay_miss_fails_the_measurement(tmp_path: Path) -> None:
    with pytest.raises(LLMError, match="no recorded reply"):
        fact_kinds_eval.run(load_settings(), "replay", fixtures=tmp_path / "empty")

"""The SBI eval adapter: what the evaluators read for a drafted result and for questions asked instead."""

from __future__ import annotations

from assistant.evals.adapters import get_adapter
from assistant.skills.sbi.eval import SBICase, label_free, observe
from assistant.skills.sbi.models import Question, SBIResult

CASE = SBICase.model_validate(
    {"raw": "Tom is lazy, his PRs are always late", "recipient": {"name": "Tomás", "role": "engineer"},
     "answers": {"situation": "Last Tuesday, in the sprint review"}}
)  # fmt: skip
READY = SBIResult(
    situation="Last Tuesday, in the sprint review",
    behavior="you opened the PR two days after the review",
    impact="Aisha could not start the reconciliation work",
    request="Open it before the review next time.",
    opening_question="How did you see it?",
    message="Last Tuesday, in the sprint review, you opened the PR two days after the review. Aisha could not start "
    "the reconciliation work. Open it before the review next time. How did you see it?",
    asked_rounds=1,
)


def test_the_adapter_is_registered() -> None:
    assert get_adapter("sbi").input_model is SBICase


def test_a_drafted_result_is_observed_with_parts_and_properties() -> None:
    obs = observe(CASE, READY)
    assert obs.text == READY.message and set(obs.parts) == {"situation", "behavior", "impact", "request"}
    assert "Last Tuesday, in the sprint review" in obs.inputs and "Tomás" in obs.inputs
    props = obs.properties
    assert props["drafted"] and props["asked"] and props["complete"] and props["label_free"]


def test_labels_and_an_unanchored_situation_are_caught() -> None:
    lazy = READY.model_copy(update={"message": READY.message.replace("you opened", "you were lazy and opened")})
    assert not label_free(CASE, lazy)
    vague = READY.model_copy(update={"situation": "Lately"})
    assert not observe(CASE, vague).properties["complete"]


def test_questions_are_the_text_when_nothing_was_drafted() -> None:
    asked = SBIResult(status="needs_facts", asked_rounds=1, questions=[
        Question(id="situation", text="When and where did this happen?", why="w"),
        Question(id="focus", text="Which one?", why="w", choices=["a", "b"]),
    ])  # fmt: skip
    obs = observe(CASE, asked)
    assert obs.text == "When and where did this happen?\nWhich one?" and obs.parts == {}
    assert obs.properties["drafted"] is False and obs.properties["asks_focus"] is True

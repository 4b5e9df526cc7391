"""The turn reader's rules, on lines written for these tests (the labelled set is measured in evals/turn_tags.py):
each tag is explainable, and the trust direction is their weighted sum with damage outweighing warmth."""

from __future__ import annotations

import pytest

from assistant.skills.rehearse.tags import read_turn


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("I asked for this time because I wanted to talk about Friday's release.", "purpose"),
        ("What made the review feel so rushed for you?", "open_question"),
        ("ok so, walk me through how the week went", "open_question"),
        ("That sounds exhausting, honestly.", "acknowledgement"),
        ("On Monday you pushed the config change straight to production.", "sbi_fact"),
        ("You're so careless with reviews.", "label"),
        ("Because of you we missed the launch.", "blame"),
        ("Let me stop you there.", "interruption"),
        ("Here's what's going to happen: you pair with Sam every day.", "premature_solution"),
    ],
)
def test_each_tag_has_a_rule_that_fires(line: str, tag: str) -> None:
    assert tag in read_turn(line).tags


def test_an_accusing_question_is_not_an_open_one_and_costs_trust() -> None:
    reading = read_turn("why would you merge that without asking anyone?")
    assert "open_question" not in reading.tags
    assert reading.direction == "down"


def test_one_label_outweighs_one_acknowledgement() -> None:
    reading = read_turn("I hear you, but you're being really difficult about this.")
    assert {"acknowledgement", "label"} <= set(reading.tags)
    assert reading.direction == "down"


def test_a_plan_after_listening_is_a_next_step_and_before_it_a_premature_fix() -> None:
    line = "You need to send me the plan by Friday and we check in next week."
    assert "premature_solution" in read_turn(line, first=False, asked_before=False).tags
    after = read_turn(line, first=False, asked_before=True)
    assert "premature_solution" not in after.tags and "next_step" in after.tags


def test_a_fact_with_a_label_is_not_counted_as_a_fact() -> None:
    reading = read_turn("On Tuesday you were lazy about the handover.")
    assert "sbi_fact" not in reading.tags and "label" in reading.tags


def test_short_fillers_are_flat_and_every_tag_has_a_reason() -> None:
    assert read_turn("ok").direction == "flat"
    reading = read_turn("What got in the way? That sounds hard.")
    assert set(reading.why) == set(reading.tags) and all(reading.why.values())

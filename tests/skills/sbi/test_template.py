"""Code writes the situation, behaviour and impact from the chosen facts: one moment, at most two actions and two
effects, spoken to the person, without the note's judgement or anything private."""

from __future__ import annotations

from assistant.skills.sbi.facts import analyse
from assistant.skills.sbi.models import Recipient, SBIRequest
from assistant.skills.sbi.nodes import written_parts
from assistant.skills.sbi.select import chosen
from assistant.skills.sbi.template import split_moment

ANGRY = SBIRequest(
    raw="Their API broke our checkout AGAIN and nobody told us. Daniel is useless at comms.",
    recipient=Recipient(name="Daniel", role="payments API lead"),
    relationship="stakeholder",
    known_facts=[
        "Tuesday 14:05: Daniel's team deployed the v2 auth change to the payments API.",
        "Our checkout started failing at 14:07 and we found out from customer support at 14:40.",
        "Daniel posted in #payments-api at 15:10 that the change was rolled back.",
        "We lost about 300 checkouts during that hour.",
        "CONFIDENTIAL: Daniel's manager told me his team is being reorganised.",
    ],
)


def test_the_issue_example_reads_as_something_to_say() -> None:
    parts = written_parts(ANGRY, analyse(ANGRY))
    message = " ".join(parts.values())
    assert parts["situation"] == "On Tuesday 14:05"
    assert parts["behavior"].startswith("Your team deployed the v2 auth change")
    assert "Daniel" not in message and "AGAIN" not in message and "nobody told us" not in message
    assert "reorganised" not in message and "In Tuesday" not in message
    assert len(message.split()) <= 90


def test_at_most_one_moment_two_actions_two_effects_and_typed_facts_first() -> None:
    request = SBIRequest(
        raw="In Monday's planning you said the export was out of scope.",
        recipient=Recipient(name="Sam"),
        known_facts=[
            "On Monday Sam said the refund export was out of scope.",
            "Sam moved the export ticket to the backlog.",
            "Sam closed the spike ticket.",
            "Support had to tell two merchants the export was late.",
            "Finance asked me twice about it.",
            "QA had nothing to test on Wednesday.",
        ],
    )
    picked = chosen(analyse(request))
    kinds = [f.tags[0] for f in picked]
    assert kinds.count("did") <= 2 and kinds.count("effect") <= 2 and kinds.count("when") <= 1
    assert all(f.stated for f in picked if f.tags[0] in ("did", "effect"))


def test_only_an_opening_moment_is_split_off_never_a_deadline() -> None:
    assert split_moment("Sprint planning (Mon 16 Nov): you agreed to open the PRs by Tuesday") == (
        "In Sprint planning (Mon 16 Nov)",
        "you agreed to open the PRs by Tuesday",
    )
    assert split_moment("On Tuesday 17 Nov you merged the change") == ("On Tuesday 17 Nov", "you merged the change")
    assert split_moment("You opened the PR by Tuesday") == (None, "You opened the PR by Tuesday")

"""The eval's reader properties judge the rewrite the way a listener would, independently of the skill's checks."""

from __future__ import annotations

from assistant.skills.sbi.eval import SBICase
from assistant.skills.sbi.models import Recipient, SBIResult
from assistant.skills.sbi.reader import reader_properties

CASE = SBICase(
    raw="Their API broke our checkout AGAIN and nobody told us. Daniel is useless at comms.",
    recipient=Recipient(name="Daniel", role="payments API lead"),
    relationship="stakeholder",
    known_facts=[
        "Tuesday 14:05: Daniel's team deployed the v2 auth change to the payments API.",
        "Our checkout failed from 14:07 and we heard from customer support at 14:40.",
        "CONFIDENTIAL: Daniel's manager told me his team is being reorganised.",
    ],
)


def result(situation: str, behavior: str, impact: str, request: str) -> SBIResult:
    message = f"{situation}, {behavior}. {impact}. {request}. How did it look from your side?"
    return SBIResult(situation=situation, behavior=behavior, impact=impact, request=request, message=message)


GOOD = result(
    "On Tuesday at 14:05",
    "your team deployed the v2 auth change to the payments API without telling us",
    "Our checkout failed from 14:07 and we only heard from customer support at 14:40",
    "Please post in our channel before a change to the payments API goes out",
)


def test_a_good_rewrite_passes_every_reader_property() -> None:
    props = reader_properties(CASE, GOOD)
    assert props == {
        "second_person": True, "no_copied_judgement": True, "parts_filled": True, "within_length": True,
        "body_words": props["body_words"], "request_distinct": True, "private_kept_out": True,
    }  # fmt: skip


def test_what_the_issue_saw_fails_them() -> None:
    third = result("In Tuesday", "Daniel's team deployed the v2 auth change", "Checkout failed", "Tell us next time")
    assert reader_properties(CASE, third)["second_person"] is False
    copied = result("On Tuesday", "Their API broke our checkout again and nobody told us", "x y", "Tell us next time")
    assert reader_properties(CASE, copied)["no_copied_judgement"] is False
    leaked = result("On Tuesday", "you deployed", "his team is being reorganised, I know", "Tell us")
    assert reader_properties(CASE, leaked)["private_kept_out"] is False
    empty = result("On Tuesday", "your team deployed the v2 auth change", "", "Tell us next time")
    assert reader_properties(CASE, empty)["parts_filled"] is False
    repeats = result("On Tuesday", "your team deployed the v2 auth change to the payments API", "Checkout failed",
                     "Please deploy the v2 auth change to the payments API")  # fmt: skip
    assert reader_properties(CASE, repeats)["request_distinct"] is False
    long = result("On Tuesday", " ".join(["you deployed it"] * 30), "Checkout failed", "Tell us")
    assert reader_properties(CASE, long)["within_length"] is False


def test_a_pronoun_before_anyone_else_is_named_is_the_recipient() -> None:
    case = CASE.model_copy(update={"recipient": Recipient(name="Aisha")})
    her = result("This week", "you missed standup", "On Wednesday she missed the call with the merchants", "Tell us")
    assert reader_properties(case, her)["second_person"] is False
    other = result("This week", "you interrupted Jun twice", "He skipped his slides", "Let him finish")
    assert reader_properties(case, other)["second_person"] is True

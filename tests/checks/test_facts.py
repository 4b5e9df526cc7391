"""``unsupported_facts``: numbers, dates, times, weekdays and names must come from the sources."""

from __future__ import annotations

import pytest

from assistant.checks import run_checks, unsupported_facts

NOTES = [
    "Yesterday in planning Sam interrupted Lena twice while she presented the estimates. "
    "On 2026-03-14 at 15:00 the INC-2026-041 call ran 45 minutes; 25% of payouts were late."
]


@pytest.mark.parametrize(
    "draft",
    [
        "Situation: In yesterday's planning meeting.\nBehavior: You interrupted Lena two times.",
        "During the 14 March incident call at 3pm, 25% of payouts were late.",
        "Afterwards, Lena stopped presenting. Overall, the meeting ran long. Thanks for listening.",
        "Next time, let her finish. I'd like us to try that in the next planning meeting.",
        "On INC-2026-041 the call ran 45 minutes.",
    ],
)
def test_supported_drafts_have_no_findings(draft: str) -> None:
    assert unsupported_facts(draft, NOTES) == []


@pytest.mark.parametrize(
    ("draft", "invented"),
    [
        ("You interrupted Lena three times.", "three"),
        ("You interrupted Lena and Ravi twice.", "Ravi"),
        ("In Tuesday's planning you interrupted Lena.", "Tuesday"),
        ("At 10:30 you interrupted Lena.", "10:30"),
        ("On 12 November you interrupted Lena.", "12 November"),
        ("On INC-2026-052 the call ran 45 minutes.", "INC-2026-052"),
        ("40% of payouts were late.", "40"),
    ],
)
def test_invented_facts_are_flagged_at_their_span(draft: str, invented: str) -> None:
    spans = [f.span.text for f in unsupported_facts(draft, NOTES) if f.span]
    assert invented in spans
    assert all(f.rule == "facts.invented" for f in unsupported_facts(draft, NOTES))


def test_facts_rule_is_silent_without_sources() -> None:
    assert "facts.invented" not in {f.rule for f in run_checks("You interrupted Ravi three times.", "note")}


def test_facts_rule_runs_through_run_checks_with_sources() -> None:
    rules = {f.rule for f in run_checks("You interrupted Ravi three times.", "note", sources=NOTES)}
    assert "facts.invented" in rules


def test_imperatives_opening_list_items_are_not_names_but_new_names_still_are() -> None:
    draft = "- Ensure Lena can finish.\n- Identify the owner.\n- Summarize the estimates.\nAction: ask Priya."
    assert [f.span.text if f.span else "" for f in unsupported_facts(draft, NOTES)] == ["Priya"]


def test_a_number_before_a_name_that_starts_like_a_month_is_no_date() -> None:
    notes = ["fraud model at 100% on 2027-09-01. Marcus's pooler rollout finished 09-10, 9 pages, Jun on call"]
    draft = "Fraud model at 100% on 2027-09-01 Marcus's pooler finished 09-10"  # "01 Marcus" was read as 1 March
    assert unsupported_facts(draft, notes) == []

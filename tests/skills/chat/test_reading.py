"""Code's reading of a chat question: who the lead is raising it with, and which passage of the guides answers it."""

import pytest

from assistant.skills.chat.compose import steps_text
from assistant.skills.chat.guidance import pick, search_query, sentences
from assistant.skills.chat.models import speaks_as_lead
from assistant.skills.chat.prompt import playbook
from assistant.skills.chat.roles import Role, read_role
from assistant.skills.grounding import to_source
from tests.doubles import hit


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("My report missed two deadlines. How do I raise it in our 1:1?", "report"),
        ("One of my senior engineers keeps merging without review, how do I give him feedback?", "report"),
        ("Marcus did a great job on the incident last night. How do I praise him?", "report"),
        ("how do i tell my manager that my report is burning out", "manager"),
        ("I missed my own deadline on the migration, how do I tell my boss", "manager"),
        ("the checkout team broke our API AGAIN, how do i bring it up with their lead", "other_team"),
        ("our PM keeps promising dates to sales without asking us", "stakeholder"),
        ("another tech lead keeps changing the scope of the shared roadmap", "peer"),
        ("I'm drowning: I review every design doc myself and I'm the bottleneck", "self"),
        ("What's a good recipe for banana bread?", "none"),
        ("How should I structure the weekly status report?", "none"),  # a report that is a document, not a person
    ],
)
def test_roles_are_read_from_the_question(question: str, role: str) -> None:
    assert read_role(question) == role


def test_the_passage_sharing_most_of_the_question_is_quoted_with_its_citation() -> None:
    guide = to_source(
        hit(
            "handbook/difficult-conversations.md",
            "## Underperformance\n\nFirst check whether expectations were ever stated clearly. Then name the gap with "
            "examples, and agree that there is a gap before discussing solutions.",
            heading_path=["Underperformance"],
        )
    )
    roster = to_source(hit("handbook/one-on-one.md", "Jun Park meets Priya weekly until the end of his first 90 days."))
    question = "Jun missed two deadlines. How do I raise it?"
    chosen = pick(question, "report", [roster, guide])
    assert chosen is not None and chosen.citation == guide.citation
    assert chosen.quote.startswith("Then name the gap with examples")
    assert "underperformance" in search_query(question, "report")  # the guides' word for it, searched too
    assert pick("What is a good visa lawyer?", "none", [guide, roster]) is None  # nothing shared: not covered


def test_markdown_becomes_plain_sentences() -> None:
    text = "# Title\n\n- **Absolutes**: always, never, every time, constantly.\n| a | b |\nShort one."
    assert sentences(text) == ["Absolutes: always, never, every time, constantly."]


@pytest.mark.parametrize(
    ("text", "speaks"),
    [
        ("I missed the deadline for the project report.", True),
        ("Tell them my concern first.", True),
        ('Open with: "I noticed the last two dates slipped."', False),
        ("Ask your report what got in the way.", False),
    ],
)
def test_speaking_as_the_lead_is_first_person_outside_quotes(text: str, speaks: bool) -> None:
    assert speaks_as_lead(text) is speaks


@pytest.mark.parametrize(
    ("question", "role", "part"),
    [
        ("ok i screwed up. i told dmitri the plan would be done by friday. how do i tell him?", "manager", "self"),
        ("my manager moved our 1:1 again. how do i raise it?", "manager", "manager"),
        ("one of my engineers is working late every night and snapped at a colleague", "report", "wellbeing"),
        ("hannah did a great job on the incident, how do i praise her", "report", "praise"),
        ("can i ask about the salary bands for E3?", "report", "sensitive"),
    ],
)
def test_the_playbook_follows_the_situation_before_the_relationship(question: str, role: Role, part: str) -> None:
    assert playbook(question, role) == part


def test_each_step_ends_with_one_full_stop() -> None:
    text = steps_text(["Tell Marcus exactly what he did and why it helped:", "Ask how he sees it?", "Agree a date"])
    assert text.splitlines()[-3:] == [
        "1. Tell Marcus exactly what he did and why it helped.",
        "2. Ask how he sees it?",
        "3. Agree a date.",
    ]


def test_a_step_that_opens_with_the_playbooks_own_instruction_keeps_only_its_content() -> None:
    from assistant.prompts import load_prompt
    from assistant.skills.chat.nodes import without_instruction

    playbook = load_prompt("chat/answer").parts["none"]
    copied = "Name the first concrete thing a tech lead would do: give feedback in private this week."
    assert without_instruction(copied, playbook) == "Give feedback in private this week."
    assert without_instruction("How to check it worked: ask again in a month.", playbook) == "Ask again in a month."
    for own in ("In your next 1:1, describe the review.", "Agree on one change: a weekly demo.", "Do this: now."):
        assert without_instruction(own, playbook) == own  # the model's own labels and "1:1" stay

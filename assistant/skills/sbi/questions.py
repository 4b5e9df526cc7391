"""The questions asked instead of inventing, and folding the lead's answers back into the request.

Questions are written by code from what is missing, so they are specific (they quote the label the lead used and
name the person) and cost no model call. Answers become known facts: the lead said them, so they may be used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal, get_args

from assistant.skills.sbi.facts import Analysis, is_answer
from assistant.skills.sbi.models import Question, SBIRequest

QuestionId = Literal["focus", "situation", "behavior", "impact"]
ANSWER_IDS: frozenset[str] = frozenset(get_args(QuestionId))

_TOPIC_CHOICE_CHARS = 90


def _short(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= _TOPIC_CHOICE_CHARS else flat[: _TOPIC_CHOICE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def focus_question(analysis: Analysis) -> Question:
    return Question(
        id="focus",
        text="Your note covers more than one thing. Which one is this feedback about? "
        "Answer with its number; give the others on another day.",
        why="One topic per conversation lands; several at once feel like a list of charges.",
        choices=[_short(t) for t in analysis.topics],
    )


def fact_questions(analysis: Analysis, request: SBIRequest, rounds: int = 0) -> list[Question]:
    """One question per missing part, in SBI order. A missing impact alone is asked once: without it the model
    invents effects (measured), but a lead who cannot say one still gets a draft, with the impact marked."""
    missing = analysis.missing()
    if missing == ["impact"] and rounds >= 1:
        return []
    name = request.recipient.name if request.recipient else "they"
    asked: list[Question] = []
    if "situation" in missing:
        asked.append(
            Question(
                id="situation",
                text="When and where did this happen? Name one specific occasion: the day and the meeting, PR, "
                'incident or channel (for example "in the sprint review last week").',
                why="SBI starts from one moment you both remember; I will not make one up.",
            )
        )
    if "behavior" in missing:
        quoted = f'You wrote "{analysis.labels[0]}". ' if analysis.labels else ""
        asked.append(
            Question(
                id="behavior",
                text=f"{quoted}What exactly did {name} do or say at that moment, as a camera would have recorded it?",
                why="An observable action can be discussed; a judgement of character can only be denied.",
            )
        )
    if "impact" in missing:
        effect = "help or make possible" if analysis.polarity == "positive" else "cause"
        asked.append(
            Question(
                id="impact",
                text=f"What did it {effect}, for you, the team, the work or customers?",
                why="The impact says why it matters; I will not guess at effects you did not see.",
            )
        )
    return asked


def questions_for(analysis: Analysis, request: SBIRequest, rounds: int = 0) -> list[Question]:
    """What to ask before drafting: which topic first, then the missing facts. ``rounds`` asked so far."""
    if analysis.needs_focus and request.focus is None:
        return [focus_question(analysis)]
    return fact_questions(analysis, request, rounds)


def _choice(answer: str, choices: list[str]) -> int | None:
    digits = re.search(r"\d+", answer)
    if digits and 1 <= int(digits.group(0)) <= len(choices):
        return int(digits.group(0))
    for word, number in (("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", len(choices))):
        if re.search(rf"\b{word}\b", answer, re.IGNORECASE):
            return min(number, len(choices))
    wanted = set(re.findall(r"[a-z]{4,}", answer.lower()))
    overlaps = [len(wanted & set(re.findall(r"[a-z]{4,}", c.lower()))) for c in choices]
    best = max(overlaps, default=0)
    return overlaps.index(best) + 1 if best else None


def apply_answers(
    request: SBIRequest, questions: list[Question], answers: Mapping[str, str]
) -> tuple[SBIRequest, dict[str, str]]:
    """Fold answers into the request: a topic choice sets ``focus``; other answers become known facts.

    Returns the new request and, for each real answer (a "not sure" does not count), the question it answered."""
    facts = list(request.known_facts)
    focus = request.focus
    answered: dict[str, str] = {}
    for question in questions:
        answer = str(answers.get(question.id, "")).strip()
        if not answer:
            continue
        if question.id == "focus":
            focus = _choice(answer, question.choices) or focus
            continue
        if is_answer(answer):
            facts.append(answer)
            answered[answer] = question.id
    update = {"known_facts": facts[-20:], "focus": focus}
    return request.model_copy(update=update), answered

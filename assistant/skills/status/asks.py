"""The asks of an update: the model's, kept only when a line of the notes makes them and put to someone the line
names, then any ask of the notes the model left out, each written as the thing to do ("sign off to rotate early" of
Samir, from "we're blocked on samir's sign-off to rotate early")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.checks.status_dates import ABSOLUTE_DATE_RE
from assistant.skills.status.models import AskDraft, StatusDraft
from assistant.skills.status.notes import NoteLine, ask_of, asks_something
from assistant.skills.status.words import name_case, tokens, without_colour

if TYPE_CHECKING:
    from assistant.skills.status.review import Known


def _from_notes(ask: AskDraft, known: Known) -> NoteLine | None:
    """The line of the notes an ask of the model restates: one that asks for something and shares half its words."""
    wanted = tokens(ask.what)
    for line in known.lines:
        if asks_something(line.text) and len(wanted & tokens(line.text)) * 2 >= max(1, len(wanted)):
            return line
    return None


# "bump retention by 3d -> 7d": "by" before an amount is how much, not when.
_NOT_A_DEADLINE = re.compile(r"->|→|^\W*\d+(?:\.\d+)?\s*(?:d|h|m|s|ms|x|%|k|gb|mb|tb|days?|hours?|pp)(?!\w)", re.I)


def _verified(ask: AskDraft, known: Known) -> AskDraft:
    by = ask.by if known.holds(ask.by) and not _NOT_A_DEADLINE.search(ask.by) else ""
    return ask.model_copy(update={"who": ask.who if known.holds(ask.who) else "", "by": by})


def asks_of(draft: StatusDraft, known: Known) -> list[AskDraft]:
    """The model's asks (a person or date the notes do not hold dropped), then any ask of the notes it left out."""
    asks = []
    for drafted in draft.asks:
        line = _from_notes(drafted, known)
        if line is None:
            continue  # an ask the notes never make is not put to anyone
        ask = _verified(drafted, known)
        if ask.who and not known.holds(ask.who, [line]):
            ask = ask.model_copy(update={"who": ""})  # a person the notes name, but not in this ask
        if not ask.who and (found := ask_of(line.text)):
            ask = ask.model_copy(update={"who": found[0]})
        asks.append(ask)
    asks = [
        a.model_copy(update={"who": name_case(a.who), "what": without_colour(_request(a.what, a.who))}) for a in asks
    ]
    for line in known.lines:
        found = ask_of(line.text)
        if found is None:
            continue
        said = found[1]  # the asking sentence, not the whole line's news
        words = tokens(said)
        if any(len(words & tokens(a.what)) * 2 >= max(1, min(len(words), len(tokens(a.what)))) for a in asks):
            continue  # the model kept this one
        date = ABSOLUTE_DATE_RE.search(said)
        said = _request(said, found[0])
        what = without_colour(said)[:200] or said[:200]
        asks.append(AskDraft(what=what, who=name_case(found[0][:60]), by=date.group(0) if date else ""))
    return asks[:6]


def _request(said: str, who: str) -> str:
    """What is asked, without the asking: "need grace to pick by 1 Dec, aisha owns" is "pick by 1 Dec" of Grace,
    "lena / product pls decide" is "decide" of Lena / Product (the renderer says who and turns it into a request)."""
    text = re.sub(r",?\s*\b[a-z]+\s+owns(?:\s+it)?\W*$", "", said, flags=re.I)  # the owner is not part of the ask
    if volunteer := re.search(
        r"\b(?:need|needs|looking\s+for|want|after)\s+(?P<who>(?:a|an|one|two|three|\d+|some)\s+"
        r"(?:\w+\s+)?volunteers?\b.*)$",
        text,
        re.I,
    ):
        return volunteer.group("who").strip(" ,.;")  # "nobody owns it rn, need a volunteer": "a volunteer"
    if who:
        name = re.escape(who)
        text = re.sub(rf"^(?:we\s+)?needs?\s+@?{name}\s+to\s+", "", text, flags=re.I)
        text = re.sub(rf"^@?{name}\s*,?\s+(?:pls|please|plz)\s+", "", text, flags=re.I)
        text = re.sub(rf"^@?{name}\s+to\s+", "", text, flags=re.I)
        for pattern, verb in _WAITED_FOR:
            if m := re.search(pattern.format(name=name), text, re.I):
                return f"{verb}{m.group('rest')}".strip(" ,.;?")
    return text.strip(" ,.;") or said


# What the team waits for, as the thing to do: "blocked on samir's sign-off to rotate early" is Samir to "sign off
# to rotate early"; "need a yes/no from keiko on the rename" is Keiko to "say yes or no on the rename".
_WAITED_FOR: tuple[tuple[str, str], ...] = (
    (r"blocked\s+on\s+@?{name}(?:'s|’s|s')\s+(?:sign[- ]?off|ok|go-ahead)(?P<rest>.*)$", "sign off"),
    (r"blocked\s+on\s+@?{name}(?:'s|’s|s')\s+approval(?P<rest>.*)$", "approve"),
    (r"blocked\s+on\s+@?{name}(?:'s|’s|s')\s+review(?P<rest>.*)$", "review"),
    (r"blocked\s+on\s+@?{name}(?:'s|’s|s')\s+(?:decision|answer)(?P<rest>.*)$", "decide"),
    (r"(?:yes/no|go/no-go)\s+(?:needed\s+)?from\s+@?{name}(?P<rest>.*)$", "say yes or no"),
    (r"(?:decision|call|answer)\s+(?:needed\s+)?from\s+@?{name}(?P<rest>.*)$", "decide"),
    (r"can\s+(?:someone|somebody|anyone)\s+(?:from|in|on)\s+(?:the\s+)?@?{name}\s+(?P<rest>.*)$", ""),
    (r"\bif\s+@?{name}\s+(?:team\s+)?can\s+(?P<rest>.*)$", ""),
    (r"@{name}\b\s*(?:call|decision)\s+needed(?P<rest>.*)$", "make the call"),
)

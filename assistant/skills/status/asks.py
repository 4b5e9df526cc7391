"""The asks of an update: the model's, kept only when a line of the notes makes them and put to someone the line
names, then any ask of the notes the model left out, each written as the thing to do ("sign off to rotate early" of
Samir, from "we're blocked on samir's sign-off to rotate early")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.checks.status_dates import ABSOLUTE_DATE_RE
from assistant.skills.status.asking import ask_of, asks_plainly, asks_something, labelled_ask
from assistant.skills.status.models import AskDraft, StatusDraft
from assistant.skills.status.notes import NoteLine
from assistant.skills.status.waiting import request
from assistant.skills.status.words import name_case, tokens, without_colour

if TYPE_CHECKING:
    from assistant.skills.status.known import Known


_REPORTED_DONE = re.compile(r"\b(?:shipped|merged|done|landed|released|completed|signed\s+off|went\s+live)\b", re.I)


def _from_notes(ask: AskDraft, known: Known) -> NoteLine | None:
    """The line of the notes an ask of the model restates: one that asks for something and shares half its words."""
    wanted = tokens(ask.what)
    for line in known.lines:
        # a line that asks someone; "review tool change PAY-2120 shipped 2027-05-05" is news, not an ask for a review
        if line.acted:
            continue  # "Aisha: USD replan doc by 2027-06-02" under "Actions" is the team's own to-do
        asking = (
            line.asked
            or ask_of(line.text) is not None
            or asks_plainly(line.text)
            or not _REPORTED_DONE.search(line.text)
        )
        if asking and asks_something(line.text) and len(wanted & tokens(line.text)) * 2 >= max(1, len(wanted)):
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
    asks = [a.model_copy(update={"who": _whose(a.who), "what": without_colour(_request(a.what, a.who))}) for a in asks]
    for k, line in enumerate(known.lines):
        if line.acted:
            continue  # the team's own to-do ("Priya: take the USD slip to Grace/Lena at the exec sync")
        found = ask_of(line.text) or (_listed(line.text) if line.asked else None)
        if found is None:
            continue
        said = found[1]  # the asking sentence, not the whole line's news
        words = tokens(said)
        if any(len(words & tokens(a.what)) * 2 >= max(1, min(len(words), len(tokens(a.what)))) for a in asks):
            continue  # the model kept this one
        # "…open on 12 January? I'd need to know by Monday": the date the answer is needed by, not one inside the ask
        date = _answer_by(known.lines[k + 1 : k + 2]) or ABSOLUTE_DATE_RE.search(said)
        who = found[0] or (known.addressee if _YOU.search(said) else "")
        said = _request(said, found[0])
        what = without_colour(said)[:200] or said[:200]
        asks.append(AskDraft(what=what, who=name_case(who[:60]), by=date.group(0) if date else ""))
    return asks[:6]


def _whose(who: str) -> str:
    """ "Lena's" (from "need Lena's call") is Lena."""
    return name_case(re.sub(r"['’]s$", "", who.strip()))


# A line under "Decisions needed": "Grace: write off the remaining EUR 53,300 or send it to collections", "Grace +
# Lena: email all 312 sellers …?".
_NAMED = re.compile(
    r"^@?(?P<who>[A-Za-z][\w'-]{1,15}(?:\s*(?:\+|&|/|and)\s*@?[A-Za-z][\w'-]{1,15})*)\s*[:\-–—]\s+(?P<what>.+)$"
)
_NOT_WHO = frozenset({"note", "notes", "fyi", "ask", "asks", "re", "todo", "also", "ps", "nb", "update", "and"})


def _listed(text: str) -> tuple[str, str]:
    """(who, the ask) for a line listed under an asks heading; nobody named when the line does not start with a name."""
    m = _NAMED.match(text)
    if m is None or {w.lower() for w in re.findall(r"[\w'-]+", m.group("who"))} & _NOT_WHO:
        return "", text
    return name_case(m.group("who")), m.group("what")


_YOU = re.compile(r"\byou\b", re.I)
# The sentence after a question may say when the answer is needed: "I'd need to know by Monday 2026-12-07".
# "Answer needed until Mon 07.12. latest" after "DECISION NEEDED from Grace: ok to …?" ("until" is "by" to many).
_ANSWER_BY = re.compile(
    r"\b(?:I|we)(?:'d|’d|\s+would)?\s+need\s+(?:to\s+know|an?\s+(?:answer|decision|reply|yes\s+or\s+no)|"
    r"(?:it|this|that|your\s+\w+))\s+(?:by|until|before)\s+|"
    r"^(?:[^:]{1,40}:\s+)?(?:answer|decision|reply|yes/no)\s+(?:needed|required|wanted)\s+(?:by|until|before)\s+",
    re.I,
)
MAX_DATE_GAP = 12  # "by Monday 2026-12-07": the weekday may stand before the date
# A date the calendar rules do not know ("Mon 07.12."), up to the end of its clause.
_SAID_DATE = re.compile(r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\s+)?\d{1,2}\.\d{1,2}\.(?:\d{2,4})?", re.I)


def _answer_by(following: Sequence[NoteLine]) -> re.Match[str] | None:
    for line in following:
        if m := _ANSWER_BY.search(line.text):
            found = ABSOLUTE_DATE_RE.search(line.text, m.end())
            return found if found and found.start() - m.end() < MAX_DATE_GAP else _SAID_DATE.match(line.text, m.end())
    return None


def _request(said: str, who: str) -> str:
    """What is asked, without the asking: "need grace to pick by 1 Dec, aisha owns" is "pick by 1 Dec" of Grace,
    "lena / product pls decide" is "decide" of Lena / Product (the renderer says who and turns it into a request)."""
    text = re.sub(r",?\s*\b[a-z]+\s+owns(?:\s+it)?\W*$", "", said, flags=re.I)  # the owner is not part of the ask
    # who said it in a chat ("… moves to April (priya)") or who owns it is not part of the ask either
    text = re.sub(r"\s*\([A-Za-z][\w'-]{1,20}\)\s*$", "", text) or text
    if volunteer := re.search(
        r"\b(?:need|needs|looking\s+for|want|after)\s+(?P<who>(?:a|an|one|two|three|\d+|some)\s+"
        r"(?:\w+\s+)?volunteers?\b.*)$",
        text,
        re.I,
    ):
        return volunteer.group("who").strip(" ,.;")  # "nobody owns it rn, need a volunteer": "a volunteer"
    if labelled := labelled_ask(text):
        text = labelled[1]  # "ASK Lena: decide by 31 Mar" is "decide by 31 Mar" of Lena
    if who:
        name = re.escape(who)
        text = re.sub(rf"^(?:we\s+)?needs?\s+@?{name}\s+to\s+", "", text, flags=re.I)
        text = re.sub(rf"^@?{name}\s*,?\s+(?:pls|please|plz)\s+", "", text, flags=re.I)
        text = re.sub(rf"^@?{name}\s+to\s+", "", text, flags=re.I)
    if written := request(text, who):
        return written
    text = re.sub(r"^(?:so\s+)?can\s+we\s+(?:get|have)\s+", "", text, flags=re.I)  # "can we get one name on your side…"
    return text.strip(" ,.;?") or said


# The model copies its example's "decide: ship without PDF or move the date"; a reader expects words, not a label.
_LABELLED = re.compile(r"^(?P<verb>decide|answer|pick|choose|confirm|agree|approve)\s*:\s*(?P<rest>.+)$", re.I)
_DOING = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "ship move launch go keep drop cut delay hold pull use disable enable accept write chase cap split fall roll "
        "stay wait revisit add take release pause stop start skip descope escalate sign approve push fund hire extend "
        "raise call email send review merge staff pair prioritise prioritize allow give buy pay renew talk commit "
        "book schedule unblock"
    ).split()
)


def asked_for(what: str) -> str:
    """ "decide: ship CSV first?" as "decide whether to ship CSV first"; "answer: write off vs keep chasing" as
    "answer on write off vs keep chasing"."""
    m = _LABELLED.match(what.strip())
    if m is None:
        # "doc: USD replan", "move: sandbox alerts to ticket-only": any verb the model put in front as a label
        other = re.match(r"^(?P<verb>[a-z]{2,12}(?:\s+(?:up|off|out|in|on))?)\s*:\s*(?P<rest>\S.*)$", what.strip())
        return f"{other.group('verb')} {other.group('rest')}" if other else what
    verb, rest = m.group("verb"), m.group("rest").strip().rstrip("?").strip()
    asked_ok = re.match(r"(?:is\s+it\s+)?(?:ok|okay|fine)\s+(?:to|if\s+we)\s+(?P<doing>.+)$", rest, re.I)
    rest = asked_ok.group("doing") if asked_ok else rest  # "ok to pull Hannah off …?": whether to pull her off
    first = rest.split()[0].lower() if rest.split() else ""
    if verb.lower() in ("decide", "agree", "confirm") and (first in _DOING or asked_ok):
        return f"{verb} whether to {rest}"
    if verb.lower() in ("decide", "pick", "choose") and re.search(r"\s(?:or|vs\.?|versus)\s", rest):
        return f"{verb} between {rest}"
    return f"{verb} on {rest}" if verb.lower() in ("decide", "answer", "agree") else f"{verb} {rest}"

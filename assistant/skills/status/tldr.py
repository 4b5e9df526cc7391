"""The TL;DR, written in code as whole sentences from what the update shows: each red or amber workstream with why,
the ones on track, and the first ask as a request ("Payouts is red: bank cert not until 2026-12-09. Ledger and
Fraud are on track. We need Grace to decide by 2026-12-04: launch without Northwind?").

Why code writes it: on the eval the 1.5B model's TL;DR was a list of fragments ("7 pages.", "Aisha chasing
partnerships lead.", "Payout API v1 sunset, event schema update, payments code freeze"), and code's repairs of it
(a sentence per missing red item, the ask pasted after "Ask:") chained labels: "Ask: Exec to decide: …". The
workstreams, their colours and notes, and the asks are already checked against the notes, so sentences made from them
say nothing the rest of the update does not. The model's TL;DR is used only when the update has no workstream.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.skills.status.asks import asked_for
from assistant.skills.status.colours import cue_colour
from assistant.skills.status.models import RAG_RANK, AskDraft, Risk, Stream
from assistant.skills.status.words import name_case, same_stream, tokens

MAX_SENTENCES = 4
FULL_AT_RISK = 2  # red and amber workstreams given a sentence of their own; the rest are named together
MAX_WHY_WORDS = 25
SHORT_WORDS = 5
MAX_NAMED = 4
# Verbs that take a question, not an object: "decide: ship CSV first?" is "decide by 10 Dec: ship CSV first?".
_QUESTION_VERBS = frozenset({"decide", "answer", "pick", "choose", "confirm", "agree"})
_OPENS_A_NOUN = re.compile(r"^(?:a|an|the|some|one|two|three|\d+)\b", re.I)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+")
_NOTE_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_LEAD_LABEL = re.compile(r"^([A-Za-z][\w-]*(?:\s+[\w-]+)?):\s+")
# Where a long reason may end: before a comma or a word that starts a clause ("… timing out on big sellers so we …");
# not before "but": what follows it is the risk ("on track for all 22 by 19 Dec but the finance apps …").
_CLAUSE_END = re.compile(r",(?!\s+but\b)|\s+(?=(?:so|unless|because|which|and\s+now|until)\b)", re.I)
_STATUS_WORD = re.compile(r"^(?:at\s+risk|on\s+track|done|ok)$", re.I)


def _ended(sentence: str) -> str:
    sentence = sentence.rstrip(" .;,")
    return sentence if sentence.endswith(("?", "!")) else sentence + "."


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _why(note: str, name: str = "") -> str:
    """The note as the end of a sentence: its first sentence, without a leading label ("Payouts is red: BLOCKED: …"
    reads as a chain of labels): a status word goes ("at risk: acquirer API change", the colour says it), another
    becomes words ("options, ship GA …"); cut where a clause ends when long (``_CLAUSE_END``)."""
    sentences = [x.rstrip(" .;,") for x in _NOTE_SENTENCES.split(" ".join(note.split()))]
    first = sentences[0]
    if len(sentences) > 1 and len(first.split()) < SHORT_WORDS:
        first = f"{first}, {sentences[1]}"  # "GA 8 Dec" says nothing alone: "GA 8 Dec, northwind cert not before …"
    label = _LEAD_LABEL.match(first)
    if label:
        word, rest = label.group(1), first[label.end() :]
        said = cue_colour(word) or _STATUS_WORD.match(word) or same_stream(word, name)  # the colour or name says it
        first = rest if said else f"{word.lower() if word.isupper() else word}, {rest}"
    words = first.split()
    if len(words) <= MAX_WHY_WORDS:
        return first
    head = " ".join(words[:MAX_WHY_WORDS])
    cuts = [m.start() for m in _CLAUSE_END.finditer(head)]
    return head[: cuts[-1]] if cuts else head


def _together(names: Sequence[str]) -> str:
    shown = list(names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        # Not a count: "and 2 more", then "and two more", read to the facts check as a number the notes never gave
        # (h7-05, h7-07), and the table below names them all.
        shown.append("the rest")
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def ask_sentence(ask: AskDraft) -> str:
    """The ask as a request: "We need Dana to decide by 2026-12-08 whether …" from the notes' "need Dana to decide by
    …", "We need Lena to decide by 2026-12-10: ship CSV first?" from the model's "decide: ship CSV first?", "Please do
    not add consumers after 15 Dec." from the notes' "please do not …"."""
    what = " ".join(ask.what.split()).rstrip(" .")
    who = name_case(" ".join(ask.who.split()))
    by = " ".join(ask.by.split())
    when = f" by {by}" if by and by.lower() not in what.lower() else ""
    if who:
        what = re.sub(rf"\b{re.escape(ask.who.strip())}\b", who, what, flags=re.I)
    need = re.match(r"(?:we\s+)?needs?\s+(?P<rest>.+)$", what, re.I)
    if need:
        return _ended(f"We need {need.group('rest')}{when}")
    please = re.match(r"(?:please|pls|plz)\b[\s,]*(?P<rest>.+)$", what, re.I)
    if please:
        return _ended(f"Please {please.group('rest')}{when}")
    if who and (named := re.match(rf"{re.escape(who)}\s+to\s+(?P<rest>.+)$", what, re.I)):
        return _ended(f"We need {who} to {named.group('rest')}{when}")
    labelled = re.match(r"(?P<verb>[A-Za-z]+):\s*(?P<rest>.+)$", what)
    if labelled:
        verb, rest = labelled.group("verb").lower(), labelled.group("rest")
        worded = asked_for(what)
        if worded != what and not worded.lower().startswith(f"{verb} on "):
            return _ended(f"We need {who or 'someone'} to {worded}{when}")  # "to decide whether to ship CSV first"
        if verb in _QUESTION_VERBS:
            return _ended(f"We need {who or 'someone'} to {verb}{when}: {rest}")
        return _ended(f"We need {who or 'someone'} to {verb} {rest}{when}")
    if _OPENS_A_NOUN.match(what):
        return _ended(f"We need {what}" + (f" from {who}" if who else "") + when)
    return _ended(f"We need {who or 'someone'} to {what}{when}")


def states_ask(ask: AskDraft, sentence: str) -> bool:
    """The sentence already makes the ask: the person asked and the date, or a decision ("Need Dana's decision by
    2026-12-08." for "need Dana to decide by 2026-12-08 whether…"), or most of its words."""
    wanted = tokens(ask.what)
    if len(wanted & tokens(sentence)) * 2 > len(wanted):
        return True
    who = tokens(ask.who)
    named = bool(who) and who <= tokens(sentence)
    return named and (
        (bool(ask.by) and ask.by in sentence) or bool(re.search(r"\bdecid|\bdecision|\bapprov", sentence, re.I))
    )


def _model_tldr(text: str, asks: Sequence[AskDraft]) -> str:
    """The model's TL;DR when there is no workstream to write one from: its sentences, then the first ask."""
    kept = list(dict.fromkeys(_ended(_capital(x.strip())) for x in _SENTENCES.split(" ".join(text.split())) if x))
    kept = [x for x in kept if x != "."]
    if asks and not any(states_ask(asks[0], x) for x in kept):
        kept = [*kept[: MAX_SENTENCES - 1], ask_sentence(asks[0])]
    return " ".join(kept[:MAX_SENTENCES])


def _reason(stream: Stream, cause: str, issue: str) -> str:
    """Why the workstream is red or amber: its note when the note is about the line the colour comes from, else
    that line's words ("beta 20 merchants, 0 failed" is no reason for amber; "bank cert timing unclear" is)."""
    note = stream.note.strip()
    if note and (not cause or len(tokens(note) & tokens(cause)) >= 2):
        return note
    return cause or note or issue


def compose(
    streams: Sequence[Stream],
    asks: Sequence[AskDraft],
    drafted: str = "",
    risks: Sequence[Risk] = (),
    causes: Mapping[str, str] | None = None,
) -> str:
    """The TL;DR: red first, then amber, each with why (``_reason``); the rest at risk named together; the ones on
    track; the first ask. At most four sentences: what is on track goes first when there is not room."""
    if not streams:
        return _model_tldr(drafted, asks)
    issues = {r.stream: r.issue for r in risks}
    causes = causes or {}
    at_risk = sorted((s for s in streams if s.rag != "green"), key=lambda s: -RAG_RANK[s.rag])
    risky: list[str] = []
    said: set[str] = set()
    rest: list[str] = []
    for s in at_risk:
        line = causes.get(s.name, "")
        reason = _reason(s, line, issues.get(s.name, ""))
        if len(risky) >= FULL_AT_RISK or (reason and reason in said):
            rest.append(s.name)  # at risk for the reason a sentence already gives: named, not said twice
            continue
        said |= {line, reason} - {""}
        why = _why(reason, s.name)
        risky.append(_ended(f"{s.name} is {s.rag}: {why}" if why else f"{s.name} is {s.rag}"))
    also = [_ended(f"{_together(rest)} {'is' if len(rest) == 1 else 'are'} also at risk")] if rest else []
    fine = [s.name for s in streams if s.rag == "green"]
    if len(fine) > 1 and not at_risk:
        track = [_ended(f"All workstreams are on track: {_together(fine)}")]
    elif fine:
        track = [_ended(f"{_together(fine)} {'is' if len(fine) == 1 else 'are'} on track")]
    else:
        track = []
    ask = [ask_sentence(asks[0])] if asks else []
    room = MAX_SENTENCES - len(risky) - len(ask)
    middle = [*also, *track][: max(0, room)]
    return " ".join(_capital(x) for x in [*risky, *middle, *ask])

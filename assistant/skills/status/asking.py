"""Which lines of the notes ask someone for something, and whom: "need grace to pick by 2026-12-04", "lena / product
pls decide", "need a volunteer from infra", "blocked on nadia's sign-off" (the table in ``waiting.py``), a question
to the reader in a letter. An ask may sit in the middle of a line of news; words in quotes are someone else's.
"""

from __future__ import annotations

import re

from assistant.skills.status.waiting import waited_for

_ASK_CUE = re.compile(
    r"^(?:ask|asks|request|help\s+needed|decision\s+needed|need|needs|we\s+need|please|can\s+we\s+get|"
    r"would\s+like)\b|\b(?:need|needs)\s+(?:a\s+)?(?:decision|approval|sign[- ]off|help|budget|an?\s+answer)\b",
    re.I,
)
_NOT_A_PERSON = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "a an the to more help approval decision sign sign-off someone somebody some our we it us budget answer "
        "input review reviews time people headcount another this that"
    ).split()
)


_ASKS_SOMETHING = re.compile(
    r"\b(?:need|needs|ask|asks|asking|request\w*|please|pls|plz|decide|decision|approve|approval|sign[- ]off|review|"
    r"help|confirm|pick|choose|agree|unblock|escalate|move\s+to|migrate|accept|volunteers?|yes/no|can\s+someone|"
    r"blocked\s+on|by\s+\d)",
    re.I,
)
_PERSON_TO = re.compile(
    r"^([A-Za-z][a-z]+)\s+(?:to|should|must|has\s+to)\s+(?:pick|decide|approve|review|confirm|sign|choose|agree)\b"
)
# "lena / product pls decide", "@grace please confirm": the people first, then a polite verb.
_PLEASE = re.compile(
    r"^@?([A-Za-z][\w'-]*(?:\s*(?:/|\+|&|and)\s*@?[A-Za-z][\w'-]*)*)\s*,?\s+(?:pls|please|plz|pl)\s+"
    r"(?:decide|approve|confirm|review|sign|pick|choose|agree|look|ack|weigh|check|reply|answer|chase)\b",
    re.I,
)
# "marcus can you take the flaky test", "@hannah could you look at …": a person, then a question put to them.
_CAN_YOU = re.compile(r"^@?([A-Za-z][\w'-]*)\s*,?\s+(?:can|could|would)\s+you\s+\w", re.I)
# "need a volunteer", "looking for two volunteers from infra": an ask of whoever answers.
_VOLUNTEER = re.compile(
    r"\b(?:need|needs|looking\s+for|want|after)\s+(?:a|an|one|two|three|\d+|some)\s+(?:\w+\s+)?volunteers?\b"
    r"(?:\s+from\s+([A-Za-z][\w-]*))?",
    re.I,
)
# An ask can sit anywhere in a line: "...2 of 3 banks only). need grace to pick by 2026-12-04, aisha owns".
_SENTENCES = re.compile(r"(?<=[.;!?])\s+|\s+[-–—]\s+|\n")


def asks_plainly(text: str) -> bool:
    """The line asks with a word that asks whatever else it says: not only "review" or "by 5 May", which news has
    too ("review tool change shipped 2027-05-05")."""
    cues = (m.group(0).lower() for m in _ASKS_SOMETHING.finditer(text))
    return any(cue != "review" and not cue.startswith("by") for cue in cues)


def asks_something(text: str) -> bool:
    """The line asks someone for something (an ask the model writes must come from such a line)."""
    return bool(_ASKS_SOMETHING.search(text) or _PERSON_TO.match(text))


# "ask → Grace to push procurement …", "ASK Lena: decide by …", "ASK for Ben's team: bump …", "asks for Owen: (1) …",
# "ask team: need 2 people …": a label, then whom.
ASK_LABEL = re.compile(r"^(?:asks?|requests?)\s*(?:→|->|=>|[:=\-–—])?\s*(?:for\s+|of\s+)?", re.I)
_LABELLED_WHO = re.compile(r"^@?(?P<who>[A-Za-z][\w-]*(?:'s\s+team)?)\s*(?::|\s+to\s|,)", re.I)
_NOT_LABELLED_WHO = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "need needs we please pls can could would decision help so and but also ok okay hey hi then now you i they "
        "he she"
    ).split()
)


def labelled_ask(sentence: str) -> tuple[str, str] | None:
    """(whom, the rest) of an ask written as a label ("ASK Lena: decide by 31 Mar"), or None."""
    label = ASK_LABEL.match(sentence)
    if label is None or label.end() == 0:
        return None
    rest = sentence[label.end() :]
    who = _LABELLED_WHO.match(rest)
    if who is None or who.group("who").lower() in _NOT_LABELLED_WHO:
        return None
    return who.group("who"), rest[who.end() :].strip()


def _asked(sentence: str) -> str | None:
    """Who ``sentence`` asks ("" for nobody named), or None when it asks nothing."""
    if labelled := labelled_ask(sentence):
        return labelled[0]
    if re.fullmatch(r"\W*(?:asks?|requests?)\W*", sentence, re.I):
        return None  # the word alone is a heading, not an ask
    if person := _PERSON_TO.match(sentence):
        return person.group(1)
    if please := _PLEASE.match(sentence):
        return please.group(1)
    if (can := _CAN_YOU.match(sentence)) and can.group(1).lower() not in _NOT_A_PERSON | _NOT_LABELLED_WHO:
        return can.group(1)
    if volunteer := _VOLUNTEER.search(sentence):
        return volunteer.group(1) or ""
    if waiting := waited_for(sentence):
        return waiting[0]
    if not _ASK_CUE.search(sentence):
        return None
    m = re.search(r"\b(?:need|needs|ask|asking)\s+([A-Za-z][\w-]*)", sentence, re.I)  # "need Lena's call": Lena
    return m.group(1) if m and m.group(1).lower() not in _NOT_A_PERSON else ""


# Words in quotes are someone else's ("copy below is Lena-approved: \"Please check your bank details…\""): no ask.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def ask_of(text: str) -> tuple[str, str] | None:
    """(who is asked, or "", the words that ask) when the line asks for something: "need grace on the call by 1 dec".
    The whole line when it is one sentence; the asking sentence when the ask sits among other news."""
    text = _QUOTED.sub("", text).strip()
    if not text:
        return None
    sentences = [p.strip(" ,.;") for p in _SENTENCES.split(text) if p.strip(" ,.;")] or [text]
    if len(sentences) == 1:
        who = _asked(text)
        return None if who is None else (who, text)
    for i, sentence in enumerate(sentences):
        labelled = labelled_ask(f"{sentence}:") if ASK_LABEL.match(sentence) else None
        if labelled and not labelled[1] and i + 1 < len(sentences):
            return labelled[0], sentences[i + 1]  # "Ask: Keiko - can Data Platform set up …?": Keiko, and what follows
        who = _asked(sentence)
        # Among other news, "we need more data" is news; an ask there names someone or asks for a decision or a hand.
        if who is not None and (i == 0 or who or _strong(sentence)):
            return who, sentence
    return None


def _strong(sentence: str) -> bool:
    return bool(_STRONG_ASK.search(sentence) or _VOLUNTEER.search(sentence) or waited_for(sentence))


_STRONG_ASK = re.compile(
    r"\b(?:need|needs)\s+(?:a\s+|an\s+)?(?:decision|approval|sign[- ]off|answer|call)\b|^(?:please|pls|plz)\b", re.I
)

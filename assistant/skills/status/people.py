"""The people the notes name, as people: the model made workstreams called "Ben" and "Tomás" of an email to Ben
whose contact is Tomás (blind set h8). A person is a capitalised word the notes use the way people are used: the
owner in brackets ("(Ravi)"), the one a letter greets ("Ben, headline: …"), the one asked ("Ben to commit …"), or
the subject of what people do ("Tomás is our contact", "Keiko said", "Marcus owns")."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NAME = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_PEOPLE = (
    re.compile(rf"\(({_NAME})(?:\s*[/,&+]\s*({_NAME}))?\)"),
    re.compile(rf"^\W*(?:hi|hey|dear)?\s*({_NAME}),\s", re.I),
    re.compile(
        rf"\b({_NAME})(?:'s)?\s+(?:is\s+(?:our|the|your)\s+(?:contact|owner|lead|point\s+person|dri)|owns|asked|"
        r"mentioned|told|said|says|thinks|wants|agreed|promised|is\s+(?:out|off|back|away|on\s+leave|holding|leading|"
        r"pairing|covering)|will\s+(?:own|lead|take|pair|cover|run|drive)|takes\s+over|took\s+over|leads|handles|"
        r"to\s+(?:commit|confirm|sign|approve|decide|escalate|review|agree|provide|share|send|choose|pick))\b"
    ),
    re.compile(rf"\b(?:need|needs|ask|asking|get|want)\s+(?:from\s+)?({_NAME})\s+to\b", re.I),
)


def people(texts: Iterable[str]) -> set[str]:
    """The names (lower case) the texts use as people's."""
    found: set[str] = set()
    for text in texts:
        for pattern in _PEOPLE:
            for m in pattern.finditer(text):
                found |= {g.lower() for g in m.groups() if g}
    return found


_AWAY = frozenset({"out", "off", "away", "back", "ooo", "leave"})


def is_person(name: str, names: set[str]) -> bool:
    """The workstream's name is only a person's, or a person's absence: "Ben", "Ben Ashworth", "Marcus out" (not
    "Hannah's migration", which is work)."""
    words = name.split()
    if not words or len(words) > 2 or words[0].lower() not in names:
        return False
    return len(words) == 1 or words[1].lower() in _AWAY or bool(re.fullmatch(_NAME, words[1]))


# "the fraud-scorer /v1/score endpoint goes away on 2027-08-31": what the sentence is about comes before its verb.
_SUBJECT = re.compile(
    r"^\s*(?:the\s+|our\s+)?(?P<what>[^;,.]{3,60}?)\s+(?:is|are|was|were|has|have|had|goes|went|will|moves|"
    r"moved|needs|returns|ships|shipped|lands|landed)\b",
    re.I,
)
MAX_WORDS = 6


def subject(note: str, names: set[str]) -> str | None:
    """What a workstream's note is about, to name it by: the words before the first clause's verb, when they hold a
    word that is not a person's."""
    m = _SUBJECT.match(note)
    if not m:
        return None
    what = m.group("what").strip()
    words = what.split()
    if len(words) > MAX_WORDS or all(w.lower().removesuffix("'s") in names for w in words):
        return None
    return what[:1].upper() + what[1:]


# "multi-currency balances (Ravi): …", "Ravi owns the recon fix", "owner: Aisha": who owns the work, by name.
# The brackets name the owner after the work's name, before the colon; at the end of a line they name who said it
# in a chat ("still amber imo (Hannah)").
_OWNS = re.compile(
    rf"^[^:()]{{1,40}}\(({_NAME})(?:\s*[/,&+]\s*{_NAME})?\)\s*[:\-–—]|\b({_NAME})\s+owns\b|"
    rf"\bowner\s*[:=]\s*({_NAME})|"
    rf"\b({_NAME})\s+is\s+(?:the\s+)?owner\b"
)


def owner_in(texts: Iterable[str]) -> str:
    """The first person the texts name as the work's owner, or ""."""
    for text in texts:
        for m in _OWNS.finditer(text):
            return next(g for g in m.groups() if g)
    return ""

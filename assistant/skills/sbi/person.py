"""Speaking to the person: every mention of the recipient becomes "you"/"your", in code.

The 1.5B model keeps the name and "she" in a message addressed to that person ("Daniel sent three urgent
requests…", "You were shadowing on-call. She posted…"), and no revise turn reliably fixes it, so code rewrites the
facts before the model sees them and every part after it writes them, and a check (``sbi.third_person``) flags what
is left. Other people keep their names.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.checks.base import Finding, Severity, Span
from assistant.checks.detectors import named_people

_PRONOUN_SUBJECT = r"he|she"
# Third person to second: "was" -> "were", "listens" -> "listen" (past tenses are the same).
_AGREEMENT = {"was": "were", "is": "are", "has": "have", "does": "do", "doesn't": "don't", "wasn't": "weren't",
              "isn't": "aren't", "hasn't": "haven't", "goes": "go"}  # fmt: skip
_ADVERBS = r"(?:\s+(?:never|always|also|just|then|often|still|even|only|already|again))*"
# "her" is left alone: it is "you" or "your" depending on the sentence, and a wrong one reads worse than none.
_YOU = {
    "he": "you",
    "she": "you",
    "him": "you",
    "his": "your",
    "himself": "yourself",
    "herself": "yourself",
    "he'd": "you'd",
    "she'd": "you'd",
    "he'll": "you'll",
    "she'll": "you'll",
    "he's": "you're",
    "she's": "you're",
}
_SAME_PERSON = re.compile(r"\b(?:he|she|him|his|himself|herself)(?:'(?:d|ll|s))?\b", re.IGNORECASE)
_PRONOUNS = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself)\b", re.IGNORECASE)


def _loose(part: str) -> str:
    """A name part that also matches without its accents: notes say "Tomas" for Tomás."""
    out = []
    for char in part:
        base = unicodedata.normalize("NFKD", char)[0]
        out.append(f"[{re.escape(char)}{re.escape(base)}]" if base != char else re.escape(char))
    return "".join(out)


def name_pattern(name: str) -> str:
    """The recipient's name parts as a regex alternation ("Ravi Shah" -> "Ravi|Shah"); never matches without one."""
    parts = [_loose(part) for part in name.split() if part and part != "them"]
    return "|".join(parts) or r"(?!)"


def agree(verb: str) -> str:
    low = verb.lower()
    if low in _AGREEMENT:
        return _AGREEMENT[low]
    if low.endswith(("shes", "ches", "sses", "xes", "zes")):
        return verb[:-2]
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    return verb[:-1] if re.fullmatch(r"[a-z]+[^su']s", low) else verb


def you_agree(text: str) -> str:
    """ "you was" -> "you were" after a name or pronoun became "you" ("Hannah was the assigned reviewer")."""
    return re.sub(r"\b([Yy]ou)\s+(was|is|has|does|wasn't|isn't|hasn't|doesn't)\b",
                  lambda m: f"{m.group(1)} {agree(m.group(2))}", text)  # fmt: skip


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def to_second_person(text: str, name: str, *, pronouns: bool = True) -> str:
    """ "Hannah joined …" / "He was late" -> "You joined …" / "You were late": a sentence whose subject is the
    recipient speaks to them. Only the opening subject: a later "he" may be someone else. ``pronouns=False`` turns
    only the name (an opening "She" in a model's impact line is usually someone else)."""
    subject = f"{_PRONOUN_SUBJECT}|{name_pattern(name)}" if pronouns else name_pattern(name)
    # A full name is one subject: "Hannah Kowalski was" -> "You were", not "You you were".
    match = re.match(rf"^(?:{subject})(?:\s+(?:{name_pattern(name)}))*\b(?!['’])(?P<adverbs>{_ADVERBS})"
                     r"\s+(?P<verb>[A-Za-z']+)", text, flags=re.IGNORECASE)  # fmt: skip
    if not match:
        return text
    rest = text[match.end() :]
    if not [p for p in named_people(rest) if not re.search(r"[A-Z].*[A-Z]", p.text)]:  # "PRs" is not a person
        # Nobody else in the sentence: its later he/his are the same person ("Tomás said he'd have the PRs up").
        rest = _SAME_PERSON.sub(lambda m: _YOU[m.group(0).lower()], rest)
    return f"You{match.group('adverbs')} {agree(match.group('verb'))}{rest}"


def address(text: str, name: str) -> str:
    """Every mention of the recipient by name turned to the second person: a sentence opening with them ("Daniel
    posted …"), their possessive ("Daniel's team" -> "your team") and the name elsewhere ("asked Daniel" -> "asked
    you"). Pronouns are left alone except as a sentence's subject: "she" in "you interrupted Aisha and she stopped"
    is Aisha."""
    names = name_pattern(name)
    if names == r"(?!)":
        return text
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        spoken = to_second_person(sentence, name, pronouns=False)
        spoken = re.sub(rf"\b(?:{names})(?:\s+(?:{names}))*['’]s\b", "your", spoken)
        spoken = re.sub(rf"\b(?:{names})(?:\s+(?:{names}))*\b", "you", spoken)
        out.append(you_agree(_capital(spoken) if spoken[:4] in ("you ", "your") else spoken))
    return " ".join(out)


def third_person(parts: dict[str, str], name: str) -> list[Finding]:
    """The recipient named in the third person in a message addressed to them: their name, or a he/she/his/her that
    can only be them (no other person is named before it in that part)."""
    found = []
    names = name_pattern(name)
    message = " ".join(parts.values())
    # A pronoun is only counted when nobody else is named in the whole message: "she" may be Aisha otherwise.
    others = [p for p in named_people(message) if not re.fullmatch(names, p.text)]
    for field, text in parts.items():
        hits = list(re.finditer(rf"\b(?:{names})\b", text)) if names != r"(?!)" else []
        if not others and re.search(r"\byou\b", text, re.IGNORECASE):
            hits += list(_PRONOUNS.finditer(text))
        for match in hits:
            found.append(
                Finding(
                    rule="sbi.third_person",
                    severity=Severity.ERROR,
                    span=Span(start=match.start(), end=match.end(), text=match.group(0), field=field),
                    message=f"'{match.group(0)}' talks about the person you are speaking to.",
                    fix="Speak to them: 'you' and 'your'.",
                )
            )
    return found


_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"


def preposition_for(moment: str) -> str:
    """ "On" for a day or a date ("On Tuesday", "On 14 March"), "At" for a clock time, "In" otherwise ("In Tuesday's
    standup", "In the sprint review")."""
    text = moment.strip().lower()
    if re.match(rf"{_WEEKDAY}\b(?!['’]s)|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b|{_MONTH}\s+\d{{1,2}}\b", text):
        return "On"
    if re.match(r"\d{1,2}[:.]\d{2}\b|\d{1,2}\s*(?:am|pm)\b|noon\b|midnight\b", text):
        return "At"
    return "In"


def fix_preposition(situation: str) -> str:
    """The model's "In Tuesday" / "In 14 March" -> "On Tuesday" / "On 14 March"."""
    match = re.match(r"^(In|On|At)\s+(?P<rest>.+)$", situation.strip())
    if not match:
        return situation
    wanted = preposition_for(match.group("rest"))
    return situation if wanted == "In" or match.group(1) == wanted else f"{wanted} {match.group('rest')}"


_WORD_OR_PUNCT = re.compile(r"[A-Za-z][\w'’-]*|[^\w\s]")
_OBJECT_NEXT = frozenset(
    {"to", "in", "on", "at", "for", "about", "with", "from", "and", "or", "that", "the", "a", "an", "twice", "again",
     "once", "today", "yesterday", "directly", "later", "first", "back", "up", "off", "out", "if", "when", "whether",
     "why", "what", "how", "know", "before", "after", "during", "into", "by"}
)  # fmt: skip
_NOT_PEOPLE = re.compile(
    # Days and months, not people; "Jun", "Jan" and "May" are left out, as they are also names.
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|july|august|"
    r"september|october|november|december|feb|mar|apr|aug|sep|sept|oct|nov|dec)(?:['’]s)?",
    re.IGNORECASE,
)


def resolve_pronouns(text: str, name: str) -> str:
    """A he/she/him/his/her in a sentence about the recipient, where nobody else is named before it, is the
    recipient: "On Wednesday she missed the call" -> "On Wednesday you missed the call". Run on whole sentences the
    lead typed, before they are split, so "you interrupted Aisha, so she stopped" keeps its "she" (Aisha is named
    first). Seen: "stopped to answer him", "he decided to also refactor" in messages addressed to that person."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        others = [p for p in named_people(sentence) if not re.fullmatch(name_pattern(name), p.text)]
        people = [p for p in others if not re.search(r"[A-Z].*[A-Z]", p.text) and not _NOT_PEOPLE.fullmatch(p.text)]
        first_other = min((p.start for p in people), default=None)

        def swap(match: re.Match[str], sentence: str = sentence, first_other: int | None = first_other) -> str:
            if first_other is not None and first_other < match.start():
                return match.group(0)
            word = match.group(0)
            low = word.lower()
            if low == "her":
                following = sentence[match.end() :].split()[:1]
                low = "him" if not following or following[0].strip(".,;:!?").lower() in _OBJECT_NEXT else "his"
            spoken = _YOU.get(low, word)
            return spoken.capitalize() if word[0].isupper() else spoken

        resolved = re.sub(r"\b(?:he|she|him|his|her|himself|herself)(?:'(?:d|ll|s))?\b", swap, sentence, flags=re.I)
        out.append(you_agree(resolved))
    return " ".join(out)

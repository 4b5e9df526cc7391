"""Facts the lead typed (known facts and answers), read one clause at a time and tagged: a moment, what the person
did, what it caused, the lead's ask, or background. What someone else did is an effect and a team rule is background:
the behaviour is the recipient's alone."""

from __future__ import annotations

import re

from assistant.checks.detectors import time_or_place_anchors
from assistant.skills.sbi.fact import Fact
from assistant.skills.sbi.person import name_pattern, to_second_person
from assistant.skills.sbi.split import ASK, EFFECT_SPLIT, tags_of

_MOMENT_ONLY = re.compile(
    r"^(?:in|on|at|during|after|before|last|this|yesterday|earlier|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"(?!.*\b(?:you|he|she|they)\s+[a-z]+ed\b)",
    re.IGNORECASE,
)
_OTHER_SUBJECT = re.compile(
    r"^(?!(?:You|He|She|They|I|We|It|The|This|That|Last|In|On|At|During)\b)(?P<who>[A-Z][\w-]+)"
    r"(?P<possessive>['’]s(?:\s+[A-Za-z][\w-]*){1,3}?)?\s+(?:also\s+)?"
    r"(?:[a-z]+ed|told|said|spent|lost|had|got|went|took|wrote|made|ran|left|came|saw|sent|gave|asked|was|were|"
    r"picks|spends|gets|has|is|sees|ends|finds)\b"
)
# A rule or plan the team has ("The WS3 rollout plan has a 5% canary", "Our working agreement asks for one approval"):
# background for the lead, not something anyone did.
NORM = re.compile(
    r"^(?:the|our|their|your)\s+(?:[\w-]+\s+){0,3}?(?:runbook|plan|agreement|policy|process|guide|handbook|template|"
    r"checklist|rule|ladder)s?\s+(?:asks?|says?|requires?|has|have|is|are|calls?)\b",
    re.IGNORECASE,
)

# Where one typed fact holds two: "Northwind emailed her the calendar on 4 Nov; she did not forward it" is what
# someone else did, then what she did. Split at a semicolon, between sentences, and at "but"/"and" before a new subject.
_FACT_CLAUSE = re.compile(
    r"\s*;\s*|(?<=[.!?])\s+(?=[A-Z])|,?\s+(?:but|and then|and)\s+(?=(?:he|she|they|we|I)\s)", re.IGNORECASE
)


def fact_clauses(text: str, *, answered: bool = False) -> list[str]:
    """One fact per clause for what the lead typed as known facts; an answer stays whole (it answers one question)."""
    if answered:
        return [text]
    pieces = [p.strip(" ,.") for p in _FACT_CLAUSE.split(text) if p and len(p.split()) >= 3]
    return pieces or [text]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def read_stated(text: str, name: str, slot: str | None) -> list[Fact]:
    """A typed fact as one or more single-purpose facts: "On Tuesday Marcus merged the change without review, which
    took payouts down for 20 minutes" is a moment, an action and an effect (the model pasted mixed facts whole)."""
    tags = known_tags(text, name, slot)
    if slot or "did" not in tags or not EFFECT_SPLIT.search(text):
        return [Fact(text=text, tags=tags, stated=True)]
    # Split only where the effect starts ("…, which took payouts down"); a time inside stays with its action (taking
    # "by Tuesday" out as a moment cut a deadline off its sentence).
    pieces = [p.strip(" ,.;") for p in EFFECT_SPLIT.split(text) if p and len(p.strip(" ,.;").split()) >= 2]
    if len(pieces) < 2:
        return [Fact(text=text, tags=tags, stated=True)]
    first = [t for t in tags if t != "effect"] or ["did"]
    rest = [_capital(re.sub(r"^which\b", "it", p, flags=re.IGNORECASE)) for p in pieces[1:]]
    return [Fact(text=pieces[0], tags=first, stated=True), *(Fact(text=p, tags=["effect"], stated=True) for p in rest)]


def known_tags(text: str, name: str, slot: str | None = None) -> list[str]:
    """Tags of a fact the lead typed or answered. A bare moment ("During last week's outage") is only a "when", and
    what someone else did ("Support closed the tickets") is an effect: the behaviour is the recipient's alone (seen:
    both were tagged as effects and actions, and the model put support's work in the behaviour)."""
    if slot:
        return tags_of(text, slot)
    if ASK.match(text):
        return ["ask"]  # "Please bring scope changes to planning": the request, in the lead's words
    if _MOMENT_ONLY.match(text) and time_or_place_anchors(text) and len(text.split()) <= 12:
        return ["when"]
    if NORM.match(text):
        return ["context"]
    other = _OTHER_SUBJECT.match(text)
    if other and not re.fullmatch(name_pattern(name), other.group("who"), re.IGNORECASE):
        return ["effect"]
    if other and other.group("possessive"):
        return ["did"]  # "Keiko's team renamed the columns": for cross-team feedback, their team's action is theirs
    tags = tags_of(text) or ["context"]
    if "did" not in tags and _acted(text, name):
        # The detector's verb list does not know every action ("renamed the columns"); a past-tense verb right after
        # the person (or their team) is one.
        tags = [*(t for t in tags if t != "context"), "did"]
    own = re.match(rf"^(?:you|he|she|{name_pattern(name)})\b", text, re.IGNORECASE)
    if own and "did" in tags and not EFFECT_SPLIT.search(text):
        return ["did"]  # their own action; words like "merchant" or "page" must not make it an effect too
    return tags


def _acted(text: str, name: str) -> bool:
    who = rf"(?:you|your\s+team|he|she|(?:{name_pattern(name)})(?:['’]s\s+team)?)"
    verb = r"(?:[a-z]+ed|did|made|sent|wrote|took|gave|told|said|left|ran|put|shipped|broke|went)"
    return bool(re.search(rf"(?:^|,\s*|\b(?:on|in|at|during)\s+[^,]{{1,40}}?\s){who}\s+{verb}\b", text, re.IGNORECASE))


_YOU_ACTED = re.compile(
    r"\byou(?:r\s+team)?\s+(?:\w+ed|did|made|said|told|took|ran|wrote|went|left|put|sent|gave|cut|kept|set|let|got|"
    r"threw|spoke|broke|chose|shipped|merged|missed)\b",
    re.IGNORECASE,
)


def as_theirs(fact: Fact) -> Fact:
    """The behaviour is the recipient's alone: an action whose subject is someone else ("Jun picks up the shift",
    "the second rehearsal finished with lag under 2 minutes") is what followed, and "I asked you to pair with me" is
    the lead's own background. Run after the facts speak to the person, so their actions read "you …"."""
    if "did" not in fact.tags or fact.classified:
        return fact
    if re.match(r"(?:I|we)\b", fact.text.strip()):
        return fact.model_copy(update={"tags": ["context"]})
    if re.match(r"(?:\S+\s+){0,5}?(?:you|your)\b", fact.text.strip(), re.IGNORECASE) or _YOU_ACTED.search(fact.text):
        return fact  # "After INC-41 you wrote …", "While Jun was presenting, you cut in three times"
    return fact.model_copy(update={"tags": [t if t != "did" else "effect" for t in fact.tags]})


def own_action(fact: Fact, name: str) -> str:
    """An action of theirs opening with "He"/"She" is theirs ("(did) She posted …" -> "You posted …")."""
    return to_second_person(fact.text, name) if "did" in fact.tags else fact.text

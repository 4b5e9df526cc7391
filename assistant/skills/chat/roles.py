"""Who the lead is talking about, read from the question by code.

The embedded model, asked "My report missed two deadlines. How do I raise it?", answered as if it had missed them
("I missed the deadline for the project report…"). So code reads the roles and the prompt states them: the lead is
"you", and the other person is named by their relationship to the lead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

Role = Literal["report", "peer", "manager", "other_team", "stakeholder", "self", "none"]

_NAME = r"[A-Z][a-z]+"
# Each role's cues. Order does not matter here: the cue nearest after a "raise it with" verb wins, else the first.
_CUES: dict[Role, str] = {
    "manager": (
        r"\bmy\s+(?:own\s+)?(?:manager|boss|director|skip[- ]?level|vp|head\s+of\s+\w+|engineering\s+manager|em|cto)\b"
        r"|\bupward\s+feedback\b|\bmanaging\s+up\b"
    ),
    "report": (
        r"\bmy\s+(?:direct\s+)?reports?\b|\bdirect\s+reports?\b|\breports\s+to\s+me\b"
        r"|\b(?:one|two|some|a\s+couple|both|none|all)\s+of\s+my\s+(?:\w+\s+)?(?:engineers?|devs?|developers?|reports|"
        r"team|people|juniors?|seniors?|folks)\b"
        r"|\bmy\s+(?:\w+\s+)?(?:engineer|dev|developer|hire|intern|junior|senior|new\s+hire|team\s?mate|team\s+member)s?\b"
        r"|\b(?:an?|the)\s+(?:\w+\s+)?(?:engineer|dev|developer|team\s?mate|team\s+member|new\s+hire|intern)\s+"
        r"(?:on|in|from)\s+my\s+team\b"
        rf"|\b{_NAME}\s+(?:on|in|from)\s+my\s+team\b|\bsomeone\s+(?:on|in)\s+my\s+team\b"
    ),
    "peer": (
        r"\b(?:a|my|another|the\s+other|fellow|other)\s+(?:\w+\s+)?(?:peers?|colleagues?|co-?workers?)\b"
        r"|\b(?:another|the\s+other|a\s+fellow|a\s+peer|other)\s+(?:tech\s+)?leads?\b|\bpeer\s+(?:tech\s+)?lead\b"
    ),
    "other_team": (
        r"(?i:\b(?:another|other|the\s+other|a\s+different|their|neighbou?ring|partner|upstream|downstream)\s+teams?\b"
        r"|\btheir\s+(?:channel|api|service|on-?call|lead|slack)\b"
        r"|\bcross[- ]team\b|\bthe\s+(?!(?:whole|entire|same|new|core)\b)[\w-]+\s+team\b"
        r"|\b(?!(?:my|our|whole)\b)(?:the\s+)?[\w-]+\s+team(?:'s)?\s+(?:api|service|changes?|release|lead)\b)"
        r"|\bteam\s+[A-Z][\w-]*\b|\b(?!(?:My|Our|The|This|That|A|An|Whole)\b)[A-Z][\w-]*\s+team\b"
    ),
    "stakeholder": (
        r"(?i:\b(?:our|the|a|my)\s+(?:\w+\s+)?(?:pm|product\s+manager|product\s+owner|stakeholders?|designer|"
        r"account\s+manager|customer|client|execs?|executives?|sales)\b)|\bPMs?\b"
    ),
}
_RAISE = re.compile(
    r"\b(?:tell|telling|raise\s+(?:it|this|that)?\s*with|bring\s+(?:it|this|that)\s+up\s+with|talk\s+to|talking\s+to|"
    r"speak\s+to|approach|confront|ask|asking|give|giving|push\s+back\s+on|push\s+back\s+with|say\s+to|"
    r"feedback\s+(?:to|for)|1:1\s+with|one[- ]on[- ]one\s+with|convince|escalate\s+to|email|message|praise|thank)\b",
    re.IGNORECASE,
)
# What the lead says of their own slip: "I missed", "i screwed up".
_SLIPPED = r"missed|messed\s+up|screwed\s+up|forgot|blew|made\s+a\s+mistake"
# The lead's own situation, with nobody else to raise it with: "I missed my own deadline", "I'm drowning".
_SELF = re.compile(
    rf"\bI(?:\s+\w+)?\s*(?:{_SLIPPED}|broke|dropped|am\s+struggling|"
    r"feel|am\s+overwhelmed|am\s+drowning|'m\s+drowning|'m\s+overwhelmed|'m\s+struggling)\b|\bmy\s+own\b",
    re.IGNORECASE,
)
# The lead's own slip, whoever they tell ("ok i screwed up. i told dmitri…"): the answer is about owning it.
OWN_SLIP = re.compile(
    rf"\bI(?:\s+\w+)?\s*(?:{_SLIPPED}|dropped\s+the\s+ball)\b|\bmy\s+(?:fault|mistake|bad)\b", re.IGNORECASE
)
# Capitalised words that are not a colleague's name (sentence starts, days, months, tools).
NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        """
        How What When Where Why Who Which Is Are Am Do Does Did Can Could Should Would Will My Our Their His Her The
        This That These Those It Its We They He She You Your Any Some Hi Hey Ok Okay So And But Or If Also Just Last
        Next Yesterday Today Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
        April May June July August September October November December Slack Jira Github Git Google Zoom Sprint Q1 Q2
        Q3 Q4 Please Thanks Help Need Any Every One Two Three After Before During Since Then Now Not No Yes Ugh
        Honestly
        """,
    )
)
# "My report" etc. as a role noun someone else owns ("a status report", "the report I wrote") is not a person.
_NOT_A_PERSON = re.compile(r"\b(?:status|incident|weekly|monthly|bug|post-?mortem|progress)\s+reports?\b", re.I)


# What a lead raises with someone on their own team: a named colleague plus one of these is a report.
_LEAD_TOPIC = re.compile(
    r"\b(?:1:1|one[- ]on[- ]one|feedback|praise|performance|promot\w+|deadlines?|review|standups?|"
    r"hand\s+(?:it\s+)?over|ownership|delegat\w+|take\s+over|onboard\w*)\b",
    re.IGNORECASE,
)


def _mentions(question: str) -> list[tuple[int, Role]]:
    text = _NOT_A_PERSON.sub(lambda m: "x" * len(m.group(0)), question)
    found: list[tuple[int, Role]] = []
    for role, cue in _CUES.items():
        flags = 0 if role in {"other_team", "stakeholder"} else re.IGNORECASE
        found.extend((match.start(), role) for match in re.finditer(cue, text, flags))
    return sorted(found)


def read_role(question: str, named: Sequence[tuple[int, Role]] = ()) -> Role:
    """The person the lead is raising something with, by their relationship to the lead.

    ``named`` are people the question names whose role the team's documents give (``people.named``), at their
    position in the question. The counterpart is the one named right after a verb like "tell", "raise it with" or
    "ask" ("how do I tell my manager that my report is struggling" is about the manager); otherwise the first one
    named. A colleague named in a question about a 1:1 or feedback is a report, the usual case for a lead. Nobody
    named, but the lead's own slip: "self"; nobody at all: "none".
    """
    mentions = sorted([*_mentions(question), *((at, role) for at, role in named if role != "self")])
    if mentions:
        for verb in _RAISE.finditer(question):
            after = [(start, role) for start, role in mentions if 0 <= start - verb.end() <= 12]
            if after:
                return after[0][1]
        return mentions[0][1]
    if _SELF.search(question):
        return "self"
    if any(word not in NOT_NAMES for word in re.findall(rf"\b{_NAME}\b", question)) and _LEAD_TOPIC.search(question):
        return "report"
    return "none"


# How the prompt names the two people, so the model writes to the lead and about the counterpart ("{who}" is the
# person's name from the team's documents, or a description when the question names nobody the documents know).
WHO: dict[Role, tuple[str, str]] = {
    "report": ("{who}, who reports to you", "someone who reports to you"),
    "peer": ("{who}, a peer (another lead at your level)", "a peer: another lead or a colleague at your level"),
    "manager": ("{who}, your own manager: this is upward", "your own manager: this is upward"),
    "other_team": ("{who}'s team, another team", "another team or its lead"),
    "stakeholder": ("{who}, a stakeholder outside engineering", "someone outside engineering (product, sales, execs)"),
    "self": ("", ""),
    "none": ("", ""),
}


def who_line(role: Role, name: str | None = None) -> str:
    if role == "self":
        return "This is about something you (the tech lead) did or are going through yourself."
    if role == "none":
        return "A general question from you (the tech lead)."
    with_name, without = WHO[role]
    return f"You (the tech lead) are raising this with {with_name.format(who=name) if name else without}."


# Recognition rather than a problem: the praise playbook, not the corrective one.
PRAISE = re.compile(
    r"\b(?:prais\w*|great job|great work|recogni[sz]\w*|thank\w*|shout-?out|kudos|appreciat\w*|celebrat\w*|"
    r"did (?:a )?(?:great|amazing|fantastic|brilliant))\b",
    re.IGNORECASE,
)


# How the answer says it read the question, shown under it so a wrong reading is visible and the lead can rephrase.
READ_AS: dict[Role, str] = {
    "report": "you raising it with {who}, who reports to you",
    "peer": "you raising it with {who}, a peer",
    "manager": "you raising it with {who}, your manager",
    "other_team": "you raising it with {who}, another team",
    "stakeholder": "you raising it with {who}, a stakeholder outside engineering",
    "self": "something about your own work",
    "none": "a general question",
}


WRONG_READING = "If that is wrong, say who it is about and ask again."


def read_as(role: Role, name: str | None) -> str:
    return READ_AS[role].format(who=name) if name else READ_AS[role].replace("{who}, ", "")

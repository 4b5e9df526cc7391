"""Asks made by saying what the team waits for, in one table that both finds who is asked and writes the request:
"blocked on samir's sign-off to rotate early" asks Samir to "sign off to rotate early"; "need a yes/no from keiko on
the rename" asks Keiko to "say yes or no on the rename"; "Would you be happy for us to go with the fallback?" asks the
reader to "agree that we go with the fallback".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ANY_NAME = r"[A-Za-z][\w-]*"
# A question opens the sentence, after a paragraph's "Instant payouts: " and a "so" or "but".
_OPENS = r"^(?:[\w /&+-]{{1,40}}:\s+)?(?:(?:so|and|but|then),?\s+)?"


@dataclass(frozen=True)
class Waited:
    pattern: str  # "{name}" stands for the person asked; "rest" is what follows the asking words
    verb: str | None  # put before "rest"; None: the sentence as written is the request
    addressed: bool = False  # asks whoever reads it ("would you…?"): nobody is named


_TABLE = (
    Waited(r"\bblocked\s+on\s+@?{name}(?:'s|’s|s')\s+(?:sign[- ]?off|ok|go-ahead)(?P<rest>.*)$", "sign off"),
    Waited(r"\bblocked\s+on\s+@?{name}(?:'s|’s|s')\s+approval(?P<rest>.*)$", "approve"),
    Waited(r"\bblocked\s+on\s+@?{name}(?:'s|’s|s')\s+review(?P<rest>.*)$", "review"),
    Waited(r"\bblocked\s+on\s+@?{name}(?:'s|’s|s')\s+(?:decision|answer)(?P<rest>.*)$", "decide"),
    Waited(r"\b(?:yes/no|go/no-go)\s+(?:needed\s+)?from\s+@?{name}(?P<rest>.*)$", "say yes or no"),
    Waited(r"\b(?:decision|call|answer)\s+(?:needed\s+)?from\s+@?{name}(?P<rest>.*)$", "decide"),
    Waited(r"\bcan\s+(?:someone|somebody|anyone)\s+(?:from|in|on)\s+(?:the\s+)?@?{name}(?:\s+(?P<rest>.*))?$", ""),
    Waited(r"\bif\s+@?{name}\s+(?:team\s+)?can\s+(?P<rest>(?:confirm|decide|approve|sign|review|pick)\b.*)$", ""),
    Waited(r"@{name}\b\s*(?:call|decision)\s+needed(?P<rest>.*)$", "make the call"),
    Waited(r"@{name}\b[^.;!?]{{0,40}}\b(?:needed|please|pls)\b(?P<rest>)", None),
    # "can we get Grace to call Northwind's head of partnerships before Monday?"
    Waited(
        r"\bcan\s+we\s+get\s+(?!(?:someone|somebody|anyone|a|an|the|more|some)\b)@?{name}\s+to\s+(?P<rest>.+?)\?*$", ""
    ),
    # "… Grace needs to sign it off by end of next week": a person named in the middle of the news
    Waited(
        r"(?-i:\b(?P<who>[A-Z][a-z]+))\s+needs\s+to\s+(?P<rest>(?:sign|approve|decide|pick|confirm|review|choose|agree)\b.*)$",
        "",
    ),
    # "would be great if someone could take PAY-830", "it'd help if someone at Grace's level could lean on Northwind"
    Waited(
        r"\b(?:(?:it\s+)?would|it'?d)\s+(?:be\s+(?:great|good|nice|helpful)|help(?:\s+a\s+lot)?)\s+if\s+"
        r"(?:someone|somebody|anyone|you|your\s+team)(?:\s+(?:at|from|in|on)\s+[^,]{{1,30}}?)?\s+could\s+(?P<rest>.+?)\?*$",
        "",
        addressed=True,
    ),
    Waited(
        r"\b(?:(?:it\s+)?would|it'?d)\s+(?:be\s+(?:great|good|nice|helpful)|help(?:\s+a\s+lot)?)\s+if\s+"
        r"(?!(?:we|you|your|they|i|it)\b)@?{name}(?:'s\s+team)?\s+could\s+(?P<rest>.+?)\?*$",
        "",
    ),
    # "not sure who owns the call on PDF-in-v1 vs later but we need one by Friday"
    Waited(
        r"\bwho\s+owns\s+the\s+(?:call|decision)\s+(?P<rest>on\s+.+?)\s+but\s+we\s+need\s+(?:one|it|a\s+decision)\b.*$",
        "make the call ",
        addressed=True,
    ),
    # A question put to someone by name: "Grace, could you ask their head of partnerships for it in writing?".
    Waited(
        r"^(?!(?:so|ok|okay|also|and|but|then|anyway|btw|fyi|hi|hey)\b)@?{name},\s+(?:could|can|would|will)\s+you\s+"
        r"(?:please\s+)?(?P<rest>.+?)\?*$",
        "",
    ),
    # A question put to the reader: an email's "Would you be happy for us to go with the fallback for launch?".
    Waited(
        _OPENS + r"(?:would|will|are)\s+you\s+be\s+(?:happy|ok|okay|fine|comfortable|good)\s+(?:for\s+us\s+to|"
        r"with\s+us\s+to|if\s+we)\s+(?P<rest>.+?)\?*$",
        "agree that we ",
        addressed=True,
    ),
    Waited(
        _OPENS + r"(?:are|would)\s+you\s+(?:be\s+)?(?:ok|okay|happy|fine|good)\s+with\s+(?P<rest>.+?)\?*$",
        "agree to ",
        addressed=True,
    ),
    Waited(
        _OPENS + r"(?:could|can|would|will)\s+you\s+(?:please\s+)?(?P<rest>(?:confirm|decide|approve|sign|review|"
        r"pick|choose|agree|let\s+(?:us|me)\s+know|tell\s+(?:us|me)|check|look\s+at|weigh\s+in)\b.+?)\?*$",
        "",
        addressed=True,
    ),
    Waited(_OPENS + r"do\s+you\s+agree\s+(?:that\s+|with\s+)?(?P<rest>.+?)\?*$", "agree that ", addressed=True),
)


def waited_for(sentence: str) -> tuple[str, str | None] | None:
    """(who is asked, "" for the reader; the request, or None to keep the sentence) when ``sentence`` asks by what
    the team waits for."""
    for row in _TABLE:
        named = "{name}" in row.pattern
        m = re.search(row.pattern.format(name=rf"(?P<who>{_ANY_NAME})" if named else ""), sentence, re.I)
        if m:
            who = "" if row.addressed else m.group("who")  # every row that names nobody asks the reader
            return who, _written(row, m)
    return None


def request(sentence: str, who: str) -> str | None:
    """What ``who`` is asked to do, when ``sentence`` asks by what the team waits for; None otherwise or when the
    sentence is the request as written."""
    for row in _TABLE:
        if row.addressed or "{name}" not in row.pattern:
            m = re.search(row.pattern.format(name=_ANY_NAME), sentence, re.I)
        else:
            m = re.search(row.pattern.format(name=re.escape(who)), sentence, re.I) if who else None
        if m:
            return _written(row, m)
    return None


def _written(row: Waited, m: re.Match[str]) -> str | None:
    if row.verb is None:
        return None
    written = f"{row.verb}{m.group('rest') or ''}".strip(" ,.;?")
    return written or None

"""The clauses of a line of notes that say what is being done about a risk (the mitigation, and who does it) and
what happens if nothing changes (the impact)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_CLAUSE = re.compile(r"(?<=[.;!?])\s+|,\s+(?=[a-z])|\s+(?:but|so|and\s+now)\s+", re.I)
_MITIGATION_CUE = re.compile(
    r"\b(?:chasing|working\s+(?:on|with|around)|mitigat\w*|fallback|workaround|plan\s+is|pairing|throttl\w*|"
    r"rehears\w*|re-?running|retry\w*|rolling\s+back|rolled\s+back|escalated|asked|talking\s+to|is\s+\w+ing|"
    r"are\s+\w+ing|will\s+\w+)\b",
    re.I,
)
_IMPACT_CUE = re.compile(
    r"\b(?:means|meaning|so\s+we|which\s+(?:means|puts|delays|blocks)|impact\w*|customers?|merchants?|sellers?|"
    r"users?|revenue|cost\w*|would|could|otherwise|if\s+(?:not|nothing))\b",
    re.I,
)
_SUBJECT = re.compile(r"^([A-Za-z][a-z]+)\s+(?:is\s+|are\s+|has\s+|will\s+)?[a-z]+ing\b")
_NOT_A_NAME = frozenset(
    {
        "we",
        "they",
        "team",
        "still",
        "now",
        "currently",
        "also",
        "i",
        "it",
        "this",
        "that",
        "vendor",
        "first",
        "last",
        "next",
        "each",
        "every",
        "all",
        "some",
        "most",
        "nobody",
        "everyone",
        "someone",
    }
)


def clauses(text: str) -> list[str]:
    return [c.strip(" ,.;") for c in _CLAUSE.split(text) if c and c.strip(" ,.;")]


def mitigation_in(lines: Sequence[str]) -> tuple[str, str] | None:
    """(the clause saying what is being done, the person doing it or "") from the lines, e.g. ("aisha chasing their
    partnerships lead", "aisha")."""
    for line in lines:
        for clause in clauses(line):
            if _MITIGATION_CUE.search(clause):
                m = _SUBJECT.match(clause)
                who = m.group(1) if m and m.group(1).lower() not in _NOT_A_NAME else ""
                return clause, who
    return None


def impact_in(lines: Sequence[str]) -> str | None:
    """A clause saying what happens if nothing changes, when the lines have one."""
    for line in lines:
        for clause in clauses(line):
            if _IMPACT_CUE.search(clause) and not _MITIGATION_CUE.search(clause):
                return clause
    return None

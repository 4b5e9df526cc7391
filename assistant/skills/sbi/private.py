"""What the lead knows but must not say: facts marked private or confidential, what someone else said in a 1:1,
health, pay and similar (the catalogue's ``privacy.confidential``). They are kept out of the facts the model sees and
listed back to the lead with the reason, and a check flags any of their words that reach the message anyway."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from assistant.checks import run_checks
from assistant.checks.base import Finding, Severity, Span
from assistant.checks.text import word_runs

_MARKED = re.compile(
    r"^\s*[\[(]?\s*(?:confidential|private|privately|off\s+the\s+record|in\s+confidence|not\s+for\s+(?:him|her|them)"
    r"|do\s+not\s+share|don't\s+share|between\s+us)\s*[\])]?\s*[:\-–—]?",
    re.IGNORECASE,
)
_MARKED_ANYWHERE = re.compile(
    r"\b(?:CONFIDENTIAL|confidential|off the record|in confidence|don't tell (?:him|her|them))\b"
)
_RUN = 5


class Withheld(BaseModel):
    """A fact left out of the message, and why: shown to the lead so nothing they typed silently disappears."""

    model_config = ConfigDict(extra="forbid")

    text: str
    reason: str


def why_private(text: str) -> str | None:
    """The reason ``text`` must not be said to the person, or None."""
    if _MARKED.match(text) or _MARKED_ANYWHERE.search(text):
        return "you marked it private or confidential"
    for finding in run_checks(text, "note"):
        if finding.rule == "privacy.confidential":
            return finding.message.rstrip(".") + "; it is not yours to share in this feedback"
    return None


def withhold(texts: Sequence[str]) -> tuple[list[str], list[Withheld]]:
    """(the texts that may be used, the ones withheld with their reason)."""
    kept: list[str] = []
    withheld: list[Withheld] = []
    for text in texts:
        reason = why_private(text)
        if reason:
            withheld.append(Withheld(text=text, reason=reason))
        else:
            kept.append(text)
    return kept, withheld


def private_lines(message: str, withheld: Sequence[Withheld]) -> list[Finding]:
    """Five words in a row from a withheld fact in the message: a private line said aloud."""
    found = []
    runs = word_runs(message, _RUN)
    for item in withheld:
        shared = runs & word_runs(item.text, _RUN)
        if shared:
            words = " ".join(sorted(shared)[0])
            found.append(
                Finding(
                    rule="sbi.private",
                    severity=Severity.ERROR,
                    span=Span(start=0, end=len(message), text=words),
                    message=f'"{words}" repeats something you kept private ({item.reason}).',
                    fix="Leave it out of the message; talk about it separately if at all.",
                )
            )
    return found

"""A table pasted into the notes ("| ws | owner | rag | next | note |" from a board or a doc): each row is a
workstream, its first cell the name and its status cell the colour ("A", "At risk", "Off track"). The header and
the rule under it are not news.
"""

from __future__ import annotations

import re

from assistant.skills.status.models import Rag

_RULE = re.compile(r"^\|?[\s:|-]*-{2,}[\s:|-]*$")
_HEADER_WORDS = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "ws workstream workstreams stream project item rag status owner next note notes milestone comment comments "
        "eta date who what health progress latest update updates team lead assignee due target risk risks blocker "
        "blockers name id title labels label priority estimate key summary type"
    ).split()
)
_STATUS: dict[str, Rag] = {
    "r": "red", "red": "red", "off track": "red", "off-track": "red", "blocked": "red",
    "a": "amber", "amber": "amber", "yellow": "amber", "at risk": "amber", "at-risk": "amber",
    "g": "green", "green": "green", "on track": "green", "on-track": "green", "done": "green",
}  # fmt: skip


_TICKET = re.compile(r"^[A-Z][A-Z0-9]{1,9}-\d{1,6}$")
_LABELLED: dict[str, Rag] = {"at-risk": "amber", "at risk": "amber", "blocked": "red", "off-track": "red"}


# A tracker's status column and its assignee ("In Progress", "Aisha Bello") are not what the row says.
_BOARD_STATUS = re.compile(r"^(?:in\s+progress|to\s?do|in\s+review|backlog|ready|open|closed|-)$", re.I)
_FULL_NAME = re.compile(r"^[A-Z][a-zà-ÿ]+\s+[A-Z][a-zà-ÿ]+$")


def is_rule(text: str) -> bool:
    """The rule under a table's header: "|---|:--:|"."""
    return text.lstrip().startswith("|") and bool(_RULE.match(text.strip()))


def cells(text: str) -> list[str]:
    return [c.strip().strip("*_ ") for c in text.strip().strip("|").split("|")]


def table_row(text: str) -> tuple[str, Rag | None] | None:
    """(the workstream its first cell names, the colour its status cell gives) for a row of a table; None for the
    header, the rule under it, or a line that is no table row."""
    if not text.lstrip().startswith("|") or _RULE.match(text.strip()):
        return None
    row = cells(text)
    words = {w for c in row for w in re.findall(r"[a-z]+", c.lower())}
    if words and words <= _HEADER_WORDS:
        return None
    ticket = bool(_TICKET.match(row[0]))
    # A ticket's "Blocked" is the ticket's state; the lead's colour for the work ("AMBER - target was …") says more,
    # and the worst colour wins, so it does not colour the line (its words still can: "waiting on PAY-2282").
    statuses = {k: v for k, v in _STATUS.items() if not (ticket and k == "blocked")}
    colour = next((statuses[c.lower()] for c in row[1:] if c.lower() in statuses), None)
    if colour is None:  # a label among others: "instant-uk, at-risk"
        labels = {k: v for k, v in _LABELLED.items() if not (ticket and k == "blocked")}
        colour = next((labels[w] for c in row[1:] for w in re.split(r"\s*,\s*", c.lower()) if w in labels), None)
    return (_ticket_work(row[1:]) if ticket else row[0]), colour


_PERSON_CELL = re.compile(r"^[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?$")
_WORK_PREFIX = re.compile(r"^([^:]{2,40}):\s")
TITLE_WORDS = 4


def _ticket_work(rest: list[str]) -> str:
    """The work an issue tracker's row is about ("PAY-2101 | UK instant payouts: bank cert | In Progress | Aisha"):
    its title's "work:" prefix, else a short title; "" for a long title ("pooler rolled to ledger-service, all pods
    (2 Nov)"), which is a line about a workstream, not one. The status and assignee may come before the title (h9)."""
    title = next((c for c in rest if c and c.lower() not in _STATUS and not _BOARD_STATUS.match(c)
                  and not _PERSON_CELL.match(c)), "")  # fmt: skip
    if m := _WORK_PREFIX.match(title):
        return m.group(1).strip()
    return title if len(title.split()) <= TITLE_WORDS else ""


def row_note(text: str) -> str:
    """What a row says, without its name, its owner and its status: "9 pages last wk (goal <6 by 31 Dec)"."""
    row = cells(text)
    said = [c for c in row[2:] if c and c.lower() not in _STATUS]
    return "; ".join(c for c in said if not _BOARD_STATUS.match(c) and not _FULL_NAME.match(c))

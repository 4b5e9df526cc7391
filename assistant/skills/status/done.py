"""Which of the model's "done" items (an executive's wins) the update may show: one the notes say is done. A small
model reads "contract STILL not signed" as "contract signed", a launch date that slipped as a launch, and an ask or
a plan as work finished; a win the lead did not report is worse than no win at all."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from assistant.checks.status_dates import ABSOLUTE_DATE_RE
from assistant.skills.status.asking import asks_something
from assistant.skills.status.clauses import clauses
from assistant.skills.status.notes import NoteLine
from assistant.skills.status.words import tokens

# Words that say the thing is not done (yet): denied, planned, tried, failed, waiting, being drafted, asked for.
_NOT_DONE = re.compile(
    r"\b(?:not|never|still|yet|going\s+to|gonna|will|plan(?:s|ned)?|try|trying|target(?:ed|ing)?|failed|failing|"
    r"broken|blocked|slip\w*|missed|pending|waiting|in\s+review|in\s+progress|wip|todo|drafting|working\s+on|"
    r"can\s+you|could\s+you|need|needs|needed)\b|n't\b|\?",
    re.I,
)


def _clause(item: str, lines: Sequence[NoteLine]) -> str | None:
    """The clause of the notes that holds most of the item's words (at least half of them), or None."""
    wanted = tokens(item)
    if not wanted:
        return None
    best, shared = None, 0
    for line in lines:
        for clause in clauses(line.text):
            n = len(wanted & tokens(clause))
            if n > shared:
                best, shared = clause, n
    return best if shared * 2 >= len(wanted) else None


def _ahead(clause: str, today: dt.date) -> bool:
    """The clause names a day after the update's: "we register the topic on 2027-03-17" is a plan."""
    for m in ABSOLUTE_DATE_RE.finditer(clause):
        try:
            if dt.date.fromisoformat(m.group(0)) > today:
                return True
        except ValueError:
            continue  # "12 Dec" and other forms: not compared
    return False


def done_items(items: Sequence[str], lines: Sequence[NoteLine], today: dt.date) -> list[str]:
    """The items a clause of the notes reports as done: not denied, planned, failed or asked for."""
    kept = []
    for item in items:
        clause = _clause(item, lines)
        if clause is None or _NOT_DONE.search(clause) or asks_something(clause) or _ahead(clause, today):
            continue
        kept.append(item)
    return kept

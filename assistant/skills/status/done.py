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
from assistant.skills.status.words import tokens, without_colour

# Words that say the thing is not done (yet): denied, planned, tried, failed, waiting, being drafted, asked for.
_NOT_DONE = re.compile(
    r"\b(?:not|never|still|yet|going\s+to|gonna|will|plan(?:s|ned)?|try|trying|target(?:ed|ing)?|failed|failing|"
    r"broken|blocked|slip\w*|missed|pending|waiting|in\s+review|in\s+progress|wip|todo|drafting|working\s+on|"
    r"can\s+you|could\s+you|need|needs|needed)\b|n't\b|\?",
    re.I,
)


# Words that say it was done: "passed", "upgraded by Ben's team", "live", "went out". A workstream's name or a metric
# ("p99 104 ms") reports nothing done, and the h8 outputs listed both as wins.
_DONE = re.compile(
    r"\b(?:done|live|shipped|merged|landed|released|launched|delivered|deployed|completed?|finished|closed|passed|"
    r"fixed|resolved|signed|approved|went\s+(?:out|live|fine|well)|out|over|back|ready|rolled\s+out|cleared|"
    r"ran|did|made|built|wrote|got|won|hit|sent|took|gave|found|began|brought|caught|fell|"
    # a step reached or a number improved: "fraud model at 50% of traffic", "false holds down to 1.5%"
    r"at\s+\d+(?:\.\d+)?\s?%|(?:down|up)\s+(?:to|from)|[a-z]{3,}ed)(?!\w)",
    re.I,
)
_NOT_DONE_ED = frozenset({"need", "needed", "based", "red", "planned", "expected", "scheduled", "delayed", "proposed",
                          "requested", "blocked", "wanted", "hoped", "hold", "speed", "feed", "seed"})  # fmt: skip


def _reports_done(clause: str) -> bool:
    return any(m.group(0).lower() not in _NOT_DONE_ED for m in _DONE.finditer(clause))


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
        if (
            clause is None
            or _NOT_DONE.search(clause)
            or not _reports_done(clause)
            # "green multi-currency balances": the colour and the name, nothing done
            or (without_colour(item) != item.strip() and not _reports_done(without_colour(item)))
            or asks_something(clause)
            or _ahead(clause, today)
        ):
            continue
        kept.append(without_colour(item))
    return kept

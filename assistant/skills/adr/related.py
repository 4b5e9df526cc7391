"""Which records of the log a new decision relates to, and which it may conflict with, by shared words (code, so
the same notes always cite the same records, and each citation is a file that exists)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from assistant.skills.adr.log import Record
from assistant.skills.adr.models import Related

MAX_RELATED = 3
MIN_SCORE = 0.12  # below this, records share only common words
CONFLICT_SCORE = 0.3  # of the two titles' words
CONFLICT_TITLE_WORDS = 2  # an accepted record deciding the same subject shares words in its title
_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")
_STOP_WORDS = (
    "the and for with that this from are was were will use using into our its has have had not but can all any "
    "when then than them they their there which who what how why also each per via new old one two more less "
    "should would could about after before over under between because decision decide decided record adr team "
    "we'll need needs make made keep"
)
_STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> set[str]:
    return {w.strip("-") for w in _WORD.findall(text.lower())} - _STOP


def _score(a: set[str], b: set[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def related(title: str, notes: str, records: Sequence[Record]) -> list[Related]:
    """The most similar records (at most three): by their whole text, or by their title alone (a long record's text
    dilutes the words it shares). A record is flagged ``conflict`` when it is accepted and its title shares words
    with the new decision's title: the same subject, decided already."""
    mine, my_title = words(title + " " + notes), words(title)
    found: list[Related] = []
    for rec in records:
        their_title = words(rec.title)
        score = max(_score(mine, words(rec.title + " " + rec.excerpt)), _score(my_title, their_title))
        if score < MIN_SCORE:
            continue
        accepted = (rec.status or "").lower() == "accepted"
        same_subject = len(my_title & their_title) >= CONFLICT_TITLE_WORDS
        conflict = accepted and _score(my_title, their_title) >= CONFLICT_SCORE and same_subject
        found.append(Related(number=rec.number, title=rec.title, file=rec.path.name, status=rec.status,
                             score=round(score, 3), conflict=conflict))  # fmt: skip
    found.sort(key=lambda r: (-r.conflict, -r.score))
    return found[:MAX_RELATED]

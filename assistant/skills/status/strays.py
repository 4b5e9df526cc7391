"""Bad news no workstream holds: "one small thing: … so 37 sellers got paid twice" in a good week. The model made no
workstream of it, so the update said every workstream was on track and left it out. Code gives such a line a row of
its own, named in the lead's words, so its colour, its risk block and the TL;DR carry it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.skills.status.asking import ask_of
from assistant.skills.status.clauses import clauses
from assistant.skills.status.colours import cue_colour
from assistant.skills.status.models import StreamDraft
from assistant.skills.status.notes import FILLER, LABELS, NoteLine
from assistant.skills.status.words import held, same_stream, shortened, without_colour, without_prefix

MAX_STRAYS = 2
MAX_NAME_WORDS = 6
MAX_NOTE = 160  # StreamDraft.note
# A line that shares this little with every workstream's name belongs to none of them.
HELD_ENOUGH = 0.5
_CONNECTIVE = re.compile(r"^(?:so|and|but|then|which|because|plus|also|now)\s+", re.I)


# Only bad news a reader must not miss makes a row: money or data gone wrong, a rejection, or a red cue ("blocked");
# "waiting on finance" or "bit behind" on a loose line is how something stands, and stays in the details.
_BAD_NEWS = re.compile(r"twice|double|duplicate|overpaid|still\s+out|data\s+loss|lost\s+data|rejected|declined|bounced|"
                       r"refused", re.I)  # fmt: skip
MIN_WORDS = 6
# "Overall I'd call it amber, mostly because of the UK thing", "That's why I'd call it amber": the lead's verdict on
# the update or on the line before, not a piece of work.
_VERDICT = re.compile(r"^\W*overall\b|\b(?:call|calling)\s+(?:it|that|this|us)\b", re.I)
_COLOURED = re.compile(r"\b(?:red|amber|yellow|green)\b|🔴|🟠|🟡|🟢|⚠", re.I)


def _cue(line: NoteLine) -> str | None:
    if (
        line.colour in ("red", "amber")
        and len({c.lower() for c in _COLOURED.findall(line.text)}) == 1
        and not _VERDICT.search(line.text)
    ):
        # the lead coloured the line ("⚠️ month-end close …", "🟡 instant payouts GA 8 dec"); "one red, one
        # amber-ish, rest fine" sums the others up
        return line.colour
    if len(line.text.split()) < MIN_WORDS:
        return None
    found = cue_colour(line.text)
    if found is None:
        return None
    rag, word = found
    return word if rag == "red" or _BAD_NEWS.search(word) else None


# Narrower than the notes' own prefix (a colon only, shorter): a line that reaches here had no workstream, so a dash
# in it is prose ("cert late - aisha chasing"), not a name.
_PREFIX = re.compile(r"^\s*([A-Za-z][\w/&+ -]{1,24}?)\s*:\s+")
_PAST_WORDS = frozenset({"got", "was", "were", "has", "have", "had"})
NEAR_START = 2  # a cue this near its clause's start is the news about something ("waiting on finance")


# "jan month-end close is 01-27..01-29": the name is what comes before the verb.
_VERB = re.compile(r"\s+(?:is|are|was|were|has|have|had|got|goes|went|will)\s+.*$", re.I)


def _short(clause: str, *, coloured: bool = False) -> str:
    clause = re.sub(r"\s*\([^()]*\)", "", without_colour(clause))  # "(capped)" says how, not what
    if coloured:
        clause = _VERB.sub("", clause)  # a line the lead coloured names its work first; bad news names what happened
    words = _CONNECTIVE.sub("", clause).split()[:MAX_NAME_WORDS]
    name = " ".join(w for w in words if w.lower() not in _PAST_WORDS).strip(" ,.;:-")
    return name[:1].upper() + name[1:60]


def _name(line: NoteLine, word: str) -> str:
    """The line's own heading or prefix when it names something ("soc2: …"), else the clause with the bad news
    ("so 37 sellers got paid twice"), or the line's first clause when the bad news is only how it stands
    ("budget for Q1 load test env, EUR 4k/month, waiting on finance")."""
    if line.stream and not set(line.stream.lower().split()) <= FILLER:
        return line.stream
    if (m := _PREFIX.match(line.text)) and not set(m.group(1).lower().split()) <= FILLER | LABELS:
        return m.group(1).strip()
    parts = clauses(without_prefix(line.text))
    if not parts:
        return ""
    at = next((k for k, c in enumerate(parts) if word and word.lower() in c.lower()), 0)
    cue_first = (
        word
        and parts[at].lower().split()[: NEAR_START + 1]
        and word.lower().split()[0] in (w.strip(",.;") for w in parts[at].lower().split()[: NEAR_START + 1])
    )
    return _short(parts[0] if cue_first else parts[at], coloured=word == line.colour)


def _worded(name: str) -> bool:
    """A name a reader can take for a piece of work: words, not "()" or half a bracket."""
    return bool(re.search(r"[A-Za-z]{3}", name)) and not re.search(r"[()\[\]]", name)


def _note(line: NoteLine) -> str:
    return shortened(without_colour(without_prefix(line.text)), MAX_NOTE)


def strays(names: Sequence[str], lines: Sequence[NoteLine]) -> list[StreamDraft]:
    """A workstream for each line of bad news that no workstream of ``names`` holds (and that is no ask)."""
    out: list[StreamDraft] = []
    made: NoteLine | None = None  # the line that made the last row
    previous: NoteLine | None = None
    for line in lines:
        follows, previous = previous is not None and previous is made, line
        if line.text.startswith("Merged: ") or ask_of(line.text):
            continue
        if follows:
            continue  # "finance clawed most of it back, ~EUR 11k still out" goes on about the line before
        word = _cue(line)
        taken = [*names, *(s.name for s in out)]
        if word is None or any(held(n, line.stream or line.text) >= HELD_ENOUGH for n in taken):
            continue
        name = _name(line, word)
        if _worded(name) and not any(same_stream(name, n) for n in taken):
            out.append(StreamDraft(name=name, note=_note(line)))
            made = line
    return out[:MAX_STRAYS]

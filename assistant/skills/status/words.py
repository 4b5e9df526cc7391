"""The words that say what a line of the notes or a workstream is about, and which lines belong to which workstream.

A line belongs to the workstream its heading or "name:" prefix gives it; a line without one belongs to the workstreams
whose names it holds the most of. Measured on the eval: when any shared word was enough, "double running cost" on the
warehouse line coloured "Cost dashboards" red, and a "payout webhook" line gave "Webhook signing key rotation" its
colour, impact and mitigation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.checks.text import WORD_RE
from assistant.knowledge.lexical import stem
from assistant.skills.status.colours import NOT_RAG_BEFORE
from assistant.skills.status.notes import NoteLine

_STOP = frozenset({"the", "and", "for", "with", "from", "our", "new", "work", "team", "status", "need", "needs"})
# Dates are not topics ("1 dec"); only whole month and day names are dropped, so "sepa" and "decom" stay words.
_CALENDAR = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september "
        "october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday "
        "friday saturday sunday"
    ).split()
)


# A workstream's code names it as well as its words do: "v3", "pg16", "ws3" (a plain number or date does not).
_CODE = re.compile(r"[a-z]{1,4}\d{1,3}")


def bare(word: str) -> str:
    """The word in lower case without its possessive: "nadia's sign-off" names Nadia."""
    return re.sub(r"['’]s$", "", word.lower())


def tokens(text: str) -> set[str]:
    """The words that say what a line is about: no numbers, dates, months or weekdays ("1 dec" is not a topic), but
    codes ("v3", "pg16"); a hyphenated word is its parts too ("multi-currency" holds "currency")."""
    out = set()
    for raw in WORD_RE.findall(text):
        word = bare(raw)
        for w in {word, *word.split("-")}:
            if ((len(w) > 2 and w.isalpha()) or _CODE.fullmatch(w)) and w not in _STOP and w not in _CALENDAR:
                out.add(w)
    return out


def topic(text: str) -> set[str]:
    """``tokens`` stemmed, so "payout" and "payouts", "key" and "keys" are one topic."""
    return {stem(w) for w in tokens(text)}


def same_stream(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return bool(a and b) and (a == b or a in b or b in a or bool(tokens(a) & tokens(b)))


def name_case(name: str) -> str:
    """ "aisha" as "Aisha": notes are typed in lower case, an update names people properly (not an invention)."""
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in name.split())


def held(name: str, text: str) -> float:
    """How much of the workstream's name the text holds (1.0: every word)."""
    wanted = topic(name)
    return len(wanted & topic(text)) / len(wanted) if wanted else 0.0


def owners(line: NoteLine, names: Sequence[str]) -> list[str]:
    """The workstreams (of ``names``) a line belongs to: the ones its heading or prefix names, else the ones whose
    names it holds the most of; none when it holds no word of any."""
    for text in ([line.stream] if line.stream else []) + [line.text]:
        share = {name: held(name, text) for name in names}
        best = max(share.values(), default=0.0)
        if best > 0:
            return [name for name, h in share.items() if h == best]
    return []


# "calling this red until Keiko commits a date": a colour about the work the lines before were about.
_REFERS = re.compile(
    r"^\W*(?:so\s+)?(?:(?:i'?d|i\s+would|i'?m|we'?re)\s+)?(?:call(?:ing)?\s+(?:this|that|it)|(?:this|that|it)(?:'s|\s+is))\b",
    re.I,
)


def lines_of(name: str, names: Sequence[str], lines: Sequence[NoteLine]) -> list[NoteLine]:
    """The lines that belong to the workstream ``name`` among the update's ``names``; a line with the lead's colour
    that names no workstream and opens "calling this …" or "this is …" belongs to the one the line before it belongs
    to ("everything green except hold reasons, call that amber" names what it is about, so it does not)."""
    every = [*names, *([] if name in names else [name])]
    out: list[NoteLine] = []
    before: list[str] = []
    for line in lines:
        found = owners(line, every)
        if not found and line.colour and _REFERS.search(line.text):
            found = before
        if name in found:
            out.append(line)
        before = found or before
    return out


# The colour word with what only glues it to the sentence: "GA 8 Dec is RED" -> "GA 8 Dec", "moved, amber" -> "moved".
_COLOUR_WORD = re.compile(
    r"(?:,\s*|\s*\b(?:but|and|now|still|is|are|was|went|turned|at)\s+)*(?:\b(?:red|amber|green|yellow|RAG)\b"
    r"(?!\s+(?:light|flag))|\s*(?:[🔴🟠🟡🟢]|⚠️?))",
    re.I,
)


# A board's status in front of a note ("On track; cutover 1 Dec clean", "status=red; fix in prod") says the colour
# again.
_STATUS_FIRST = re.compile(
    r"^\s*(?:(?:on|off)[- ]track|at[- ]risk|status\s*[=:]\s*(?:red|amber|yellow|green|[RAG]))\b\s*[;:,.-]?\s*", re.I
)


# The lead's verdict on the colour, not why: "so call that amber not red because we have a workaround".
_VERDICT = re.compile(
    r"^(?:so|ok|okay|and)?\s*(?:i'?d\s+|let'?s\s+)?(?:call|calling|mark|marking|say|saying|put|putting)\s+"
    r"(?:that|it|this|us|them)\s+(?:as\s+)?(?:red|amber|yellow|green)(?:\s*,?\s*(?:not|rather\s+than|instead\s+of)\s+"
    r"(?:red|amber|yellow|green))?\b[\s,;:-]*(?:because|since|as|cause|coz)?\s*",
    re.I,
)


def without_verdict(text: str) -> str:
    """The line without the lead's verdict in front: "so call that amber not red because we can pause the job" is
    "we can pause the job"."""
    return _VERDICT.sub("", text.strip(), count=1)


def without_colour(text: str) -> str:
    """A note without the colour word the lead typed in it ("cutover moved to 1 Dec, amber"): the colour has its
    own column, and a colour word inside a list item reads to the status checks as a workstream of its own. "Tests
    red 3 days running" keeps its "red": that is a build, not a colour."""

    def drop(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 20) : m.start()] + m.group(0)[: len(m.group(0)) - len(m.group(0).lstrip())]
        return m.group(0) if NOT_RAG_BEFORE.search(before) else ""

    text = _STATUS_FIRST.sub("", without_verdict(text))
    cleaned = re.sub(r"\s+([.,;:])", r"\1", _COLOUR_WORD.sub(drop, text))  # "payouts: . cert late" -> "payouts:."
    cleaned = re.sub(r"([:;,])[.,;:]+", r"\1", cleaned)
    cleaned = re.sub(r"\s*(?:->|=>|→)\s*(?=[,;.]|$)", "", cleaned)  # "… via Data Platform -> RED": no arrow to nowhere
    return re.sub(r"\s{2,}", " ", cleaned).strip(" ,;:-.")


def without_prefix(text: str) -> str:
    """The line without its "name: " in front ("one small thing: …", "payouts: …"); "09:12-10:47" is a time."""
    return re.sub(r"^[^:]{1,40}:\s+", "", text)


def shortened(note: str, size: int = 160) -> str:
    """The note cut at a word, with "…", when it is longer than its field ("expects <105 by end of next (H" read as
    a typo)."""
    return note if len(note) <= size else note[: size - 1].rsplit(" ", 1)[0].rstrip(" ,;:(") + "…"

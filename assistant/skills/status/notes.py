"""The lead's notes as lines, read in code before the model sees anything: private lines out (with the reason),
the colours the lead wrote, the next update's date when the notes give one.

Notes come as people type them: bullets, "payouts: RED", a heading per workstream, a shouted line, a line marked
"(private)" or "DO NOT SHARE". A heading or a short "Name:" prefix names the workstream of the lines under or after it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from assistant.checks.status_dates import ABSOLUTE_DATE_RE
from assistant.skills.private import Withheld, why_private
from assistant.skills.status.models import RAG_RANK, Rag

_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s*(.+?)\s*#*\s*$|^\s*([A-Za-z][\w /&+-]{1,40}):\s*$")
_PREFIX = re.compile(r"^\s*([A-Za-z][\w/&+ -]{1,30}?)\s*[:\-–—]\s+(?=\S)")
# "green light", "red flag" and "red tape" are not colours
_COLOUR = re.compile(r"\b(red|amber|yellow|green)\b(?!\s+(?:light|flags?|tape|herring))|🔴|🟠|🟡|🟢", re.I)
_NEXT_UPDATE = re.compile(r"\bnext\s+(?:status\s+)?(?:update|report)\b", re.I)
# Words that put a workstream at risk when the lead wrote no colour: red needs help or a decision to recover.
_RED_CUES = re.compile(
    r"\b(?:blocked|blocker|blocking|will\s+miss|won't\s+make|can(?:not|'t)\s+(?:ship|launch|make|meet|start)|stuck|"
    r"missed|escalat\w+|no\s+way\s+to)\b",
    re.I,
)
_AMBER_CUES = re.compile(
    r"\b(?:at\s+risk|risky|risks?|slip\w*|delay\w*|late|behind|moved|pushed|waiting\s+(?:on|for)|depends\s+on|"
    r"concerns?|concerned|worried|lag\w*|unclear|tight|flaky|incidents?|outages?|sev\s?[12]|regressions?|"
    r"might\s+not|may\s+not|not\s+until|short[- ]staffed|understaffed)\b",
    re.I,
)
_ASK_CUE = re.compile(
    r"^(?:ask|asks|request|help\s+needed|decision\s+needed|need|needs|we\s+need|please|can\s+we\s+get|"
    r"would\s+like)\b|\b(?:need|needs)\s+(?:a\s+)?(?:decision|approval|sign[- ]off|help|budget|an?\s+answer)\b",
    re.I,
)
_NOT_A_PERSON = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "a an the to more help approval decision sign sign-off someone somebody some our we it us budget answer "
        "input review reviews time people headcount another this that"
    ).split()
)


# A risk the same line says is over: "cutover moved to 1 Dec, went fine" is done, not amber.
_RESOLVED = re.compile(
    r"(?<!not\s)(?<!n't\s)\b(?:went\s+(?:fine|well|smoothly)|done|resolved|fixed|recovered|back\s+to\s+(?:normal|green)|no\s+(?:seller|"
    r"customer|user)?\s*impact|completed?|finished|landed)\b",
    re.I,
)


def cue_colour(text: str) -> tuple[Rag, str] | None:
    """The colour words in ``text`` imply, and the words: ("red", "blocked"); none for an amber word on a line that
    says it is over."""
    m = _first_said(_RED_CUES, text)
    if m:
        return "red", m.group(0)
    m = _first_said(_AMBER_CUES, text)
    if m and not _RESOLVED.search(text, m.end()):  # "moved, went fine" is over; "80% done but slipping" is not
        return "amber", m.group(0)
    return None


# "zero escalations", "no incidents", "without delays": the cue word, denied.
_DENIED = re.compile(r"\b(?:no|zero|0|without|never|nothing)\s+(?:\w+\s+)?$", re.I)


def _first_said(cues: re.Pattern[str], text: str) -> re.Match[str] | None:
    for m in cues.finditer(text):
        if not _DENIED.search(text[max(0, m.start() - 24) : m.start()]):
            return m
    return None


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
    {"we", "they", "team", "still", "now", "currently", "also", "i", "it", "this", "that", "vendor"}
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


_ASKS_SOMETHING = re.compile(
    r"\b(?:need|needs|ask|asks|asking|request\w*|please|pls|plz|decide|decision|approve|approval|sign[- ]off|review|"
    r"help|confirm|pick|choose|agree|unblock|escalate|move\s+to|migrate|accept|volunteers?|yes/no|can\s+someone|"
    r"blocked\s+on|by\s+\d)",
    re.I,
)
_PERSON_TO = re.compile(
    r"^([A-Za-z][a-z]+)\s+(?:to|should|must|has\s+to)\s+(?:pick|decide|approve|review|confirm|sign|choose|agree)\b"
)
# "lena / product pls decide", "@grace please confirm": the people first, then a polite verb.
_PLEASE = re.compile(
    r"^@?([A-Za-z][\w'-]*(?:\s*(?:/|\+|&|and)\s*@?[A-Za-z][\w'-]*)*)\s*,?\s+(?:pls|please|plz|pl)\s+"
    r"(?:decide|approve|confirm|review|sign|pick|choose|agree|look|ack|weigh|check|reply|answer|chase)\b",
    re.I,
)
# "need a volunteer", "looking for two volunteers from infra": an ask of whoever answers.
_VOLUNTEER = re.compile(
    r"\b(?:need|needs|looking\s+for|want|after)\s+(?:a|an|one|two|three|\d+|some)\s+(?:\w+\s+)?volunteers?\b"
    r"(?:\s+from\s+([A-Za-z][\w-]*))?",
    re.I,
)
# Asks by what the team waits for: "blocked on nadia's sign-off", "need a yes/no from keiko", "can someone from
# checkout run…", "if product can confirm by tue", "@grace call needed on …".
_WAITING_ON = re.compile(
    r"\bblocked\s+on\s+@?(?P<a>[A-Za-z][\w-]*)(?:'s|’s|s')\s+"
    r"(?:sign[- ]?off|approval|review|decision|ok|go-ahead|answer)|"
    r"\b(?:yes/no|go/no-go|decision|answer|call)\s+(?:needed\s+)?from\s+@?(?P<b>[A-Za-z][\w-]*)|"
    r"\bcan\s+(?:someone|somebody|anyone)\s+(?:from|in|on)\s+(?:the\s+)?@?(?P<c>[A-Za-z][\w-]*)|"
    r"\bif\s+@?(?P<d>[A-Za-z][\w-]*)\s+(?:team\s+)?can\s+(?:confirm|decide|approve|sign|review|pick)|"
    r"@(?P<e>[A-Za-z][\w-]*)\b[^.;!?]{0,40}\b(?:needed|please|pls)\b",
    re.I,
)
# An ask can sit anywhere in a line: "...2 of 3 banks only). need grace to pick by 2026-12-04, aisha owns".
_SENTENCES = re.compile(r"(?<=[.;!?])\s+|\s+[-–—]\s+|\n")


def asks_something(text: str) -> bool:
    """The line asks someone for something (an ask the model writes must come from such a line)."""
    return bool(_ASKS_SOMETHING.search(text) or _PERSON_TO.match(text))


def _asked(sentence: str) -> str | None:
    """Who ``sentence`` asks ("" for nobody named), or None when it asks nothing."""
    if person := _PERSON_TO.match(sentence):
        return person.group(1)
    if please := _PLEASE.match(sentence):
        return please.group(1)
    if volunteer := _VOLUNTEER.search(sentence):
        return volunteer.group(1) or ""
    if waiting := _WAITING_ON.search(sentence):
        return next(g for g in waiting.groups() if g)
    if not _ASK_CUE.search(sentence):
        return None
    m = re.search(r"\b(?:need|needs|ask|asking)\s+([A-Za-z][\w'-]*)", sentence, re.I)
    return m.group(1) if m and m.group(1).lower() not in _NOT_A_PERSON else ""


def ask_of(text: str) -> tuple[str, str] | None:
    """(who is asked, or "", the words that ask) when the line asks for something: "need grace on the call by 1 dec".
    The whole line when it is one sentence; the asking sentence when the ask sits among other news."""
    sentences = [p.strip(" ,.;") for p in _SENTENCES.split(text) if p.strip(" ,.;")] or [text]
    if len(sentences) == 1:
        who = _asked(text)
        return None if who is None else (who, text)
    for i, sentence in enumerate(sentences):
        who = _asked(sentence)
        # Among other news, "we need more data" is news; an ask there names someone or asks for a decision or a hand.
        if who is not None and (i == 0 or who or _STRONG_ASK.search(sentence) or _VOLUNTEER.search(sentence)):
            return who, sentence
    return None


_STRONG_ASK = re.compile(
    r"\b(?:need|needs)\s+(?:a\s+|an\s+)?(?:decision|approval|sign[- ]off|answer|call)\b|^(?:please|pls|plz)\b", re.I
)


# Prefixes that label a kind of line, not a workstream ("risk: …", "ask: …").
_LABELS = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "risk risks ask asks blocker blockers blocked next todo to do note notes fyi update updates done wins win "
        "issue issues private confidential tldr tl;dr owner impact mitigation decision eta status progress help need "
        "needs shipped merged lowlight lowlights highlight highlights ps nb also misc other"
    ).split()
)
_COLOURS: dict[str, Rag] = {"🔴": "red", "🟠": "amber", "🟡": "amber", "🟢": "green", "red": "red", "amber": "amber",
                            "yellow": "amber", "green": "green"}  # fmt: skip


class NoteLine(BaseModel):
    """One line of the notes the model may see (kept in the run's state, so a pydantic model)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str  # without its bullet; dates made absolute once the update's date is known
    stream: str | None = None  # the workstream a heading or prefix gave it
    colour: Rag | None = None  # a colour the lead wrote on this line


@dataclass(frozen=True)
class Notes:
    lines: list[NoteLine]
    withheld: list[Withheld]


NOT_RAG_BEFORE = re.compile(r"\b(?:tests?|builds?|ci|checks?|pipeline|dashboards?|alerts?|graphs?|lights?)\s+$", re.I)


_MIGHT_BE = re.compile(
    r"\b(?:might|could|may|would|will|if)\s+(?:\w+\s+)?(?:be|go|turn|become|slip\s+to)\s+$|\b(?:was|were|used\s+to\s+be)\s+$",
    re.I,
)
# "RAG: A", "rag=G": the colour as the letter of its name.
_RAG_LETTER = re.compile(r"\bRAG\s*[:=-]?\s*\b([RAGrag])\b(?![\w'-])")
_LETTERS: dict[str, Rag] = {"R": "red", "A": "amber", "G": "green"}


def colour_of(text: str) -> Rag | None:
    """The colour the lead wrote on the line; "integration tests red 3 days running" is a failing build, not a RAG."""
    said = [
        (m.start(), _COLOURS[m.group(0).lower()])
        for m in _COLOUR.finditer(text)
        if not NOT_RAG_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
    ] + [(m.start(), _LETTERS[m.group(1).upper()]) for m in _RAG_LETTER.finditer(text)]
    said.sort()
    if not said:
        return None
    # "everything green except hold reasons, call that amber": the worst colour the line gives; but "green for now,
    # might be amber next time" and "was red, now green" are green (a colour it might become or was does not count).
    firm = [rag for at, rag in said if not _MIGHT_BE.search(text[max(0, at - 24) : at])] or [said[0][1]]
    return max(firm, key=lambda rag: RAG_RANK[rag])


def _prefix_stream(text: str) -> str | None:
    m = _PREFIX.match(text)
    if not m:
        return None
    name = m.group(1).strip()
    if name.lower() in _LABELS or len(name.split()) > 4 or colour_of(name) or any(c.isdigit() for c in name):
        return None  # "RFC-014 decision 30 Nov: …" is a line, not a workstream
    return name


_INTERNAL = re.compile(r"^\s*[\[(]?\s*(?:internal(?:\s+only)?|team\s+only)\s*[\])]?\s*[:\-–—]", re.I)
INTERNAL_REASON = "you marked it internal, and this update goes outside the team"


_BARE_HEADING = re.compile(r"^([A-Za-z][\w /&+'-]{1,40}?)\s*:?\s*$")
_INDENTED_ITEM = re.compile(r"^\s+(?:[-*•+]|\d{1,2}[.)])\s+\S")


def _heading(raw: str, raws: Sequence[str], k: int) -> str | None:
    """The name a heading line gives the lines under it: "## Payouts", "Payouts:", or a short unindented line with
    indented bullets under it ("instant payouts" then "  - beta 20 merchants")."""
    if _BULLET.match(raw):
        return None
    m = _HEADING.match(raw)
    if m:
        return (m.group(1) or m.group(2) or "").strip()
    # the next non-empty line, found without copying the rest of the notes for every line
    following = next((line for line in itertools.islice(raws, k + 1, None) if line.strip()), "")
    if raw[:1].isspace() or not _INDENTED_ITEM.match(following) or len(raw.split()) > 4:
        return None
    bare = _BARE_HEADING.match(raw)
    return bare.group(1).strip() if bare else None


# The first line of notes is often their title: "status notes wk 49 - for grace", "for checkout team:". It names no
# workstream and says nothing to report.
_TITLE = re.compile(r"\b(?:notes?|status|updates?|wk\s*\d+|week\s+of|weekly|draft|for\s+\w+|folks|stuff)\b", re.I)
MAX_TITLE_WORDS = 10


def _is_title(raw: str, first: bool) -> bool:
    text = raw.strip().strip("#:").strip()
    return first and not _BULLET.match(raw) and len(text.split()) <= MAX_TITLE_WORDS and bool(_TITLE.search(text))


def read_notes(notes: str, merged: Sequence[str] = (), *, outside: bool = False) -> Notes:
    """The notes as lines, private ones withheld (and, ``outside`` the team, lines marked internal); merged work from
    git is appended as lines of its own."""
    lines: list[NoteLine] = []
    withheld: list[Withheld] = []
    stream: str | None = None
    section_private: str | None = None  # the reason, under a heading such as "## private"
    raws = notes.splitlines()
    first = next((k for k, raw in enumerate(raws) if raw.strip()), 0)
    for k, raw in enumerate(raws):
        if _is_title(raw, k == first):
            continue
        name = _heading(raw, raws, k)
        if name is not None:
            section_private = why_private(name, wide=True)
            stream = None if section_private or name.lower().rstrip(":") in _LABELS else name
            continue
        text = _BULLET.sub("", raw).strip()
        if not text:
            continue
        reason = section_private or why_private(text, wide=True)
        if reason is None and outside and _INTERNAL.match(text):
            reason = INTERNAL_REASON
        if reason:
            withheld.append(Withheld(text=text, reason=reason))
            continue
        lines.append(NoteLine(text=text, stream=_prefix_stream(text) or stream, colour=colour_of(text)))
    lines += [NoteLine(text=f"Merged: {m}", stream=None, colour=None) for m in merged]
    return Notes(lines=lines, withheld=withheld)


def next_update(notes: Notes) -> str | None:
    """The next update's date as the notes give it ("next update 2026-12-18"), else None."""
    for line in notes.lines:
        if _NEXT_UPDATE.search(line.text):
            m = ABSOLUTE_DATE_RE.search(line.text)
            if m:
                return m.group(0)
    return None

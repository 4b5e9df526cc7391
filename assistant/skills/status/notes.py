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
from assistant.skills.status.colours import colour_of
from assistant.skills.status.letter import addressee, chat_said, is_signature, paragraph, signs_off, unchatted
from assistant.skills.status.models import Rag
from assistant.skills.status.table import is_rule, table_row

# "- ", "• ", "1. ", "a) ", "→ ", "-> "
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}\.\d{1,2}[.)]?|\d{1,2}[.)]|[a-z][.)]|→|->|=>)\s+")
# "1.2 v3.1 goes to 25% on 2027-03-23" under "1. fraud-scorer": an item of the numbered section above.
_DECIMAL = re.compile(r"^\s*\d{1,2}\.\d{1,2}[.)]?\s+\S")
# "## Payouts", "Payouts:", "=== 1) Fraud v3 ===", "--- Ledger ---", "**Payouts**" (a number in front is not the name)
_HEADING = re.compile(
    r"^\s*#{1,6}\s*(?:\d{1,2}[.)]\s*)?(.+?)\s*#*\s*$|^\s*([A-Za-z][\w /&+-]{1,40}):\s*$|"
    r"^\s*(?:={2,}|-{2,}|\*\*|__)\s*(?:\d{1,2}[.)]\s*)?([^=*_\s-][^=*_]{0,50}?)\s*(?:={2,}|-{2,}|\*\*|__):?\s*$"
)
# "Stand: 03.12.2026", "as of: 2026-12-03": when the notes were written, not news.
_DATED = re.compile(r"^\s*[A-Za-z][\w ]{1,20}:\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\.?\s*$")
# "pasted from #payments-platform this morning:": where the next lines came from, not news.
_PASTED = re.compile(r"^(?:pasted|copied|copy-?pasted)\s+(?:from|in)\b.{0,60}:?\s*$", re.I)
# "payouts: …", "Northwind API v4 migration (Aisha): …" (who owns it is not part of the name)
_PREFIX = re.compile(r"^\s*([A-Za-z][\w/&+ -]{1,30}?)\s*(?:\([^()]{1,24}\)\s*)?[:\-–—]\s+(?=\S)")
# "next update 2026-12-18", "next exec update 2027-04-09", "next product update 02-19"
NEXT_UPDATE = re.compile(r"\bnext\s+(?:[a-z-]+\s+)?(?:update|report)\b", re.I)
NEXT_DATE_WITHIN = 40


# Prefixes that label a kind of line, not a workstream ("risk: …", "ask: …").
LABELS = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "risk risks ask asks blocker blockers blocked next todo to do note notes fyi update updates done wins win "
        "issue issues private confidential tldr tl;dr owner impact mitigation decision eta status progress help need "
        "needs shipped merged lowlight lowlights highlight highlights ps nb also misc other sonstiges divers various "
        "housekeeping admin logistics summary overview thx thanks kudos shoutout shoutouts comments comment "
        "fix fixes workaround workarounds aud audience re subject freeze reminder sensitive overall colour color"
    ).split()
)
_ASK_WORDS = frozenset({"ask", "asks", "request", "requests"})
# "one small thing: …", "fyi: …", "oh and: …" lead a line in without naming any work.
FILLER = frozenset(
    "one small thing quick note fyi heads up also btw oh and bad news big minor other misc aside ps nb".split()  # noqa: SIM905
)
# Headings over the asks: "Decisions needed", "5. Asks", "Help needed", "Need from you".
_ASKS_HEADING = re.compile(
    r"^(?:asks?|requests?|(?:decisions?|help|input|approvals?)\s+(?:needed|required|wanted)|need(?:ed)?\s+from\s+\w+|"
    r"what\s+(?:we|i)\s+need)\b",
    re.I,
)
# Headings that say when, not what: "This week", "Last sprint", "KW49".
_TIME_HEADING = re.compile(
    r"^(?:this|last|next|past)\s+(?:week|sprint|month|fortnight)|^(?:week|wk|kw|cw|sprint)\s*\d+", re.I
)
# Labels of more than one word: "Root cause: …", "Why RED: …", "DECISION NEEDED from Grace: …" under a workstream,
# "options for Lena: …", "everything else fine: …".
_LABEL_PHRASE = re.compile(
    r"^(?:root\s+causes?|why|because|(?:decisions?|answers?|actions?)\s+(?:needed|required|items?)|options?(?:\s+for\s+\w+)?|"
    r"next\s+(?:status\s+)?update|impact\s+(?:for|on|to)\s+\w+|notes?\s+(?:per|by|on)\s+\w+|"
    # h9: "where we are", "my notes:", "Open questions", "other option: …"
    r"where\s+we\s+are|my\s+notes|open\s+questions?|other\s+options?|(?:forwarded|original)\s+message|"
    r"heads[- ]up(?:\s+from\s+\w+)?|"
    r"everything\s+else(?:\s+\w+)?|the\s+rest|rest)\b",
    re.I,
)


class NoteLine(BaseModel):
    """One line of the notes the model may see (kept in the run's state, so a pydantic model)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str  # without its bullet; dates made absolute once the update's date is known
    stream: str | None = None  # the workstream a heading or prefix gave it
    colour: Rag | None = None  # a colour the lead wrote on this line
    asked: bool = False  # under a heading such as "Decisions needed" or "Asks": the line is an ask
    acted: bool = False  # under "Actions": the team's own to-do, which asks the reader nothing


@dataclass(frozen=True)
class Notes:
    lines: list[NoteLine]
    withheld: list[Withheld]
    addressee: str = ""  # "Lena" of notes that open "Hi Lena,": who a "would you…?" asks


# A workstream's code is part of its name ("WS1 ledger", "fraud v3", "ledger pg16"); a date is not ("decision 30 Nov").
_CODE = re.compile(r"^[A-Za-z]+\d+$")
# The colour the lead put in front ("🟢 WS1 ledger: …") is not part of the workstream's name.
_LEADING_COLOUR = re.compile(r"^\s*(?:🔴|🟠|🟡|🟢|⚠️?|:\w+_circle:|[\[(][RAGrag][\])])\s*")


def _prefix_stream(text: str) -> str | None:
    m = _PREFIX.match(_LEADING_COLOUR.sub("", text))
    if not m:
        return None
    name = m.group(1).strip()
    if (
        name.lower() in LABELS
        or name.split()[0].lower() in _ASK_WORDS  # "ASK Lena: decide …", "ask team: need 2 people …"
        or _LABEL_PHRASE.match(name)
        or set(name.lower().split()) <= FILLER
        or len(name.split()) > 4
        or colour_of(name)
        or any(ch.isdigit() for word in name.replace("-", " ").split() if not _CODE.match(word) for ch in word)
    ):
        return None  # "RFC-014 decision 30 Nov: …" is a line, not a workstream
    return name


_INTERNAL = re.compile(r"^\s*(?://\s*)?[\[(]?\s*(?:internal(?:\s+only)?|team\s+only)\s*[\])]?\s*[:\-–—]", re.I)
INTERNAL_REASON = "you marked it internal, and this update goes outside the team"


_BARE_HEADING = re.compile(r"^([A-Za-z][\w /&+'-]{1,40}?)\s*:?\s*$")
_INDENTED_ITEM = re.compile(r"^\s+(?:[-*•+]|\d{1,2}[.)]|[a-z][.)]|→|->)\s+\S")


_LABEL_LINE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:risks?|asks?|requests?|next\s+steps?|tl;?dr|wins?|done|blockers?|issues?|progress|"
    r"decisions?(?:\s+needed)?|help\s+needed|people|workstreams?|annotations?|actions?(?:\s+items?)?|"
    # a retro's layout: "WENT WELL", "DIDN'T GO WELL", "what to improve"
    r"(?:what\s+)?went\s+well|(?:what\s+)?didn'?t\s+go\s+well|(?:what\s+)?(?:to\s+)?improve|went\s+badly)\s*:?\s*$",
    re.I,
)
_PIPES = 3  # "PAY-2101 | UK instant payouts | In Progress | Aisha": a table pasted without its outer pipes
_ACTIONS_HEADING = re.compile(r"^(?:actions?(?:\s+items?)?|action\s+points?|to-?dos?|follow-?ups?)\s*:?$", re.I)
_LINKED = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")  # an Obsidian link: "[[Schema registry rollout]]"
_OWNER = re.compile(r"\s*\([A-Z][\w'-]*(?:\s*[/,&+]\s*[A-Z][\w'-]*)*\)\s*$")  # "(Ravi)", "(Tomás / Jun)"
_NUMBERED = re.compile(r"^(?:\d{1,2}[.)])\s+(.+?)\s*:?\s*$")
MAX_NUMBERED_WORDS = 6


def _heading(raw: str, raws: Sequence[str], k: int) -> tuple[str, bool] | None:
    """The name a heading line gives the lines under it, and whether it holds only the lines indented under it:
    "## Payouts" and "Payouts:" (until the next heading), a short numbered line with items indented under it or a
    short unindented line with indented bullets under it ("instant payouts" then "  - beta 20 merchants"; those
    items only), a short line after a blank line with bullets under it ("instant payouts" then "- grace picked …").
    The next non-empty line is found without copying the rest of the notes for every line."""
    following = next((line for line in itertools.islice(raws, k + 1, None) if line.strip()), "")
    numbered = _NUMBERED.match(raw)
    if (
        numbered
        and (_INDENTED_ITEM.match(following) or _DECIMAL.match(following))
        and len(numbered.group(1).split()) <= MAX_NUMBERED_WORDS
        and not _PREFIX.match(numbered.group(1))  # "1. fraud-scorer: fail-closed from 9 Dec" is news with a name
    ):
        return numbered.group(1).strip(), True  # "1. Incident INC-2027-003, SEV1" over "   a. Tue 5 Jan 09:12 …"
    if _BULLET.match(raw):
        # "- [[Multi-currency balances]] (Ravi)" with items indented under it: a heading in an outliner's clothes
        item = _LINKED.sub(r"\1", _OWNER.sub("", _BULLET.sub("", raw))).strip()
        indented_under = _INDENTED_ITEM.match(following) and len(following) - len(following.lstrip()) > len(raw) - len(
            raw.lstrip()
        )
        if indented_under and _BARE_HEADING.match(item) and len(item.split()) <= MAX_NUMBERED_WORDS:
            return item, True
        return None
    if _LABEL_LINE.match(raw):
        return raw.strip().strip("#:").strip(), False  # "Risks", "Asks", "Next steps" over lines, blank line or not
    m = _HEADING.match(raw)
    if m:
        return (m.group(1) or m.group(2) or m.group(3) or "").strip(), False
    opens = k == 0 or not raws[k - 1].strip()
    indented = bool(_INDENTED_ITEM.match(following))
    under = indented or (opens and _BULLET.match(following) and raws[k + 1].strip())
    if raw[:1].isspace() or not under or len(raw.split()) > 4:
        return None
    bare = _BARE_HEADING.match(raw)
    return (bare.group(1).strip(), indented) if bare else None


# The first line of notes is often their title: "status notes wk 49 - for grace", "for checkout team:". It names no
# workstream and says nothing to report.
_TITLE = re.compile(
    r"\b(?:notes?|status|updates?|wk\s*\d+|week\s+of|weekly|draft|for\s+\w+|folks|stuff|pasted|copied|thread|"
    r"heads[- ]up)\b|#[\w-]+",
    re.I,
)
MAX_TITLE_WORDS = 12


# A letter's first line may say what the notes are: "Rough notes ahead of tomorrow's sync; I'll turn them into …".
_ABOUT_NOTES = re.compile(r"^(?:rough|quick|some|draft|my|a\s+few)\s+(?:\w+\s+)?notes?\b", re.I)


def _is_title(raw: str, first: bool) -> bool:
    whole = raw.strip().strip("#:").strip()
    if not first or _BULLET.match(raw):
        return False
    # "Exec Update KW49 – input for Grace (pls shorten, she wants 1 page!!)": the title is the part before the dash
    head = re.split(r"\s[–—-]\s|\(", whole)[0].strip()
    return bool(_ABOUT_NOTES.match(whole)) or (len(head.split()) <= MAX_TITLE_WORDS and bool(_TITLE.search(whole)))


class _Reader:
    """Reads the notes line by line, remembering the heading over them, the workstream of the last line that was
    not indented (an indented item is its detail), and where the letter's greeting and sign-off are."""

    def __init__(self, raws: Sequence[str], *, outside: bool) -> None:
        self.raws, self.outside = raws, outside
        self.lines: list[NoteLine] = []
        self.withheld: list[Withheld] = []
        self.stream: str | None = None
        self.section_private: str | None = None  # the reason, under a heading such as "## private"
        self.nested = False  # the heading holds only the lines indented under it
        self.parent: str | None = None
        self.outer: str | None = None  # the section's workstream, over a nested heading that names none
        self.asking = False  # under "Decisions needed", "Asks", "Help needed"
        self.acting = False  # under "Actions": "Aisha: USD replan doc by …" names who, not the work
        self.first = next((k for k, raw in enumerate(raws) if raw.strip()), 0)
        self.to = ""
        self.signed = False

    def _letter(self, k: int, raw: str) -> bool:
        """Whether the line is the letter's greeting, sign-off, signature or the notes' title (not news)."""
        if k == self.first and (name := addressee(raw)) is not None:
            self.to = name
            self.first = next((j for j in range(k + 1, len(self.raws)) if self.raws[j].strip()), self.first)
            return True
        if self.signed or signs_off(raw):
            self.signed = self.signed or signs_off(raw)
            if signs_off(raw) or is_signature(raw) or not raw.strip():
                return True
            self.signed = False  # more notes after a "thanks" line
        return _is_title(chat_said(raw), k == self.first)

    def _head(self, k: int, raw: str) -> bool:
        found = _heading(raw, self.raws, k)
        if found is None:
            return False
        name, self.nested = found
        name = _OWNER.sub("", name).strip() or name  # "## Fraud model v4 (Tomás)": who owns it is not its name
        self.section_private = why_private(f"{name.rstrip(':')}:", wide=True)  # "## private" is a marker
        label = (
            name.lower().rstrip(":") in LABELS
            or _TIME_HEADING.match(name)
            or _LABEL_PHRASE.match(name)
            or _LABEL_LINE.match(name)
        )
        if self.nested and label and not self.section_private:
            # "- where we are" with items under it, under "## Multi-currency balances": still that workstream's (h9)
            self.stream = self.outer
        else:
            self.stream = None if self.section_private or label else name
            if not self.nested:
                self.outer = self.stream
        self.asking = bool(_ASKS_HEADING.match(name))
        self.acting = bool(_ACTIONS_HEADING.match(name))
        return True

    def _stream_of(self, raw: str, text: str) -> str | None:
        if self.nested and _DECIMAL.match(raw):
            return self.stream
        if raw[:1].isspace():
            # "1. fraud-scorer: fail-closed…" then "   a. …": the item belongs to the line above it
            return self.parent if self.parent is not None and _prefix_stream(text) is None else self.stream
        if self.nested:  # past the items indented under it
            self.stream, self.section_private, self.nested = self.outer, None, False
        self.parent = _prefix_stream(text) or self.stream
        return self.stream

    def feed(self, k: int, raw: str) -> None:
        if self._letter(k, raw) or self._head(k, raw):
            return
        text = unchatted(_BULLET.sub("", raw).strip())
        if not text or _DATED.match(text) or _PASTED.match(text):
            return
        stream = self._stream_of(raw, text)
        reason = self.section_private or why_private(text, wide=True)
        if reason is None and self.outside and _INTERNAL.match(text):
            reason = INTERNAL_REASON
        if reason:
            self.withheld.append(Withheld(text=text, reason=reason))
        elif text.startswith("|") or (text.count(" | ") >= _PIPES and (text := f"| {text} |")):
            following = self.raws[k + 1] if k + 1 < len(self.raws) else ""
            if is_rule(following):
                return  # the row over the rule is the table's header, whatever its words ("| thing | who |")
            if (row := table_row(text)) is not None:  # a table's header and rule are not news
                self.lines.append(NoteLine(text=text, stream=row[0] or stream, colour=row[1] or colour_of(text)))
        elif self.asking:
            self.lines.append(NoteLine(text=text, stream=None, colour=colour_of(text), asked=True))
        elif self.acting:
            self.lines.append(NoteLine(text=text, stream=None, colour=colour_of(text), acted=True))
        else:
            self.lines += _lines_of(text, stream)


# A reply-all pasted as notes: the quote marks are not the lead's, the headers are not news.
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_EMAIL_HEADER = re.compile(r"^\s*(?:From|To|Cc|Bcc|Sent|Date|Subject)\s*:\s", re.I)


def _unquoted(raw: str) -> str:
    line = _QUOTE.sub("", raw)
    return "" if _EMAIL_HEADER.match(line) else line


def read_notes(notes: str, merged: Sequence[str] = (), *, outside: bool = False) -> Notes:
    """The notes as lines, private ones withheld (and, ``outside`` the team, lines marked internal); merged work from
    git is appended as lines of its own."""
    reader = _Reader([_unquoted(raw) for raw in notes.splitlines()], outside=outside)
    for k, raw in enumerate(reader.raws):
        reader.feed(k, raw)
    lines = reader.lines + [NoteLine(text=f"Merged: {m}", stream=None, colour=None) for m in merged]
    return Notes(lines=lines, withheld=reader.withheld, addressee=reader.to)


def _lines_of(text: str, stream: str | None) -> list[NoteLine]:
    """The line, or a paragraph's sentences, each under the workstream its lead-in names ("Statements. The CSV …")."""
    prose = None if _BULLET.match(text) else paragraph(text, LABELS)
    if prose is None:
        # Under a workstream's heading, "Costs: …" or "Northwind prod cert: …" is part of it, not a workstream.
        return [NoteLine(text=text, stream=stream or _prefix_stream(text), colour=colour_of(text))]
    lead_in, sentences = prose
    if lead_in:
        sentences = [f"{lead_in}: {s}" for s in sentences]
    # the line's own "Name: …" prefix names the workstream of all its sentences, not just the first
    named = lead_in or stream or _prefix_stream(text)
    return [NoteLine(text=s, stream=named, colour=colour_of(s)) for s in sentences]


def next_update(notes: Notes) -> str | None:
    """The next update's date as the notes give it ("next update 2026-12-18"), else None."""
    for line in notes.lines:
        if said := NEXT_UPDATE.search(line.text):
            # the date after the words, not another item's on the same line ("next: retest 01-26, next update …")
            after = ABSOLUTE_DATE_RE.search(line.text, said.end())
            if after and after.start() - said.end() <= NEXT_DATE_WITHIN:
                return after.group(0)
            dates = list(ABSOLUTE_DATE_RE.finditer(line.text))
            if len(dates) == 1:
                return dates[0].group(0)
    return None

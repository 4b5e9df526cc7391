"""From the model's fields to what the update says, in code, then checked the way its reader will meet it.

Code decides what the 1.5B model got wrong when it decided (measured: colours it made up, owners assigned at random,
asks it dropped, a TL;DR calling an amber workstream "on track", a TL;DR of fragments, a piece of one workstream's
line made a workstream of its own, an impact taken from a neighbouring workstream's line): each workstream's colour
comes from its own lines (the colour the lead wrote, else the words of its lines, else green), one workstream per
piece of work the notes name, every red or amber workstream gets a risk block whose impact and mitigation come from
its own lines, owners and people asked must be named in the notes, the notes' own asks are kept, and the TL;DR is
written in code from all that (``tldr.py``). The rendered update is then checked: the status rules, the facts check
on the model's own words, and the private-line check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.base import Finding, Severity
from assistant.checks.status_dates import ABSOLUTE_DATE_RE
from assistant.checks.text import WORD_RE
from assistant.skills.invented import clean_sentences, holds, invented_words, left_out
from assistant.skills.loop import quoted, ranked
from assistant.skills.private import Withheld, private_lines
from assistant.skills.status.asks import asks_of
from assistant.skills.status.dates import absolute_dates
from assistant.skills.status.models import (
    RAG_RANK,
    AskDraft,
    Audience,
    Rag,
    Risk,
    StatusBody,
    StatusDraft,
    Stream,
    StreamDraft,
)
from assistant.skills.status.notes import (
    NoteLine,
    cue_colour,
    impact_in,
    mitigation_in,
)
from assistant.skills.status.strays import strays
from assistant.skills.status.table import row_note
from assistant.skills.status.tldr import compose
from assistant.skills.status.words import (
    lines_of,
    name_case,
    owners,
    same_stream,
    shortened,
    tokens,
    topic,
    without_colour,
    without_prefix,
)

# What the model can fix by writing again; the rest is code's to guarantee or the lead's to fill in.
REVISE_RULES = frozenset(
    {"facts.invented", "tone.jargon", "status.relative_date", "status.length", "tone.exaggeration"}
)
FOLDED_WORDS = 3


class Known(BaseModel):
    """What the notes hold, read in code before the draft (kept in the run's state, so a pydantic model)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lines: list[NoteLine]  # the lines the model saw, dates made absolute
    names: list[str] = Field(default_factory=list)  # workstream names of the past update
    today: dt.date
    audience: Audience
    withheld: list[Withheld] = Field(default_factory=list)
    addressee: str = ""  # "Lena" of notes that open "Hi Lena,"

    @property
    def text(self) -> str:
        return "\n".join([*(f"- {line.text}" for line in self.lines), *self.names])

    def holds(self, value: str, lines: Sequence[NoteLine] | None = None) -> bool:
        """Every word of ``value`` is in the notes (or in ``lines``): an owner, a person asked, a date."""
        text = "\n".join(line.text for line in (self.lines if lines is None else lines))
        words = {w.lower() for w in WORD_RE.findall(text)}
        wanted = [w.lower() for w in WORD_RE.findall(value)]
        return bool(wanted) and all(w in words for w in wanted)


def colour(name: str, lines: Sequence[NoteLine]) -> tuple[Rag, str]:
    """The colour the lead wrote (the worst, if several), else the one its words imply, else green; and why."""
    written = [line.colour for line in lines if line.colour]
    if written:
        rag = max(written, key=RAG_RANK.__getitem__)
        return rag, f"you wrote {rag}"
    # the lead's own heading may say it too: "1. Incident INC-2027-003, SEV1" over the lines about it
    headed = [name] if any(line.stream == name for line in lines) else []
    cues = [c for text in [*(line.text for line in lines), *headed] if (c := cue_colour(text))]
    if cues:
        rag, word = max(cues, key=lambda c: RAG_RANK[c[0]])
        return rag, f"'{word}' in your notes"
    return "green", "nothing in your notes puts it at risk" if lines else "no line of your notes is about it"


def cause(rag: Rag, lines: Sequence[NoteLine]) -> str:
    """The words of the line the colour comes from (the lead's colour, else the words that imply it), without the
    colour and the workstream's name in front: why it is red or amber, in the lead's words."""
    line = next((x for x in lines if x.colour == rag), None) or next(
        (x for x in lines if (c := cue_colour(x.text)) and c[0] == rag), None
    )
    if line is None or rag == "green":
        return ""
    if line.text.lstrip().startswith("|"):
        return row_note(line.text)  # a table row: its note cells, not its name, owner and status
    text = without_colour(line.text)
    prefix = re.match(r"^([^:]{1,40}):\s*", text)
    return text[prefix.end() :] if prefix and line.stream and same_stream(prefix.group(1), line.stream) else text


def house_name(name: str, names: Sequence[str]) -> str:
    """The past update's name for the workstream ("Instant Payouts" for "payouts"), so updates use one name for a
    project; the lead's own name unless a past name holds every word of it (half was enough before, and one shared
    word made "fraud scorer" the "New fraud model" on the embedded model with the Home page's example, and "DBT
    Upgrade" the "Database upgrade for the ledger" in the eval)."""
    words = tokens(name)
    best = max(names, key=lambda n: len(words & tokens(n)), default=None)
    if best is None or not words or not words <= tokens(best):
        return name.strip()
    return re.sub(r"^WS\d+\s+", "", best)  # "WS2 Instant Payouts": the number is the table's, not the name


def _lead_streams(draft: StatusDraft, known: Known) -> list[StreamDraft]:
    """The workstreams the lead's own headings and "name:" prefixes give, when there are at least two: those are the
    update's workstreams, with the model's note where it wrote one, else the first line's words; the model's other
    workstreams stay only when lines outside the lead's workstreams are about them (``_one_each`` then folds a
    piece of a lead's line, such as "Northwind cert" on the "instant payouts:" line, into its workstream)."""
    named = list(dict.fromkeys(line.stream for line in known.lines if line.stream))
    if len(named) < 2:
        return list(draft.streams)
    out = []
    for name in named:
        drafted = next((s for s in draft.streams if same_stream(s.name, name)), None)
        first = _said_text(next(line.text for line in known.lines if line.stream == name))
        note = drafted.note if drafted and drafted.note.strip() else without_prefix(first)
        out.append(StreamDraft(name=drafted.name if drafted else name_case(name), note=shortened(note)))
    loose = [line for line in known.lines if not line.stream]
    out += [s for s in draft.streams if not any(same_stream(s.name, n) for n in named) and _about(s.name, loose)]
    return out


def _said_text(text: str) -> str:
    """A table row's note cells ("old cluster switched off today"), not its pipes, name, owner and status."""
    return row_note(text) if text.lstrip().startswith("|") else text


def _about(name: str, lines: Sequence[NoteLine]) -> bool:
    return any(tokens(name) & tokens(line.text) for line in lines)


def _has(words: set[str], text: str) -> bool:
    """Every word is in the text, or starts a word of it or is started by one ("notification" for "notif")."""
    theirs = topic(text)
    return all(w in theirs or any(len(min(w, t, key=len)) >= 4 and (w.startswith(t) or t.startswith(w))
                                  for t in theirs) for w in words)  # fmt: skip


def _holding(name: str, lines: Sequence[NoteLine]) -> list[NoteLine]:
    """The lines that hold every word of the name."""
    words = topic(name)
    return [line for line in lines if _has(words, line.text)] if words else []


def _folded(kept: StreamDraft, dropped: StreamDraft) -> StreamDraft:
    """``kept`` with the note of a workstream folded into it ("GA 8 Dec; Northwind cert not before 9 Dec")."""
    extra = dropped.note.strip() if len(dropped.note.split()) >= FOLDED_WORDS else ""  # "chasing" says nothing alone
    if extra and not _has(topic(dropped.name), extra):
        extra = f"{dropped.name} {extra}"
    note = "; ".join(n for n in (kept.note.strip(), extra) if n)
    return kept.model_copy(update={"note": note}) if extra and len(note) <= 160 else kept


def _one_each(streams: Sequence[StreamDraft], known: Known) -> list[StreamDraft]:
    """One workstream per piece of work the notes name. Dropped: a name no line of the notes holds (a title the
    model made a workstream, a "Cost" it made up); a name found only on lines the lead put under another
    workstream ("northwind cert" on the "instant payouts:" line), folded into that one; a name inside another's
    ("Refunds" and "Partial refunds"), folded into the first, or the one the lead named."""
    text = "\n".join([*(line.text for line in known.lines), *(line.stream or "" for line in known.lines)])
    out = [s for s in streams if not topic(s.name) or _has(topic(s.name), text)]
    lead = {line.stream for line in known.lines if line.stream}
    for stream in list(out):
        holding = _holding(stream.name, known.lines)
        theirs = {line.stream or "" for line in holding}
        if stream.name in lead or len(theirs) != 1 or "" in theirs or same_stream(next(iter(theirs)), stream.name):
            continue  # the lead's own, held by no line, by a loose line or by its own lines: not a piece of another
        theirs_name = next(iter(theirs))
        home = next((s for s in out if s is not stream and same_stream(s.name, theirs_name)), None)
        if home is not None:
            out[out.index(home)] = _folded(home, stream)
            out.remove(stream)
    k = 0
    while k < len(out):
        a = out[k]
        twin = next((b for b in out[k + 1 :] if topic(a.name) and topic(b.name) and
                     (topic(a.name) <= topic(b.name) or topic(b.name) <= topic(a.name))), None)  # fmt: skip
        if twin is None:
            k += 1
            continue
        keep, drop = (twin, a) if twin.name.lower() in {n.lower() for n in lead} else (a, twin)
        out[out.index(keep)] = _folded(keep, drop)
        out.remove(drop)
    return out


def _lead_name(name: str, known: Known) -> str:
    """The lead's own name for the workstream when it holds the model's ("payouts reliability" for "Payouts"): the
    model's shorter name then takes a past update's name ("Instant Payouts") the lead did not mean."""
    words = tokens(name)
    longer = {line.stream for line in known.lines if line.stream and words and words < tokens(line.stream)}
    if len(longer) != 1 or any(line.stream and tokens(line.stream) == words for line in known.lines):
        return name
    found = longer.pop()
    return found[:1].upper() + found[1:]  # "Payouts reliability": a workstream, not a person's name


class Shown(NamedTuple):
    """The workstreams shown; for each shown name, the name its lines are matched on (the lead's or the model's,
    before a past update renamed it) and the lead's words for why it is red or amber."""

    streams: list[Stream]
    matched: dict[str, str]
    causes: dict[str, str]


def _streams(draft: StatusDraft, known: Known) -> Shown:
    drafted = _one_each(_lead_streams(draft, known), known)
    drafted += strays([s.name for s in drafted], known.lines)
    names = [s.name for s in drafted]
    shown = Shown([], {}, {})
    for stream in drafted:
        name = house_name(_lead_name(stream.name, known), known.names)
        if any(s.name.lower() == name.lower() for s in shown.streams):
            continue
        lines = lines_of(stream.name, names, known.lines)
        rag, why = colour(stream.name, lines)
        shown.streams.append(Stream(name=name, rag=rag, note=without_colour(stream.note), why=why))
        shown.matched[name] = stream.name
        shown.causes[name] = cause(rag, lines)
    return shown


_ASK_LIKE = re.compile(r"^(?:we\s+)?(?:need|needs|needed|please|pls)\b|\b(?:needed|pls|please)\b", re.I)


def _own_part(part: str, mine: str, names: Sequence[str], lines: Sequence[NoteLine], *, said: bool = False) -> bool:
    """An impact or mitigation comes from the workstream's own lines: the line that holds most of its words belongs
    to it (or to no workstream); when no line holds half of them, it stands only if it need not be ``said`` in the
    notes (an impact is what would happen, so the model may infer it) or half its words are in the notes. Measured:
    "the event is delayed" (the payout webhook line) on the signing-key block, the mitigation "wait for bank to
    resolve" that no line says."""
    words = topic(part)
    if not words:
        return True
    held = [len(words & topic(line.text)) for line in lines]
    best = max(held, default=0)
    if best and best * 2 >= len(words):
        sources = [line for line, h in zip(lines, held, strict=True) if h == best]
        return any(mine in (found := owners(line, names)) or not found for line in sources)
    everywhere = set().union(*(topic(line.text) for line in lines)) if lines else set()
    return not said or len(words & everywhere) * 2 >= len(words)


def _doing(mitigation: str, asks: Sequence[AskDraft]) -> bool:
    """A mitigation says what is being done, not the ask again: "need leadership to unblock legal", "need a new
    provider", "lena agrees to ship CSV first" when the ask is "ship CSV first"."""
    if _ASK_LIKE.search(mitigation):
        return False
    words = topic(mitigation)
    asked = set().union(*(topic(a.what) for a in asks)) if asks else set()
    return not (words and len(words & asked) * 2 >= len(words))


def _risks(draft: StatusDraft, streams: Sequence[Stream], asks: Sequence[AskDraft], known: Known,
           matched: dict[str, str] | None = None) -> list[Risk]:  # fmt: skip
    """A risk block for every red or amber workstream: the model's impact and mitigation when they come from the
    workstream's own lines (a mitigation only when it is something being done), else the lines' own words, else a
    gap the lead is asked to fill."""
    matched = matched or {}
    names = [matched.get(s.name, s.name) for s in streams]
    risks = []
    for stream in streams:
        if stream.rag == "green":
            continue  # a risk the model wrote on a workstream the notes do not put at risk is not shown
        mine = matched.get(stream.name, stream.name)
        lines = lines_of(mine, names, known.lines)
        drafted = next((r for r in draft.risks if same_stream(r.stream, mine) or same_stream(r.stream, stream.name)),
                       None)  # fmt: skip
        impact = without_colour(drafted.impact) if drafted else ""
        mitigation = without_colour(drafted.mitigation) if drafted else ""
        if mitigation and tokens(mitigation) == tokens(impact):
            mitigation = ""  # the model wrote the same words twice
        if impact and tokens(impact) <= tokens(stream.note):
            impact = ""  # the issue again, not what it does
        impact = impact if _own_part(impact, mine, names, known.lines) else ""
        keep = _own_part(mitigation, mine, names, known.lines, said=True) and _doing(mitigation, asks)
        mitigation = mitigation if keep else ""
        owner = drafted.owner.strip() if drafted and known.holds(drafted.owner, lines) else ""
        # What the model left out but the lines say, in the lines' words ("aisha chasing their partnerships lead").
        texts = [_said_text(line.text) for line in lines]
        found = mitigation_in(texts)
        if found and not mitigation and _doing(found[0], asks):
            mitigation = without_colour(found[0])
        owner = owner or (found[1] if found else "")
        impact = impact or without_colour(impact_in(texts) or "")
        about = tokens(stream.name) | tokens(mine) | set().union(*(tokens(t) for t in texts))
        ask = next((a.what for a in asks if tokens(a.what) & about), "")
        issue = stream.note or (without_colour(lines[0].text) if lines else stream.name)
        risks.append(Risk(stream=stream.name, rag=stream.rag, issue=issue, impact=impact, mitigation=mitigation,
                          owner=name_case(owner), ask=ask))  # fmt: skip
    # An ask no block claimed is the help a block needs: the first red block without one, else the first amber.
    claimed = {r.ask for r in risks}
    spare = [a.what for a in asks if a.what not in claimed]
    for colour in ("red", "amber"):
        for k, risk in enumerate(risks):
            if risk.rag == colour and not risk.ask and spare:
                risks[k] = risk.model_copy(update={"ask": spare.pop(0)})
    return sorted(risks, key=lambda r: -RAG_RANK[r.rag])


def _absolute(draft: StatusDraft, today: dt.date) -> StatusDraft:
    """Relative dates the model wrote itself ("by Friday") made absolute, as they are in the notes."""
    data = draft.model_dump()

    def fix(value: object) -> object:
        if isinstance(value, str):
            return absolute_dates(value, today).text
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k in ("name", "stream", "owner", "who") else fix(v) for k, v in value.items()}
        return value

    return type(draft).model_validate({k: fix(v) for k, v in data.items()})


# "DP-2291", "#1902", "ledger.entries.v2", "reason_codes": what another team searches for.
_REFERENCE = re.compile(r"\b[A-Za-z]{2,}-\d{2,}\b|#\d{2,}\b|\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b|\b[a-z]+_[a-z_]+\b")


def _left_out(content: StatusBody, known: Known) -> list[str]:
    """Lines of the notes the update would leave out, in the notes' words: for the team, any line most of whose
    words the update does not show (the team wants the detail); for readers outside it, a line whose date the update
    does not show (they act on dates), and for another team one whose ticket id or topic name it does not show."""
    shown = shown_text(content).lower()
    words = tokens(shown) | {w.lower() for w in WORD_RE.findall(shown)}
    out = []
    for line in known.lines:
        if line.text.startswith("Merged: "):
            continue  # the team's update lists merged work in its own section
        if known.audience == "team":
            mine = {w.lower() for w in WORD_RE.findall(line.text) if len(w) > 2}
            missing = len(mine - words) * 2 > len(mine)
        else:
            dates = [m.group(0).lower() for m in ABSOLUTE_DATE_RE.finditer(line.text)]
            missing = bool(dates) and not any(d in shown for d in dates)
            if known.audience == "other_team":  # another team also acts on ticket ids, topics and field names
                refs = [m.group(0).lower() for m in _REFERENCE.finditer(line.text)]
                missing = missing or any(r not in shown for r in refs)
        if missing:
            out.append(without_colour(line.text))
    return out


def without_inventions(content: StatusBody, found: Sequence[Finding]) -> tuple[StatusBody, list[str]]:
    """The body without the sentences and items that still hold a number, date or name the notes do not (after the
    model's revisions): shown nowhere, listed for the lead instead."""
    invented = invented_words(found)
    if not invented:
        return content, []

    def clean(text: str) -> bool:
        return not holds(text, invented)

    fixed = content.model_copy(
        update={
            "streams": [s if clean(s.note) else s.model_copy(update={"note": ""}) for s in content.streams],
            "risks": [r.model_copy(update={k: v if clean(v) else "" for k, v in r.model_dump().items()
                                           if k in ("impact", "mitigation")}) for r in content.risks],
            "asks": [a for a in content.asks if clean(a.what)],
            "done": [d for d in content.done if clean(d)],
            "next": [n for n in content.next if clean(n)],
        }
    )  # fmt: skip
    # Written again from what is left when code wrote it; the model's own TL;DR (no workstreams) loses its sentences.
    tldr = compose(fixed.streams, fixed.asks, risks=fixed.risks) if fixed.streams else ""
    tldr = tldr or clean_sentences(content.tldr, invented)
    return fixed.model_copy(update={"tldr": tldr or compose([], fixed.asks) or "See the details below."}), [
        left_out(invented)
    ]


_NOTHING = re.compile(r"^\W*(?:none|n/?a|no\s+action(?:\s+needed)?|nothing|tbd|-+)\W*$", re.I)


def _said(text: str) -> str:
    """ "" for a field that says nothing ("no action needed", "n/a"): a gap the lead sees, not filler."""
    return "" if _NOTHING.match(text.strip()) else text


def _without_filler(draft: StatusDraft) -> StatusDraft:
    risks = [r.model_copy(update={"impact": _said(r.impact), "mitigation": _said(r.mitigation)}) for r in draft.risks]
    return draft.model_copy(update={"risks": risks, "done": [d for d in draft.done if _said(d)],
                                    "next": [n for n in draft.next if _said(n)]})  # fmt: skip


def _asked(done: str, asks: Sequence[AskDraft]) -> bool:
    """A "done" item that is an ask of the notes ("retention bumped" when the notes ask someone to bump it)."""
    words = topic(done)
    return bool(words) and any(words <= topic(a.what) for a in asks)


def body(draft: StatusDraft, known: Known) -> StatusBody:
    draft = _without_filler(_absolute(draft, known.today))
    streams, matched, causes = _streams(draft, known)
    asks = asks_of(draft, known)
    exec_audience = known.audience == "exec"
    risks = _risks(draft, streams, asks, known, matched)
    content = StatusBody(
        tldr=compose(streams, asks, draft.tldr, risks, causes),
        streams=streams,
        risks=risks,
        asks=asks,
        done=[d for d in draft.done if not _asked(d, asks)][: 2 if exec_audience else None],
        next=[] if exec_audience else draft.next,
    )
    return content if exec_audience else content.model_copy(update={"also": _left_out(content, known)})


def overall(content: StatusBody) -> Rag:
    """The worst colour of any workstream; amber when there are risks but no workstream, green otherwise."""
    if content.streams:
        return max((s.rag for s in content.streams), key=RAG_RANK.__getitem__)
    return "amber" if content.risks else "green"


def shown_text(content: StatusBody) -> str:
    """The words of the update that come from the model or the notes, one item a line: what the facts check reads
    (code's headings, colours and gap markers are not facts; an owner code dropped is not shown, so not checked)."""
    parts = [content.tldr, *(f"{s.name}: {s.note}" for s in content.streams)]
    for r in content.risks:
        parts += [r.issue, r.impact, r.mitigation, r.owner, r.ask]
    parts += [f"{a.what} {a.who} {a.by}" for a in content.asks]
    return "\n".join(p for p in [*parts, *content.done, *content.next, *content.also] if p.strip())


def findings(markdown: str, content: StatusBody, sources: Sequence[str], known: Known) -> list[Finding]:
    from assistant.checks import run_checks, unsupported_facts

    found = [f for f in run_checks(markdown, "status", audience=known.audience) if f.severity is not Severity.INFO]
    # Product knows "SEPA" and "GA"; and a term the lead's notes use ("KYC") is not one the model can explain: a
    # revision for either cost 15 s and fixed nothing. They stay listed for the lead, as advice.
    notes = known.text.lower()
    found = [
        f.model_copy(update={"severity": Severity.INFO})
        if f.rule == "tone.jargon" and (known.audience != "exec" or (f.span and f.span.text.lower() in notes))
        else f
        for f in found
    ]
    found += unsupported_facts(shown_text(content), sources)
    return found + private_lines(markdown, known.withheld, rule="status.private")


def worth_revising(finding: Finding) -> bool:
    return finding.rule in REVISE_RULES and finding.severity is not Severity.INFO


def badness(found: Sequence[Finding]) -> tuple[int, int, int]:
    return ranked(found, worth_revising)


def revise_lines(found: Sequence[Finding]) -> list[str]:
    lines = []
    for f in filter(worth_revising, found):
        words = quoted(f, "It")
        if f.rule == "facts.invented":
            lines.append(f"{words} is not in the notes: leave it out.")
        elif f.rule == "tone.jargon":
            lines.append(f"{words} is jargon for this reader: say what it means for them in plain words.")
        elif f.rule == "status.length":
            lines.append("The update is too long for this reader: shorter notes, fewer done items.")
        else:
            lines.append(f"{f.message} {f.fix}")
    return list(dict.fromkeys(lines))

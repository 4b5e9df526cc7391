"""The update's workstreams, decided in code from the model's list and the lead's lines: one per piece of work the
notes name (the lead's headings and prefixes first, a past update's name where it is the same work), each with the
colour its own lines give and the lead's words for why."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from assistant.skills.status.clauses import clauses
from assistant.skills.status.colours import cue_colour
from assistant.skills.status.known import Known
from assistant.skills.status.models import (
    RAG_RANK,
    Rag,
    StatusDraft,
    Stream,
    StreamDraft,
)
from assistant.skills.status.notes import NoteLine
from assistant.skills.status.people import is_person, people, subject
from assistant.skills.status.strays import strays
from assistant.skills.status.table import row_note
from assistant.skills.status.words import (
    lines_of,
    name_case,
    same_stream,
    shortened,
    tokens,
    topic,
    without_colour,
    without_prefix,
)

FOLDED_WORDS = 3


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
        first = said_text(next(line.text for line in known.lines if line.stream == name))
        note = drafted.note if drafted and drafted.note.strip() else without_prefix(first)
        out.append(StreamDraft(name=drafted.name if drafted else name_case(name), note=shortened(note)))
    loose = [line for line in known.lines if not line.stream]
    out += [s for s in draft.streams if not any(same_stream(s.name, n) for n in named) and _about(s.name, loose)]
    return out


def said_text(text: str) -> str:
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


def _no_people(streams: Sequence[StreamDraft], known: Known) -> list[StreamDraft]:
    """No workstream named after a person: renamed for what its note is about ("Ben" -> "Fraud-scorer /v1/score
    endpoint"), else dropped (its lines go to the details)."""
    names = people(line.text for line in known.lines)
    out = []
    for stream in streams:
        if not is_person(stream.name, names):
            out.append(stream)
        elif what := subject(stream.note, names):
            out.append(stream.model_copy(update={"name": what}))
    return out


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


THIN_WORDS = 4
SHORT_WORDS = 6
_DIGIT = re.compile(r"\d")


def _whole(clause: str) -> str:
    """A clause without a bracket it opens and never closes, or an "and" it ends on: "GA live since 01-12 [update:
    4,020 sellers enabled" is "GA live since 01-12"."""
    for opening, closing in (("[", "]"), ("(", ")")):
        at = clause.rfind(opening)
        if at >= 0 and closing not in clause[at:]:
            clause = clause[:at]
    return re.sub(r"(?:[\s,;:-]+(?:and|but|or|so|then))+\W*$", "", clause.strip(" ,;:-"), flags=re.I).strip(" ,;:-")


def _lead_words(note: str, lines: Sequence[NoteLine], rag: Rag) -> str:
    """The model's note, or the lead's own line when the note is too thin to tell a reader anything: "down" for
    "pages are down to 4 per on-call week", "closed" for "Hannah closed the last migration on 2027-09-14", and on a
    green row (which has no risk block to say more) "payouts live after compliance re-review" without the date and
    the 212 sellers of its line (h8). The line is the one that holds the note's words; an empty note stays empty."""
    size = len(note.split())
    words = tokens(without_colour(note))
    if not words and lines and lines[0].text.lstrip().startswith("|"):
        return row_note(lines[0].text)  # a table row the model wrote nothing for: its note cells (h9-08)
    if not lines or not words or not 0 < size <= SHORT_WORDS:
        return note
    # the clause that says it, not the whole line: "connection pooler is done" of "Uh, and the ledger, um,
    # connection pooler is done, pages are down to three or four a week" (h7-05, a voice memo)
    said_clauses = [c for line in lines for c in clauses(without_prefix(said_text(line.text)))]
    best = max(said_clauses, key=lambda c: len(words & tokens(c)), default="")  # the first of the best
    said = shortened(_whole(best))
    thin = size < THIN_WORDS or (rag == "green" and not _DIGIT.search(note) and bool(_DIGIT.search(said)))
    return said if thin and words <= tokens(said) and len(said.split()) > size else note


class Shown(NamedTuple):
    """The workstreams shown; for each shown name, the name its lines are matched on (the lead's or the model's,
    before a past update renamed it) and the lead's words for why it is red or amber."""

    streams: list[Stream]
    matched: dict[str, str]
    causes: dict[str, str]


def streams_of(draft: StatusDraft, known: Known) -> Shown:
    """The workstreams shown, from the model's draft and the lead's lines."""
    drafted = _one_each(_no_people(_lead_streams(draft, known), known), known)
    drafted += strays([s.name for s in drafted], known.lines)
    names = [s.name for s in drafted]
    shown = Shown([], {}, {})
    for stream in drafted:
        name = house_name(_lead_name(stream.name, known), known.names)
        if any(s.name.lower() == name.lower() for s in shown.streams):
            continue
        lines = lines_of(stream.name, names, known.lines)
        rag, why = colour(stream.name, lines)
        if rag != "green" and cause(rag, lines) in (c for c in shown.causes.values() if c):
            continue  # "Screening", red for the same line as "Instant Payouts" (h8-02): one piece of work, said once
        note = without_colour(_lead_words(stream.note, lines, rag))
        if note and any(s.note == note for s in shown.streams):
            continue  # "Hannah's Migration" with the same line as "Schema Registry": one piece of work, once
        shown.streams.append(Stream(name=name, rag=rag, note=note, why=why))
        shown.matched[name] = stream.name
        shown.causes[name] = cause(rag, lines)
    return shown

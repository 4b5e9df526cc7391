"""From the model's fields to what the update says, in code, then checked the way its reader will meet it.

Code decides what the 1.5B model got wrong when it decided (measured: colours it made up, owners assigned at random,
asks it dropped, a TL;DR calling an amber workstream "on track"): each workstream's colour comes from the notes (the
colour the lead wrote, else the words of its lines, else green), every red or amber workstream gets a risk block,
owners and people asked must be named in the notes, the notes' own asks are kept, and the TL;DR never contradicts
the colours. The rendered update is then checked: the status rules, the facts check on the model's own words, and
the private-line check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.base import Finding, Severity
from assistant.checks.status_dates import ABSOLUTE_DATE_RE
from assistant.checks.text import WORD_RE
from assistant.skills.invented import clean_sentences, holds, invented_words, left_out
from assistant.skills.loop import quoted, ranked
from assistant.skills.private import Withheld, private_lines
from assistant.skills.status.dates import absolute_dates
from assistant.skills.status.models import (
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
    NOT_RAG_BEFORE,
    NoteLine,
    ask_of,
    asks_something,
    cue_colour,
    impact_in,
    mitigation_in,
)

# What the model can fix by writing again; the rest is code's to guarantee or the lead's to fill in.
REVISE_RULES = frozenset(
    {"facts.invented", "tone.jargon", "status.relative_date", "status.length", "tone.exaggeration"}
)
_RANK = {"green": 0, "amber": 1, "red": 2}
_STOP = frozenset({"the", "and", "for", "with", "from", "our", "new", "work", "team", "status", "need", "needs"})
_CALENDAR = frozenset(
    "jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun".split()  # noqa: SIM905 -- words
)
_ON_TRACK = re.compile(r"\b(?:on\s+track|green|fine|going\s+well|no\s+(?:risks?|issues?|concerns?))\b", re.I)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+")


class Known(BaseModel):
    """What the notes hold, read in code before the draft (kept in the run's state, so a pydantic model)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lines: list[NoteLine]  # the lines the model saw, dates made absolute
    names: list[str] = Field(default_factory=list)  # workstream names of the past update
    today: dt.date
    audience: Audience
    withheld: list[Withheld] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([*(f"- {line.text}" for line in self.lines), *self.names])

    def holds(self, value: str, lines: Sequence[NoteLine] | None = None) -> bool:
        """Every word of ``value`` is in the notes (or in ``lines``): an owner, a person asked, a date."""
        text = "\n".join(line.text for line in (self.lines if lines is None else lines))
        words = {w.lower() for w in WORD_RE.findall(text)}
        wanted = [w.lower() for w in WORD_RE.findall(value)]
        return bool(wanted) and all(w in words for w in wanted)


def _tokens(text: str) -> set[str]:
    """The words that say what a line is about: no numbers, dates, months or weekdays ("1 dec" is not a topic)."""
    words = (w.lower().removesuffix("'s") for w in WORD_RE.findall(text))
    return {w for w in words if len(w) > 2 and w.isalpha() and w not in _STOP and w[:3] not in _CALENDAR}


def same_stream(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return bool(a and b) and (a == b or a in b or b in a or bool(_tokens(a) & _tokens(b)))


def lines_about(name: str, lines: Sequence[NoteLine]) -> list[NoteLine]:
    """The lines a workstream's colour and owner come from: under its name, or sharing a word with it."""
    return [
        line for line in lines if (line.stream and same_stream(line.stream, name)) or _tokens(name) & _tokens(line.text)
    ]


def colour(name: str, lines: Sequence[NoteLine]) -> tuple[Rag, str]:
    """The colour the lead wrote (the worst, if several), else the one its words imply, else green; and why."""
    written = [line.colour for line in lines if line.colour]
    if written:
        rag = max(written, key=_RANK.__getitem__)
        return rag, f"you wrote {rag}"
    cues = [c for line in lines if (c := cue_colour(line.text))]
    if cues:
        rag, word = max(cues, key=lambda c: _RANK[c[0]])
        return rag, f"'{word}' in your notes"
    return "green", "nothing in your notes puts it at risk" if lines else "no line of your notes is about it"


def house_name(name: str, names: Sequence[str]) -> str:
    """The past update's name for the workstream ("Instant Payouts" for "payouts"), so updates use one name for a
    project; the lead's own name unless a past name holds every word of it (half was enough before, and one shared
    word made "fraud scorer" the "New fraud model" on the embedded model with the Home page's example, and "DBT
    Upgrade" the "Database upgrade for the ledger" in the eval)."""
    words = _tokens(name)
    best = max(names, key=lambda n: len(words & _tokens(n)), default=None)
    if best is None or not words or not words <= _tokens(best):
        return name.strip()
    return re.sub(r"^WS\d+\s+", "", best)  # "WS2 Instant Payouts": the number is the table's, not the name


def _lead_streams(draft: StatusDraft, known: Known) -> list[StreamDraft]:
    """The workstreams the lead's own headings and "name:" prefixes give, when there are at least two: those are the
    update's workstreams, with the model's note where it wrote one, else the first line's words; the model's other
    workstreams stay only when lines outside the lead's workstreams are about them."""
    named = list(dict.fromkeys(line.stream for line in known.lines if line.stream))
    if len(named) < 2:
        return list(draft.streams)
    out = []
    for name in named:
        drafted = next((s for s in draft.streams if same_stream(s.name, name)), None)
        first = next(line.text for line in known.lines if line.stream == name)
        note = drafted.note if drafted and drafted.note.strip() else re.sub(r"^[^:]{1,40}:\s*", "", first)
        out.append(StreamDraft(name=drafted.name if drafted else name_case(name), note=note[:160]))
    loose = [line for line in known.lines if not line.stream]
    out += [s for s in draft.streams if not any(same_stream(s.name, n) for n in named) and lines_about(s.name, loose)]
    return out


def _streams(draft: StatusDraft, known: Known) -> list[Stream]:
    out: list[Stream] = []
    for stream in _lead_streams(draft, known):
        name = house_name(stream.name, known.names)
        if any(s.name.lower() == name.lower() for s in out):
            continue
        lines = lines_about(stream.name, known.lines)
        rag, why = colour(stream.name, lines)
        out.append(Stream(name=name, rag=rag, note=without_colour(stream.note), why=why))
    return out


def _from_notes(ask: AskDraft, known: Known) -> NoteLine | None:
    """The line of the notes an ask of the model restates: one that asks for something and shares half its words."""
    wanted = _tokens(ask.what)
    for line in known.lines:
        if asks_something(line.text) and len(wanted & _tokens(line.text)) * 2 >= max(1, len(wanted)):
            return line
    return None


def _verified(ask: AskDraft, known: Known) -> AskDraft:
    return ask.model_copy(
        update={"who": ask.who if known.holds(ask.who) else "", "by": ask.by if known.holds(ask.by) else ""}
    )


def _asks(draft: StatusDraft, known: Known) -> list[AskDraft]:
    """The model's asks (a person or date the notes do not hold dropped), then any ask of the notes it left out."""
    asks = []
    for drafted in draft.asks:
        line = _from_notes(drafted, known)
        if line is None:
            continue  # an ask the notes never make is not put to anyone
        ask = _verified(drafted, known)
        if ask.who and not known.holds(ask.who, [line]):
            ask = ask.model_copy(update={"who": ""})  # a person the notes name, but not in this ask
        if not ask.who and (found := ask_of(line.text)):
            ask = ask.model_copy(update={"who": found[0]})
        asks.append(ask)
    asks = [a.model_copy(update={"who": name_case(a.who), "what": without_colour(a.what)}) for a in asks]
    for line in known.lines:
        found = ask_of(line.text)
        if found is None:
            continue
        words = _tokens(line.text)
        if any(len(words & _tokens(a.what)) * 2 >= max(1, min(len(words), len(_tokens(a.what)))) for a in asks):
            continue  # the model kept this one
        date = ABSOLUTE_DATE_RE.search(line.text)
        what = without_colour(line.text)[:200] or line.text[:200]
        asks.append(AskDraft(what=what, who=name_case(found[0][:60]), by=date.group(0) if date else ""))
    return asks[:6]


def _risks(draft: StatusDraft, streams: Sequence[Stream], asks: Sequence[AskDraft], known: Known) -> list[Risk]:
    risks = []
    for stream in streams:
        if stream.rag == "green":
            continue  # a risk the model wrote on a workstream the notes do not put at risk is not shown
        lines = lines_about(stream.name, known.lines)
        drafted = next((r for r in draft.risks if same_stream(r.stream, stream.name)), None)
        impact = without_colour(drafted.impact) if drafted else ""
        mitigation = without_colour(drafted.mitigation) if drafted else ""
        if mitigation and _tokens(mitigation) == _tokens(impact):
            mitigation = ""  # the model wrote the same words twice
        if impact and _tokens(impact) <= _tokens(stream.note):
            impact = ""  # the issue again, not what it does
        owner = drafted.owner.strip() if drafted and known.holds(drafted.owner, lines) else ""
        # What the model left out but the lines say, in the lines' words ("aisha chasing their partnerships lead").
        texts = [line.text for line in lines]
        found = mitigation_in(texts)
        if found and not mitigation:
            mitigation = without_colour(found[0])
        owner = owner or (found[1] if found else "")
        impact = impact or without_colour(impact_in(texts) or "")
        about = _tokens(stream.name) | set().union(*(_tokens(t) for t in texts))
        ask = next((a.what for a in asks if _tokens(a.what) & about), "")
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
    return sorted(risks, key=lambda r: -_RANK[r.rag])


def name_case(name: str) -> str:
    """ "aisha" as "Aisha": notes are typed in lower case, an update names people properly (not an invention)."""
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in name.split())


# The colour word with what only glues it to the sentence: "GA 8 Dec is RED" -> "GA 8 Dec", "moved, amber" -> "moved".
_COLOUR_WORD = re.compile(
    r"(?:,\s*|\s*\b(?:but|and|now|still|is|are|was|went|turned|at)\s+)*(?:\b(?:red|amber|green|yellow|RAG)\b"
    r"(?!\s+(?:light|flag))|\s*[🔴🟠🟡🟢])",
    re.I,
)


def without_colour(text: str) -> str:
    """A note without the colour word the lead typed in it ("cutover moved to 1 Dec, amber"): the colour has its
    own column, and a colour word inside a list item reads to the status checks as a workstream of its own. "Tests
    red 3 days running" keeps its "red": that is a build, not a colour."""

    def drop(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 20) : m.start()] + m.group(0)[: len(m.group(0)) - len(m.group(0).lstrip())]
        return m.group(0) if NOT_RAG_BEFORE.search(before) else ""

    cleaned = re.sub(r"\s+([.,;:])", r"\1", _COLOUR_WORD.sub(drop, text))  # "payouts: . cert late" -> "payouts:."
    cleaned = re.sub(r"([:;,])[.,;:]+", r"\1", cleaned)
    return re.sub(r"\s{2,}", " ", cleaned).strip(" ,;:-.")


_AT_RISK = re.compile(r"\b(?:at\s+risk|red|amber|late|blocked|slipp\w*|delayed|behind|down)\b", re.I)
MAX_TLDR_SENTENCES = 4


def _contradicts(sentence: str, streams: Sequence[Stream]) -> bool:
    """The sentence calls a red or amber workstream on track, or a green one at risk."""
    for s in streams:
        if same_stream(s.name, sentence):
            wrong = _ON_TRACK if s.rag != "green" else _AT_RISK
            if wrong.search(sentence):
                return True
    return False


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _tldr(text: str, streams: Sequence[Stream], asks: Sequence[AskDraft]) -> str:
    """The model's TL;DR without a sentence that contradicts the colours; every red or amber workstream it leaves out
    added in the notes' words, then the first ask if it names none; red first, at most four sentences."""
    sentences = [x.strip().rstrip(";,") for x in _SENTENCES.split(" ".join(text.split()))]
    kept = [
        _capital(x if x.endswith((".", "!", "?")) else x + ".") for x in sentences if x and not _contradicts(x, streams)
    ]
    kept = list(dict.fromkeys(kept))  # the model repeats itself
    for s in sorted(streams, key=lambda s: -_RANK[s.rag]):
        if s.rag != "green" and not any(same_stream(s.name, x) for x in kept):
            kept.append(f"{s.name} is {s.rag}" + (f": {s.note.rstrip('.')}." if s.note else "."))

    def weight(sentence: str) -> int:
        return -max((_RANK[s.rag] for s in streams if same_stream(s.name, sentence)), default=0)

    kept = sorted(kept, key=weight)  # stable: the model's order within a colour
    if asks and not any(_states_ask(asks[0], x) for x in kept):
        kept = [*kept[: MAX_TLDR_SENTENCES - 1], _ask_sentence(asks[0])]
    return " ".join(kept[:MAX_TLDR_SENTENCES])


def _states_ask(ask: AskDraft, sentence: str) -> bool:
    """The sentence already makes the ask: most of its words, or the person asked with the date or a decision
    ("Need Dana's decision by 2026-12-08." for "need Dana to decide by 2026-12-08 whether…")."""
    wanted = _tokens(ask.what)
    if len(wanted & _tokens(sentence)) * 2 > len(wanted):
        return True
    who = _tokens(ask.who)
    named = bool(who) and who <= _tokens(sentence)
    return named and (
        (bool(ask.by) and ask.by in sentence) or bool(re.search(r"\bdecid|\bdecision|\bapprov", sentence, re.I))
    )


def _ask_sentence(ask: AskDraft) -> str:
    """ "Ask: Dana to decide by 2026-12-08 …" from the notes' "need Dana to decide by 2026-12-08 …": one sentence, not
    the "Ask: Dana: need Dana to decide" a reader saw when the notes' words were pasted after the name."""
    what = ask.what.strip().rstrip(".").rstrip()
    if not ask.who:
        return _ended(f"Ask: {what}")
    who, name = re.escape(ask.who), name_case(ask.who)
    needed = re.match(rf"(?:we\s+)?needs?\s+{who}\s+to\s+(?P<rest>.+)$", what, re.I) or re.match(
        rf"{who}\s+to\s+(?P<rest>.+)$", what, re.I
    )
    if needed:
        return _ended(f"Ask: {name} to {needed.group('rest')}")
    if re.match(r"(?:we\s+)?needs?\b", what, re.I):  # "need grace on the call on 7 Dec": a sentence of its own
        said = re.sub(rf"\b{who}\b", name, what, flags=re.I)
        return _ended(f"Ask: {_capital(said if said.lower().startswith('we ') else 'we ' + said)}")
    return _ended(f"Ask: {name} to {what}")


def _ended(sentence: str) -> str:
    return sentence if sentence.endswith(("?", "!")) else sentence + "."


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


def _left_out(content: StatusBody, known: Known) -> list[str]:
    """Lines of the notes the update would leave out, in the notes' words: for the team, any line most of whose
    words the update does not show (the team wants the detail); for readers outside it, a line whose date the update
    does not show (they act on dates)."""
    shown = shown_text(content).lower()
    words = _tokens(shown) | {w.lower() for w in WORD_RE.findall(shown)}
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

    tldr = clean_sentences(content.tldr, invented)
    fixed = content.model_copy(
        update={
            "tldr": tldr or _tldr("", content.streams, content.asks) or "See the workstreams below.",
            "streams": [s if clean(s.note) else s.model_copy(update={"note": ""}) for s in content.streams],
            "risks": [r.model_copy(update={k: v if clean(v) else "" for k, v in r.model_dump().items()
                                           if k in ("impact", "mitigation")}) for r in content.risks],
            "asks": [a for a in content.asks if clean(a.what)],
            "done": [d for d in content.done if clean(d)],
            "next": [n for n in content.next if clean(n)],
        }
    )  # fmt: skip
    return fixed, [left_out(invented)]


_NOTHING = re.compile(r"^\W*(?:none|n/?a|no\s+action(?:\s+needed)?|nothing|tbd|-+)\W*$", re.I)


def _said(text: str) -> str:
    """ "" for a field that says nothing ("no action needed", "n/a"): a gap the lead sees, not filler."""
    return "" if _NOTHING.match(text.strip()) else text


def _without_filler(draft: StatusDraft) -> StatusDraft:
    risks = [r.model_copy(update={"impact": _said(r.impact), "mitigation": _said(r.mitigation)}) for r in draft.risks]
    return draft.model_copy(update={"risks": risks, "done": [d for d in draft.done if _said(d)],
                                    "next": [n for n in draft.next if _said(n)]})  # fmt: skip


def body(draft: StatusDraft, known: Known) -> StatusBody:
    draft = _without_filler(_absolute(draft, known.today))
    streams = _streams(draft, known)
    asks = _asks(draft, known)
    exec_audience = known.audience == "exec"
    content = StatusBody(
        tldr=_tldr(draft.tldr, streams, asks),
        streams=streams,
        risks=_risks(draft, streams, asks, known),
        asks=asks,
        done=draft.done[:2] if exec_audience else draft.done,
        next=[] if exec_audience else draft.next,
    )
    return content if exec_audience else content.model_copy(update={"also": _left_out(content, known)})


def overall(content: StatusBody) -> Rag:
    """The worst colour of any workstream; amber when there are risks but no workstream, green otherwise."""
    if content.streams:
        return max((s.rag for s in content.streams), key=_RANK.__getitem__)
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

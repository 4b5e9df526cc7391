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

from assistant.checks.base import Finding, Severity
from assistant.checks.status_dates import ABSOLUTE_DATE_RE
from assistant.checks.text import WORD_RE
from assistant.skills.invented import clean_sentences, holds, invented_words, left_out
from assistant.skills.loop import quoted, ranked
from assistant.skills.private import private_lines
from assistant.skills.status.asks import asks_of
from assistant.skills.status.clauses import impact_in, mitigation_in
from assistant.skills.status.dates import absolute_dates
from assistant.skills.status.done import done_items
from assistant.skills.status.known import Known
from assistant.skills.status.models import (
    RAG_RANK,
    AskDraft,
    Rag,
    Risk,
    StatusBody,
    StatusDraft,
    Stream,
)
from assistant.skills.status.notes import NEXT_UPDATE, NoteLine
from assistant.skills.status.people import owner_in, people
from assistant.skills.status.streams import said_text, streams_of
from assistant.skills.status.tldr import compose
from assistant.skills.status.words import (
    lines_of,
    name_case,
    owners,
    same_stream,
    tokens,
    topic,
    without_colour,
)

# What the model can fix by writing again; the rest is code's to guarantee or the lead's to fill in.
REVISE_RULES = frozenset(
    {"facts.invented", "tone.jargon", "status.relative_date", "status.length", "tone.exaggeration"}
)


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
        texts = [said_text(line.text) for line in lines]
        found = mitigation_in(texts)
        if found and not mitigation and _doing(found[0], asks):
            mitigation = without_colour(found[0])
        # a named owner of the work ("(Ravi)", "Ravi owns the recon fix") over a word the model took for one
        # ("Owner: Vendor" from "FX rate feed vendor late", h8-01)
        named_owner = owner_in(texts)
        if named_owner and owner.lower() not in people(texts):
            owner = named_owner
        owner = owner or (found[1] if found else "")
        impact = impact or without_colour(impact_in(texts) or "")
        # The block's ask names its work or shares two words with its lines: one shared word is often only the
        # speaker a chat paste puts on every line ("(priya)"), and gave the pooler the Tidewater ask on h6-01.
        named = tokens(stream.name) | tokens(mine)
        about = set().union(*(tokens(t) for t in texts))
        ask = next((a.what for a in asks if tokens(a.what) & named or len(tokens(a.what) & about) >= 2), "")
        issue = stream.note or (without_colour(said_text(lines[0].text)) if lines else stream.name)
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
# "nothing for Lena to decide", "next update 2027-08-13": no step anyone takes (the update says its next date).
_NO_STEP = re.compile(r"^\W*(?:nothing|none|no\s+(?:action|ask|decision)s?)\b", re.I)


def _said(text: str) -> str:
    """ "" for a field that says nothing ("no action needed", "n/a"): a gap the lead sees, not filler."""
    return "" if _NOTHING.match(text.strip()) else text


def _without_filler(draft: StatusDraft) -> StatusDraft:
    risks = [r.model_copy(update={"impact": _said(r.impact), "mitigation": _said(r.mitigation)}) for r in draft.risks]
    return draft.model_copy(update={"risks": risks, "done": [d for d in draft.done if _said(d)],
                                    "next": [n for n in draft.next if _said(n) and not _NO_STEP.match(n)
                                             and not NEXT_UPDATE.search(n)]})  # fmt: skip


def _asked(done: str, asks: Sequence[AskDraft]) -> bool:
    """A "done" item that is an ask of the notes ("retention bumped" when the notes ask someone to bump it)."""
    words = topic(done)
    return bool(words) and any(words <= topic(a.what) for a in asks)


def body(draft: StatusDraft, known: Known) -> StatusBody:
    draft = _without_filler(_absolute(draft, known.today))
    streams, matched, causes = streams_of(draft, known)
    asks = asks_of(draft, known)
    exec_audience = known.audience == "exec"
    risks = _risks(draft, streams, asks, known, matched)
    content = StatusBody(
        tldr=compose(streams, asks, draft.tldr, risks, causes),
        streams=streams,
        risks=risks,
        asks=asks,
        done=[d for d in done_items(draft.done, known.lines, known.today) if not _asked(d, asks)][
            : 2 if exec_audience else None
        ],
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

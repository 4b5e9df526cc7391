"""The update for its audience, from the model's fields and what code decided: markdown (the house format of the
team's past updates), plain text for chat tools, and an email. The markdown is what the status checks read.

Per audience (the team's status template): executives get the TL;DR, the colours, the red and amber items and the
asks, with at most two wins; product adds what was done and what is next; the team adds the merged work; a partner
team gets what affects them and what is asked of them, without the internal detail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.checks.text import as_sentence
from assistant.skills.status.asks import asked_for
from assistant.skills.status.models import AUDIENCE_NAMES, AskDraft, Audience, Rag, Risk, StatusBody

GAP = "to confirm (not in the notes)"
_SECTION_DONE = {"exec": "Wins", "product": "Done", "team": "Done", "other_team": "Done"}


@dataclass(frozen=True)
class Frame:
    """What code decided about the update; the model's fields fill it in."""

    audience: Audience
    date: str
    title: str
    overall: Rag
    next_update: str | None
    period: str | None = None
    merged: Sequence[str] = field(default_factory=tuple)


def _clean(text: str) -> str:
    return " ".join(text.split()).strip()


def _cell(text: str) -> str:
    return _clean(text).replace("|", "/")


def _or_gap(text: str) -> str:
    return as_sentence(text) if _clean(text) else f"_{GAP}_"


def _ask_line(ask: AskDraft) -> str:
    who = _clean(ask.who) or "Who: to confirm"
    by = f", by {_clean(ask.by)}" if _clean(ask.by) else " (date to confirm)"
    if _clean(ask.by) and _clean(ask.by).lower() in ask.what.lower():
        by = ""  # "sign off the plan by 2026-12-07" says it already
    return f"- **{who}**: {asked_for(_clean(ask.what)).rstrip('.')}{by}."


def _risk_block(risk: Risk) -> list[str]:
    ask = asked_for(_clean(risk.ask)) or "None, for information."
    return [
        f"## {risk.rag.title()}: {_clean(risk.stream)}",
        "",
        f"- **Issue**: {as_sentence(risk.issue)}",
        f"- **Impact**: {_or_gap(risk.impact)}",
        f"- **Mitigation**: {_or_gap(risk.mitigation)}",
        f"- **Owner**: {_or_gap(risk.owner)}",
        f"- **Ask**: {as_sentence(ask)}",
        "",
    ]


def markdown(frame: Frame, draft: StatusBody) -> str:
    audience = AUDIENCE_NAMES[frame.audience]
    head = f"Audience: {audience}." + (f" Period: {_clean(frame.period)}." if frame.period else "")
    out = [f"# {frame.title}: {frame.date} ({audience})", "", head, "", "## TL;DR", "", _clean(draft.tldr), "",
           f"Overall: **{frame.overall.title()}**.", ""]  # fmt: skip
    if draft.streams:
        out += ["## Workstream status", "", "| Workstream | RAG | Note |", "|---|---|---|"]
        out += [f"| {_cell(s.name)} | {s.rag.title()} | {_cell(s.note)} |" for s in draft.streams]
        out.append("")
    for risk in draft.risks:
        out += _risk_block(risk)
    if draft.asks:
        out += ["## Asks", "", *(_ask_line(a) for a in draft.asks), ""]
    done = draft.done[:2] if frame.audience == "exec" else draft.done
    if done:
        out += [f"## {_SECTION_DONE[frame.audience]}", "", *(f"- {as_sentence(d)}" for d in done), ""]
    if frame.merged and frame.audience == "team":
        out += ["## Merged work", "", *(f"- {_clean(m)}" for m in frame.merged), ""]
    if draft.next and frame.audience != "exec":
        out += ["## Next steps", "", *(f"- {as_sentence(n)}" for n in draft.next), ""]
    if draft.also:
        titles = {"team": "Details", "other_team": "Dates and references"}
        title = titles.get(frame.audience, "Dates to note")
        out += [f"## {title}", "", *(f"- {as_sentence(d)}" for d in draft.also), ""]
    when = frame.next_update or "date to confirm (not in the notes)"
    out += ["## Next update", "", f"Next update: {when}.", ""]
    return "\n".join(out)


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<!\w)_(.+?)_(?!\w)")


def plain(markdown_text: str) -> str:
    """For chat tools that show markdown badly: headings as plain lines, tables as bullets, no emphasis marks."""
    out: list[str] = []
    header: list[str] = []
    for line in markdown_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            if not header:
                header = cells
                continue
            name, *rest = cells
            detail = ". ".join(c for c in rest if c)
            out.append(f"• {name}: {detail}" if detail else f"• {name}")
            continue
        header = []
        shown = line
        if stripped.startswith("#"):
            shown = stripped.lstrip("#").strip()
        elif stripped.startswith("- "):
            shown = "• " + stripped[2:]
        out.append(_ITALIC.sub(r"\1", _BOLD.sub(r"\1", shown)))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def email(frame: Frame, markdown_text: str) -> str:
    subject = f"Subject: {frame.title}: {frame.date} ({frame.overall.title()})"
    body = plain(markdown_text).split("\n", 1)[1].lstrip("\n")  # the title is the subject line
    return f"{subject}\n\nHello,\n\n{body}\nThanks.\n"

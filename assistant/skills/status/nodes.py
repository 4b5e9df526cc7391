"""The status-update nodes: gather (private lines out, dates made absolute, the colours the lead wrote, the house
format from past updates, the next update's date, all in code) -> the draft loop (the model's fields, repaired and
checked, revised at most twice) -> finish (the update rendered for its audience in three formats, with the gaps the
lead still has to fill and what was withheld)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from assistant.checks.status import DEFAULT_BUDGET, WORD_BUDGETS
from assistant.checks.status_dates import word_count
from assistant.errors import InputError
from assistant.graph.context import CoachContext
from assistant.prompts import RenderedPrompt, load_prompt
from assistant.skills.base import Pause, Question
from assistant.skills.grounding import neutralise
from assistant.skills.loop import describe
from assistant.skills.status import render, review
from assistant.skills.status.colours import cue_colour
from assistant.skills.status.dates import absolute_dates, month_first
from assistant.skills.status.fit import fit_budget
from assistant.skills.status.house import house_format
from assistant.skills.status.known import Known
from assistant.skills.status.models import (
    AUDIENCE_NAMES,
    ExecDraft,
    StatusBody,
    StatusDraft,
    StatusInput,
    StatusResult,
)
from assistant.skills.status.notes import NoteLine, next_update, read_notes
from assistant.skills.status.state import StatusState

if TYPE_CHECKING:
    from assistant.config import Settings

DRAFT_PROMPT = "status/draft"
REVISE_PROMPT = "status/revise"
DRAFT_MAX_TOKENS = 700
MAX_MODEL_LINES = 60  # notes beyond this are not sent (a long git history); the lead is told
MAX_KNOWN_STREAMS = 8


def day_of(request: StatusInput, today: Callable[[], dt.date]) -> dt.date:
    """The update's date: the request's, else ``today()``."""
    given = request.date
    if not given:
        return today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError as exc:
        raise InputError(f"the date {given!r} is not a date", hint="give it as YYYY-MM-DD") from exc


def gather(state: StatusState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    request = state["request"]
    runtime.stream_writer({"type": "step", "node": "gather", "label": "Reading your notes"})
    return gathered(request, day_of(request, runtime.context.today), runtime.context.settings)


def gathered(request: StatusInput, today: dt.date, settings: Settings) -> dict[str, Any]:
    """Everything code reads from the notes and the past updates before any model is asked; outside a graph too
    (`coach prompt status` hands the same reading to another tool)."""
    notes = read_notes(request.notes, request.merged, outside=request.audience in ("exec", "other_team", "product"))
    lead_notes = [f"Left out (private): {w.text[:80]} ({w.reason})" for w in notes.withheld]
    if not notes.lines:
        raise InputError("every line of the notes is private or empty", hint="add the work to report on")
    lines = []
    order = month_first(request.notes)
    for line in notes.lines[:MAX_MODEL_LINES]:
        resolved = absolute_dates(line.text, today, order)
        lines.append(line.model_copy(update={"text": resolved.text}))
        lead_notes += resolved.changes
    if len(notes.lines) > MAX_MODEL_LINES:
        lead_notes.append(f"Only the first {MAX_MODEL_LINES} of {len(notes.lines)} lines were read.")
    policy = settings.status
    house = house_format(settings.knowledge_dir, request.audience)
    when = next_update(notes)
    if when is None and policy.cadence_days:
        when = (today + dt.timedelta(days=policy.cadence_days)).isoformat()
        lead_notes.append(f"Next update {when}: the notes give no date, so it is {policy.cadence_days} days on "
                          "([status] cadence_days).")  # fmt: skip
    known = Known(lines=lines, names=house.streams[:MAX_KNOWN_STREAMS], today=today, audience=request.audience,
                  withheld=notes.withheld, addressee=notes.addressee)  # fmt: skip
    return {
        "date": today.isoformat(),
        "known": known,
        "title": f"{policy.title or house.title or 'Team'} Status",
        "sources": [house.source] if house.source else [],
        "next_update": when,
        "lead_notes": lead_notes,
    }


def marked(line: NoteLine) -> str:
    """The line as the model sees it: "[AT RISK]" in front when its words put it at risk and the lead wrote no colour,
    so the TL;DR and the risks follow the colours code will show."""
    if line.colour is None and cue_colour(line.text):
        return f"[AT RISK] {line.text}"
    return line.text


def state_prompt(state: StatusState) -> RenderedPrompt:
    request, known = state["request"], state["known"]
    prompt = load_prompt(DRAFT_PROMPT)
    notes = "\n".join(f"- {marked(line)}" for line in known.lines)
    return prompt.render(audience=AUDIENCE_NAMES[request.audience], guidance=prompt.parts[request.audience],
                         notes=neutralise(notes))  # fmt: skip


def schema_for(state: StatusState) -> type[StatusDraft]:
    return ExecDraft if state["request"].audience == "exec" else StatusDraft


def _frame(state: StatusState, content: StatusBody, next_update: str | None) -> render.Frame:
    request = state["request"]
    return render.Frame(audience=request.audience, date=state["date"], title=state["title"],
                        overall=review.overall(content), next_update=next_update, period=request.period,
                        merged=request.merged)  # fmt: skip


def sources(notes: str, known_text: str) -> list[str]:
    """Where the update's facts may come from; "payout-api" in the notes also stands for "Payout API"."""
    return [notes, known_text, re.sub(r"(?<=\w)[-_/](?=\w)", " ", notes)]


def _sources(state: StatusState) -> list[str]:
    return sources(state["request"].notes, state["known"].text)


def check(draft: StatusDraft, state: StatusState) -> tuple[StatusDraft, list[Any]]:
    content = review.body(draft, state["known"])
    markdown = render.markdown(_frame(state, content, state.get("next_update")), content)
    return draft, review.findings(markdown, content, _sources(state), state["known"])


_RISK_QUESTIONS = {
    "impact": ("what happens if nothing changes (the impact)?", "readers weigh a risk by its impact"),
    "mitigation": ("what is being done about it?", "an update says what the team is already doing"),
    "owner": ("who owns it (one person)?", "every red or amber item names one owner"),
}


def questions(content: StatusBody, next_update: str | None) -> list[Question]:
    """What the notes do not say, as questions: asked when the lead wants to be asked, else listed as gaps. Never
    filled by a guess."""
    out = []
    for k, risk in enumerate(content.risks):
        for part, (text, why) in _RISK_QUESTIONS.items():
            if not getattr(risk, part).strip():
                out.append(Question(id=f"{part}:{k}", text=f"{risk.stream} ({risk.rag}): {text}", why=why))
    for k, ask in enumerate(content.asks):
        what = ask.what[:60].rstrip(". ")
        if not ask.who.strip():
            out.append(Question(id=f"who:{k}", text=f"Ask '{what}': who is asked?", why="an ask names who can act"))
        if not ask.by.strip():
            out.append(Question(id=f"by:{k}", text=f"Ask '{what}': by when (a date)?", why="an ask needs a date"))
    if next_update is None:
        out.append(Question(id="next_update", text="When is the next update (a date)?", why="so nobody has to chase"))
    return out


def answered(content: StatusBody, answers: dict[str, str]) -> StatusBody:
    """The body with the lead's answers in the gaps they fill."""
    risks = [r.model_copy(update={p: answers[f"{p}:{k}"] for p in _RISK_QUESTIONS if answers.get(f"{p}:{k}")})
             for k, r in enumerate(content.risks)]  # fmt: skip
    asks = [a.model_copy(update={p: answers[f"{p}:{k}"] for p in ("who", "by") if answers.get(f"{p}:{k}")})
            for k, a in enumerate(content.asks)]  # fmt: skip
    return content.model_copy(update={"risks": risks, "asks": asks})


def _draft(state: StatusState) -> StatusDraft:
    draft = state.get("best") or state.get("draft")
    if draft is None:  # the loop always leaves a draft; this keeps the type honest
        raise InputError("no draft was written", hint="try again")
    return draft


def result(state: StatusState, answers: dict[str, str]) -> StatusResult:
    """The update as it stands with ``answers`` filled in; what is still missing listed as gaps."""
    request, known, draft = state["request"], state["known"], _draft(state)
    content = answered(review.body(draft, known), answers)
    when = answers.get("next_update") or state.get("next_update")
    frame = _frame(state, content, when)
    budget = WORD_BUDGETS.get(request.audience, DEFAULT_BUDGET)
    content, cut = fit_budget(content, frame, budget)
    markdown = render.markdown(frame, content)
    found = state.get("best_findings")
    sources = [*_sources(state), *answers.values()]
    # The loop's findings are on the draft as it was checked: answers and a cut to the budget change what is shown.
    if answers or cut or found is None or state.get("best") is None:
        found = review.findings(markdown, content, sources, known)
    content, dropped = review.without_inventions(content, found)
    if dropped:  # what the revisions did not fix is not shown
        frame = dataclasses.replace(frame, overall=review.overall(content))
        markdown = render.markdown(frame, content)
        found = review.findings(markdown, content, sources, known)
    why = [f"{s.name}: {s.rag}, {s.why}" for s in content.streams]
    return StatusResult(
        audience=request.audience, date=state["date"], title=frame.title, overall=frame.overall, body=content,
        next_update=when, markdown=markdown, text=render.plain(markdown), email=render.email(frame, markdown),
        words=word_count(markdown), budget=budget,
        withheld=known.withheld, gaps=[q.text for q in questions(content, when)],
        answers=answers, sources=state.get("sources", []), house_streams=known.names,
        findings=describe(found), notes=[*state.get("lead_notes", []), *dropped, *cut, *why],
        revisions=state.get("revisions", 0),
    )  # fmt: skip


def ask(state: StatusState) -> dict[str, Any]:
    """Pause with the gap questions when the lead asked to be asked; resumed, the answers fill the gaps."""
    if not state["request"].ask:
        return {}
    pending = result(state, {})
    found = questions(pending.body, pending.next_update)
    if not found:
        return {}
    reply = interrupt(Pause(questions=found, partial=pending.model_dump(mode="json")).model_dump(mode="json"))
    given = reply if isinstance(reply, dict) else {}
    return {"answers": {str(k): " ".join(str(v).split()) for k, v in given.items() if str(v).strip()}}


def finish(state: StatusState) -> dict[str, Any]:
    return {"result": result(state, state.get("answers", {}))}

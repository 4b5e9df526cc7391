"""The ADR drafting nodes: gather (the log, the next number, the template, whether the notes decide anything, the
related records, all in code) -> the draft loop (the model's fields, checked by the ADR lint and the facts check,
revised at most twice) -> finish (the record rendered in the log's template, with what is still flagged)."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from assistant.adr_policy import AdrPolicy, Template
from assistant.errors import InputError
from assistant.graph.context import CoachContext
from assistant.prompts import RenderedPrompt, load_prompt
from assistant.skills.adr import review
from assistant.skills.adr.decided import records_a_decision
from assistant.skills.adr.log import LOG_DIRS, Log, file_name, open_log
from assistant.skills.adr.models import AdrDraft, AdrInput, AdrResult
from assistant.skills.adr.related import related
from assistant.skills.adr.render import Frame, render
from assistant.skills.adr.state import AdrState
from assistant.skills.grounding import neutralise
from assistant.skills.loop import describe

DRAFT_PROMPT = "adr/draft"
REVISE_PROMPT = "adr/revise"
DRAFT_MAX_TOKENS = 420


def _log(request: AdrInput, policy: AdrPolicy) -> tuple[Log | None, list[str]]:
    if request.log_dir:
        return open_log(policy, Path(request.log_dir)), []  # a folder named that is not one is an error
    try:
        return open_log(policy), []
    except InputError:
        return None, [f"No ADR log found (looked for {', '.join(LOG_DIRS)}): this is record 1 of a new log."]


def _template(request: AdrInput, policy: AdrPolicy, log: Log | None) -> Template:
    """The lead's choice, else the team's setting, else the template most of the log uses (Nygard for an empty log;
    a Y-statement log gets Nygard records, which carry the same clauses as sections)."""
    chosen = request.template
    if chosen is not None:
        return chosen
    setting = policy.template
    if setting != "auto":
        return "nygard" if setting == "ystatement" else setting
    counts = Counter(r.template for r in (log.records if log else []))
    common = counts.most_common(1)[0][0] if counts else "nygard"
    return "madr" if common == "madr" else "nygard"


def gather(state: AdrState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    runtime.stream_writer({"type": "step", "node": "gather", "label": "Reading the ADR log"})
    return gathered(state["request"], runtime.context.settings.adr)


def gathered(request: AdrInput, policy: AdrPolicy) -> dict[str, Any]:
    """What code decides before any model is asked: the log, the number, the template, the status, the related
    records; outside a graph too (`coach prompt adr` hands the same reading to another tool)."""
    log, notes = _log(request, policy)
    decided = records_a_decision(request.notes)
    status = request.status or ("accepted" if decided else "proposed")
    if status == "accepted" and not decided:
        status = "proposed"
        notes.append("The notes record no decision, so the record is Proposed, with the options and open questions.")
    found = related(request.title, request.notes, log.records if log else [])
    return {
        "log_dir": str(log.dir if log else Path(LOG_DIRS[0])),
        "template": _template(request, policy, log),
        "number": log.next_number() if log else 1,
        "date": request.date or datetime.date.today().isoformat(),
        "status": status,
        "decided": decided,
        "related": found,
        "notes": notes,
    }


def state_prompt(state: AdrState) -> RenderedPrompt:
    request = state["request"]
    notes = neutralise(" ".join(request.notes.split()))
    return load_prompt(DRAFT_PROMPT).render(
        title=neutralise(request.title), notes=notes, decided="yes" if state["decided"] else "no"
    )


def _markdown(state: AdrState, draft: AdrDraft) -> str:
    frame = Frame(template=state["template"], number=state["number"], title=state["request"].title,
                  date=state["date"], status=state["status"], decided=state["decided"],
                  related=state.get("related", []))  # fmt: skip
    return render(frame, draft)


def _file(state: AdrState) -> str:
    return file_name(state["number"], state["request"].title)


def _sources(state: AdrState) -> list[str]:
    request = state["request"]
    return [request.notes, request.title, *(r.title for r in state.get("related", []))]


def check(draft: AdrDraft, state: AdrState) -> tuple[AdrDraft, list[Any]]:
    fixed = review.repaired(draft, state["decided"])
    found = review.findings(_markdown(state, fixed), _file(state), state["template"], fixed, _sources(state))
    return fixed, found


def finish(state: AdrState) -> dict[str, Any]:
    best = state.get("best") or state.get("draft")
    if best is None:  # the loop always leaves a draft; this keeps the type honest
        raise InputError("no draft was written", hint="try again")
    markdown = _markdown(state, best)
    # The loop checked the best draft already (``best_findings``); only a draft it never checked is checked here.
    found = state.get("best_findings")
    if found is None or state.get("best") is None:
        found = review.findings(markdown, _file(state), state["template"], best, _sources(state))
    best, dropped = review.without_inventions(best, found)
    if dropped:  # what is left is checked again: a removed sentence may leave a section the lint flags
        markdown = _markdown(state, best)
        found = review.findings(markdown, _file(state), state["template"], best, _sources(state))
    related_records = state.get("related", [])
    result = AdrResult(
        number=state["number"], file_name=_file(state), log_dir=state["log_dir"], template=state["template"],
        status=state["status"], date=state["date"], decided=state["decided"], markdown=markdown,
        related=related_records, conflicts=[r for r in related_records if r.conflict],
        findings=describe(found), notes=[*state.get("notes", []), *dropped], revisions=state.get("revisions", 0),
    )  # fmt: skip
    return {"result": result}

"""Status updates as an eval subject. A case is a ``StatusInput``; what the evaluators read:

- ``text``: the update's markdown, checked with the status rules for the case's audience;
- ``inputs``: the notes (as written and with their dates made absolute), the past update's workstream names and
  everything code writes (title, date, headings, the next update's date): the only places facts may come from;
- ``properties``, computed by code from what a reader sees:
  ``structure_ok`` (no status.tldr/rag/risk_detail/next_update finding), ``within_budget`` and ``words``,
  ``leaked`` (a word of a private line, found in no other line of the notes, appears in the update), ``withheld``
  (lines removed), ``overall``, ``has_ask`` (a real ask is made: an Asks item, or a risk's ask other than "None"),
  ``invented_owner`` (an owner or a person asked whom the notes never name), ``next_steps`` (the update has a
  next-steps section), ``gaps`` (questions left for the lead);
  what a reader notices that the status rules do not (``assistant/skills/status/reading.py``, the problems found
  reported as the property's evidence): ``tldr_reads`` (the TL;DR reads as sentences, not a list),
  ``workstreams_named`` (every workstream is one the notes name, once), ``risk_parts_own`` (each risk's impact and
  mitigation come from its own workstream's lines, and a mitigation is something being done).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from assistant.checks.text import WORD_RE
from assistant.evals.adapters import Observation, SkillAdapter, SkillRun
from assistant.knowledge.lexical import stem
from assistant.skills.status.models import StatusInput, StatusResult
from assistant.skills.status.nodes import sources
from assistant.skills.status.words import bare

if TYPE_CHECKING:
    from assistant.service import CoachService

STRUCTURE_RULES = frozenset({"status.tldr", "status.rag", "status.risk_detail", "status.next_update"})
# Words too common to show that a private line was repeated.
_COMMON = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "the and for with from that this have has had will was were are been but not our out any all can its into "
        "about also just they them their there then than what when who why how she her his him he you your week "
        "next last team work done need needs check "
        # the marker that made a line private is not what it says: "note to self", "(private)", "not for the update"
        "note self private confidential share sharing internal only update "
        # the update's own headings and labels: "## Asks" is no word of "… if anyone asks where he is" (h9-09)
        "asks wins details steps impact mitigation owner issue overall audience workstream status dates references"
    ).split()
)


def run(service: CoachService, case: StatusInput, thread_id: str) -> SkillRun[StatusResult]:
    result = service.complete("status", case, None, thread_id=thread_id).output_as(StatusResult)
    return SkillRun(output=result, metrics={"revisions": float(result.revisions), "words": float(result.words)})


def _words(text: str) -> set[str]:
    # "samir's sign-off" in a kept line names Samir as surely as "Samir" does: possessives count as the name.
    words = (bare(w) for w in WORD_RE.findall(text))
    return {w for w in words if len(w) > 3 and w not in _COMMON}


def leaked(case: StatusInput, output: StatusResult) -> list[str]:
    """Words of a withheld line that no kept line has and the update (any format) says."""
    withheld = {w.text for w in output.withheld}
    kept = "\n".join(line for line in case.notes.splitlines() if not any(t in line for t in withheld))
    # the title is the past update's ("Payments Platform Status"), not a word the private line gave
    # ... nor is the next update's date, which code sets from the cadence (h7-10's matched a withheld line's by chance)
    shown = _words(output.markdown + "\n" + output.email) - _words(output.title) - _words(output.next_update or "")
    private = set().union(*(_words(t) for t in withheld)) if withheld else set()
    # a word whose stem a kept line has is the kept line's: "patch parser" from "Hannah patched the parser", not
    # from "a rough patch" (h9-03)
    kept_stems = {stem(w) for w in _words(kept)}
    return sorted(w for w in (private - _words(kept)) & shown if stem(w) not in kept_stems)


def structure_ok(output: StatusResult) -> bool:
    from assistant.checks import run_checks

    found = run_checks(output.markdown, "status", audience=output.audience)
    return not any(f.rule in STRUCTURE_RULES for f in found)


def has_ask(output: StatusResult) -> bool:
    risk_asks = [r.ask for r in output.body.risks if r.ask.strip() and not r.ask.lower().startswith("none")]
    return bool(output.body.asks or risk_asks)


def invented_owner(case: StatusInput, output: StatusResult) -> bool:
    names = [r.owner for r in output.body.risks] + [a.who for a in output.body.asks]
    notes = {bare(w) for w in WORD_RE.findall(case.notes)}
    return any(bare(w) not in notes for name in names for w in WORD_RE.findall(name))


def resolved_notes(case: StatusInput, output: StatusResult) -> str:
    from assistant.skills.status.dates import absolute_dates, month_first

    return absolute_dates(case.notes, dt.date.fromisoformat(output.date), month_first(case.notes)).text


def skeleton(output: StatusResult) -> str:
    """What code writes around the model's fields: the update rendered around an empty body with one gap-only risk
    and ask (the labels, "None, for information", the gap markers)."""
    from assistant.skills.status.models import AskDraft, Risk, StatusBody
    from assistant.skills.status.render import Frame, markdown

    frame = Frame(audience=output.audience, date=output.date, title=output.title, overall=output.overall,
                  next_update=output.next_update)  # fmt: skip
    empty = StatusBody(tldr="-", risks=[Risk(stream="-", rag="red", issue="-")], asks=[AskDraft(what="-")],
                       also=["-"])  # fmt: skip
    return markdown(frame, empty)


def reading(case: StatusInput, output: StatusResult) -> dict[str, list[str]]:
    """The problems a reader notices, per property (none: the property holds)."""
    from assistant.skills.status import reading as read

    return {
        "tldr_reads": read.tldr_problems(output.body),
        "workstreams_named": read.stream_problems(case, output),
        "risk_parts_own": read.risk_part_problems(case, output),
    }


def observe(case: StatusInput, output: StatusResult) -> Observation:
    read = reading(case, output)
    return Observation(
        text=output.markdown,
        inputs=[
            *sources(case.notes, resolved_notes(case, output)),
            *case.merged,
            *output.house_streams,
            skeleton(output),
        ],
        audience=output.audience,
        properties={
            "structure_ok": structure_ok(output),
            "within_budget": output.words <= output.budget,
            "words": output.words,
            "leaked": bool(leaked(case, output)),
            "withheld": len(output.withheld),
            "overall": output.overall,
            "has_ask": has_ask(output),
            "invented_owner": invented_owner(case, output),
            "next_steps": bool(re.search(r"^## Next steps", output.markdown, re.M)),
            "gaps": len(output.gaps),
            "revisions": output.revisions,
            **{name: not found for name, found in read.items()},
        },
        evidence={name: " | ".join(found) for name, found in read.items() if found},
    )


ADAPTER: SkillAdapter[StatusInput, StatusResult] = SkillAdapter(
    name="status",
    input_model=StatusInput,
    output_model=StatusResult,
    run=run,
    observe=observe,
    properties=frozenset(
        {"structure_ok", "within_budget", "words", "leaked", "withheld", "overall", "has_ask", "invented_owner"}
        | {"next_steps", "gaps", "revisions", "tldr_reads", "workstreams_named", "risk_parts_own"}
    ),
    numeric_properties=frozenset({"words", "withheld", "gaps", "revisions"}),
)

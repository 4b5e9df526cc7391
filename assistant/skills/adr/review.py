"""Check a draft the way the log will: render it, run the ADR lint on the record (warnings and errors), and the
facts check on the model's own words (a number, date or name the notes do not hold is invented)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.adr_policy import AdrPolicy, Template
from assistant.checks.base import Finding, Severity
from assistant.skills.adr.models import AdrDraft
from assistant.skills.invented import clean_sentences, holds, invented_words, left_out
from assistant.skills.loop import quoted, ranked

# What the model can fix by writing again; the rest is reported to the lead with the draft.
# A context whose every sentence named something the notes do not hold: the gap is shown, not filled.
CONTEXT_GAP = "To confirm: the context, in the lead's words (the draft's named facts the notes do not hold)."
REVISE_RULES = frozenset({"facts.invented", "adr.options", "adr.context", "adr.decision"})


def model_text(draft: AdrDraft) -> str:
    """Only the model's words: the number, date and citations code adds are not the model's to invent."""
    options = [f"{o.name}. {o.good}. {o.bad}." for o in draft.options]
    return "\n".join([draft.context, *options, draft.decision, *draft.good, *draft.bad, *draft.open_questions])


def repaired(draft: AdrDraft, decided: bool) -> AdrDraft:
    """Notes that decide nothing get no decision, whatever the model wrote (a Proposed record, never a made-up one)."""
    if decided:
        return draft
    return draft.model_copy(update={"decision": "", "good": [], "bad": []})


def findings(
    markdown: str, file_name: str, template: Template, draft: AdrDraft, sources: Sequence[str]
) -> list[Finding]:
    from assistant.checks import unsupported_facts

    return lint(markdown, file_name, template) + unsupported_facts(model_text(draft), sources)


def lint(markdown: str, file_name: str, template: Template) -> list[Finding]:
    """What `coach adr lint` would warn about or reject in the record, read in its template (advice left out)."""
    from assistant.checks import run_checks

    found = run_checks(markdown, "adr", path=file_name, adr=AdrPolicy(template=template))
    return [f for f in found if f.severity is not Severity.INFO]


def worth_revising(finding: Finding) -> bool:
    return finding.rule in REVISE_RULES and finding.severity is not Severity.INFO


def badness(found: Sequence[Finding]) -> tuple[int, int, int]:
    return ranked(found, worth_revising)


def revise_lines(found: Sequence[Finding]) -> list[str]:
    lines = []
    for f in filter(worth_revising, found):
        if f.rule == "facts.invented":
            lines.append(f"{quoted(f)} is not in the notes: leave it out.")
        elif f.rule == "adr.options":
            lines.append("List every option the notes name, at least two, each with its good and bad point.")
        else:
            lines.append(f"{f.message} {f.fix}")
    return lines


def without_inventions(draft: AdrDraft, found: Sequence[Finding]) -> tuple[AdrDraft, list[str]]:
    """The draft without the sentences, options and items that still hold a number, date or name the notes do not
    (after the model's revisions): a record goes into the team's log, so an invented owner or figure is left out and
    listed for the lead rather than written down."""
    invented = invented_words(found)
    if not invented:
        return draft, []

    def kept(items: Sequence[str]) -> list[str]:
        return [x for x in items if not holds(x, invented)]

    options = [
        o.model_copy(update={"good": clean_sentences(o.good, invented), "bad": clean_sentences(o.bad, invented)})
        for o in draft.options
        if not holds(o.name, invented)
    ]
    fixed = draft.model_copy(
        update={
            "context": clean_sentences(draft.context, invented) or CONTEXT_GAP,
            "options": options,
            "decision": clean_sentences(draft.decision, invented),
            "good": kept(draft.good),
            "bad": kept(draft.bad),
            "open_questions": kept(draft.open_questions),
        }
    )
    return fixed, [left_out(invented)]

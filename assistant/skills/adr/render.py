"""The record's markdown in the log's template, from the model's fields and what code decided (number, date,
status, whether anything was decided, the related records). The same text `coach adr lint` checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.adr_policy import Template
from assistant.checks.text import as_sentence
from assistant.skills.adr.models import AdrDraft, OptionDraft, Related

UNDECIDED = "Not decided yet: the options above are still open. See the open questions below."
UNDECIDED_CONSEQUENCES = "Not known until an option is chosen; each option's trade-offs are listed above."


@dataclass(frozen=True)
class Frame:
    """What code decided about the record; the model's fields fill it in."""

    template: Template
    number: int
    title: str
    date: str
    status: str
    decided: bool
    related: Sequence[Related] = field(default_factory=tuple)


def _bullets(items: Sequence[str], marker: str = "-") -> str:
    return "\n".join(f"{marker} {' '.join(item.split())}" for item in items if item.strip())


def chosen_option(draft: AdrDraft) -> OptionDraft | None:
    """The option the decision names, if any (the longest name found in the decision text)."""
    decision = draft.decision.lower()
    named = [o for o in draft.options if o.name.strip() and o.name.lower().strip() in decision]
    return max(named, key=lambda o: len(o.name), default=None)


def _distinct(options: Sequence[OptionDraft]) -> list[OptionDraft]:
    """Each option's good and bad point, without a point the model wrote twice (the same words as the option's
    other side, or as a point of an earlier option): seen, "json/http: Good, because nothing to do, latency stays;
    Bad, because nothing to do, latency stays"."""
    seen: set[str] = set()
    out = []
    for option in options:
        kept = {}
        for side in ("good", "bad"):
            text = getattr(option, side)
            key = " ".join(text.lower().split())
            kept[side] = "" if key in seen else text
            if key:
                seen.add(key)
        out.append(option.model_copy(update=kept))
    return out


def _related(related: Sequence[Related]) -> str:
    lines = [f"- [{r.number}. {r.title}]({r.file})" if r.number is not None else f"- [{r.title}]({r.file})"
             for r in related]  # fmt: skip
    return "\n".join(lines)


def nygard(frame: Frame, draft: AdrDraft) -> str:
    decided, related = frame.decided, frame.related
    parts = [f"# {frame.number}. {frame.title}", f"Date: {frame.date}", "## Status", frame.status.capitalize(),
             "## Context", as_sentence(draft.context)]  # fmt: skip
    options = _distinct([o for o in draft.options if o.name.strip()])
    if options:
        listed = [o.name + (f": {o.good}" if o.good else "") + (f"; but {o.bad}" if o.bad else "") for o in options]
        parts += ["The options considered:", _bullets(listed)]
    parts += ["## Decision", as_sentence(draft.decision) if decided and draft.decision.strip() else UNDECIDED]
    parts.append("## Consequences")
    good = [f"Positive: {g}" for g in draft.good if g.strip()]
    bad = [f"Negative: {b}" for b in draft.bad if b.strip()]
    parts.append(_bullets(good + bad) if decided and (good or bad) else UNDECIDED_CONSEQUENCES)
    if not decided and draft.open_questions:
        parts += ["## Open questions", _bullets(draft.open_questions)]
    if related:
        parts += ["## Related decisions", _related(related)]
    return "\n\n".join(p for p in parts if p) + "\n"


def madr(frame: Frame, draft: AdrDraft) -> str:
    decided, related = frame.decided, frame.related
    parts = [f"---\nstatus: {frame.status}\ndate: {frame.date}\n---\n# {frame.title}",
             "## Context and Problem Statement", as_sentence(draft.context)]  # fmt: skip
    options = [o for o in draft.options if o.name.strip()]
    parts += ["## Considered Options", _bullets([o.name for o in options], "*")]
    parts.append("## Decision Outcome")
    chosen = chosen_option(draft)
    if decided and draft.decision.strip():
        reason = as_sentence(draft.decision)
        # Without a named option in the decision, the decision sentence stands alone ("We will …"), not under
        # "Chosen option:", which read "Chosen option: We will adopt gRPC …".
        # The decision sentence is no justification: "Chosen option: "X", because we will X" read as a tautology.
        parts.append(f'Chosen option: "{chosen.name}". {reason}' if chosen else reason)
        good = [f"Good, because {g}" for g in draft.good if g.strip()]
        bad = [f"Bad, because {b}" for b in draft.bad if b.strip()]
        if good or bad:
            parts += ["### Consequences", _bullets(good + bad, "*")]
    else:
        parts.append(UNDECIDED)
        if draft.open_questions:
            parts += ["### Open questions", _bullets(draft.open_questions, "*")]
    detailed = [o for o in _distinct(options) if o.good or o.bad]
    if detailed:
        parts.append("## Pros and Cons of the Options")
        for o in detailed:
            pros = [f"Good, because {o.good}"] if o.good else []
            cons = [f"Bad, because {o.bad}"] if o.bad else []
            parts += [f"### {o.name}", _bullets(pros + cons, "*")]
    if related:
        parts += ["## More Information", "Related decisions:", _related(related)]
    return "\n\n".join(p for p in parts if p) + "\n"


def render(frame: Frame, draft: AdrDraft) -> str:
    # A Y-statement log gets Nygard records (nodes._template): the same clauses, as sections.
    return madr(frame, draft) if frame.template == "madr" else nygard(frame, draft)

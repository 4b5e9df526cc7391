"""Judging the note and the draft with the shared rule catalogue, and composing what the lead sees.

The same ``run_checks`` that powers `coach lint` runs on the original (to explain what was wrong with it) and on
every draft (to drive the revise turn). ``unsupported_facts`` adds the one check the catalogue cannot do alone: every
name, number and date in the draft must occur in what the lead wrote or answered.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence

from assistant.checks import run_checks
from assistant.checks.base import Finding, Severity, Span
from assistant.checks.facts import unsupported_facts
from assistant.checks.lexicon import AMBIGUOUS_LABELS, LABEL_ADJECTIVES, LABEL_NOUNS
from assistant.checks.text import word_runs
from assistant.prompts import load_prompt
from assistant.skills.grounding import content_words
from assistant.skills.sbi.facts import Analysis
from assistant.skills.sbi.models import SLOTS, Change, SBIDraft, SBIRequest
from assistant.skills.sbi.person import address, fix_preposition
from assistant.skills.sbi.prompt import GUIDANCE, PROMPT, REQUEST_WORDS
from assistant.skills.sbi.sayable import reader_checks

# Warnings worth a revise turn: the words the feedback guide tells leads to avoid. Others are reported, not chased,
# because each revise costs 5-8 s on the embedded model.
REVISE_WARNINGS = frozenset(
    {
        "tone.absolute",
        "tone.hedge",
        "tone.sarcasm",
        "tone.blame",
        "tone.vague_praise",
        "tone.shouting",
        "sbi.length",
        "sbi.request_copies",
    }
)
# Rules about the note as a whole that say nothing useful about a draft the code composed itself.
_DRAFT_IGNORED = frozenset({"tone.sandwich", "readability.hard", "tone.sentiment"})
# "difficult" or "negative" also describe things ("a difficult migration"), so only unambiguous words count.
_LABEL_WORDS = (LABEL_ADJECTIVES | LABEL_NOUNS) - AMBIGUOUS_LABELS


def check_original(request: SBIRequest) -> list[Finding]:
    return run_checks(request.raw, "note")


def to_change(finding: Finding) -> Change:
    span = finding.span
    return Change(
        rule=finding.rule,
        severity=finding.severity.value,
        text=span.text if span else "",
        field=span.field if span else None,
        start=span.start if span else None,
        end=span.end if span else None,
        why=finding.message,
        fix=finding.fix,
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def compose(parts: dict[str, str], question: str) -> str:
    """The message ready to say: "<situation>, <behaviour>. <impact> <request> <question>"."""
    situation = parts.get("situation", "").strip()
    behavior = parts.get("behavior", "").strip()
    if situation and behavior and situation[-1] not in ".!?":
        lowered = behavior[0].lower() + behavior[1:] if re.match(r"(?:You|Your)\b", behavior) else behavior
        opening = f"{situation.rstrip(',')}, {lowered}"
    else:
        opening = " ".join(p for p in (situation, behavior) if p)
    rest = [parts.get("impact", ""), parts.get("request", ""), question]
    return " ".join(_sentence(p) for p in (opening, *rest) if p.strip())


def allowed_sources(request: SBIRequest, analysis: Analysis) -> list[str]:
    """The texts a draft may take names, numbers and dates from: what the lead wrote and answered. Not the team's
    documents: the model never sees them, so a name from there would be one it made up."""
    who = [request.recipient.name, request.recipient.role] if request.recipient else []
    return [request.raw, *analysis.fact_texts(), *request.known_facts, *who]


def label_words(analysis: Analysis, raw: str) -> set[str]:
    """The judging words of the note: the last word of each label the detector found, any catalogue label word
    (detection needs a grammatical subject; a carried-over word needs none), and profanity."""
    words = {label.split()[-1].lower() for label in analysis.labels} | set(analysis.profanity)
    words |= {w for w in re.findall(r"[a-z][a-z-]+", raw.lower()) if w in _LABEL_WORDS}
    return words


# Words the person said, quoted in the behaviour ("you said 'this will never work'"), are the observation itself.
_QUOTED = re.compile(r"[\"“'‘](?=\w)[^\"”’]{3,200}?(?<=\w)[\"”'’](?!\w)")
_QUOTE_EXEMPT = frozenset({"tone.absolute", "tone.hedge", "tone.sarcasm", "tone.exaggeration"})


def _in_quote(finding: Finding, quoted: list[tuple[int, int]]) -> bool:
    span = finding.span
    if finding.rule not in _QUOTE_EXEMPT or span is None or span.field is not None:
        return False
    return any(start <= span.start and span.end <= end for start, end in quoted)


def carried_labels(analysis: Analysis, raw: str, message: str) -> list[Finding]:
    """A judging word from the note that survived into the draft, even where the catalogue's grammar misses it."""
    found = []
    for word in sorted(label_words(analysis, raw)):
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", message, re.IGNORECASE):
            found.append(
                Finding(
                    rule="sbi.carried_label",
                    severity=Severity.ERROR,
                    span=Span(start=match.start(), end=match.end(), text=match.group(0)),
                    message=f"'{match.group(0)}' comes from your note and judges the person.",
                    fix="Replace it with what they did, from the facts.",
                )
            )
    return found


def check_draft(draft: SBIDraft, request: SBIRequest, analysis: Analysis) -> list[Finding]:
    parts = draft.parts()
    message = compose(parts, draft.question)
    quoted = [m.span() for m in _QUOTED.finditer(message)]
    findings = [
        f for f in run_checks(message, "sbi", parts=parts)
        if f.rule not in _DRAFT_IGNORED and not _in_quote(f, quoted)
    ]  # fmt: skip
    findings += unsupported_facts(message, allowed_sources(request, analysis))
    findings += slot_problems(parts, analysis)
    findings += copied_prompt(message, request, analysis)
    findings += carried_labels(analysis, request.raw, message)
    findings += reader_checks(parts, message, request, analysis)
    return _dedupe([_soften_behavior(_soften_own_words(f, analysis), analysis) for f in findings])


def _soften_behavior(finding: Finding, analysis: Analysis) -> Finding:
    """The catalogue's verb list does not know every action ("you kept the timeline up to date"); when the
    behaviour restates what the lead gave as an action, the finding is reported as info and not chased."""
    did = " ".join(f.text for f in analysis.facts if "did" in f.tags)
    if finding.rule != "sbi.behavior" or finding.span is None or _share(finding.span.text, did, at_least=0) < 0.6:
        return finding
    return finding.model_copy(update={"severity": Severity.INFO, "message": finding.message + " (from your facts)"})


def _soften_own_words(finding: Finding, analysis: Analysis) -> Finding:
    """A warning on words the lead wrote ("for the third time") is theirs to judge: reported as info, not sent
    back to the model, which cannot drop a fact without losing it."""
    span = finding.span
    # Phrases only, and only from the facts: a lone "always" from the note is exactly what the revise should drop.
    if finding.severity != Severity.WARNING or span is None or len(span.text.split()) < 2:
        return finding
    if span.text.lower() not in " ".join(analysis.fact_texts()).lower():
        return finding
    return finding.model_copy(update={"severity": Severity.INFO, "message": finding.message + " (your own words)"})


def _part_finding(
    rule: str, field: str, text: str, message: str, fix: str, *, severity: Severity = Severity.ERROR
) -> Finding:
    span = Span(start=0, end=len(text), text=text, field=field)
    return Finding(rule=rule, severity=severity, span=span, message=message, fix=fix)


def _share(part: str, other: str, *, at_least: int = 3) -> float:
    """The share of ``part``'s content words (stemmed) that also occur in ``other``; 0 for parts too short to
    judge, and 1 for an empty ``part`` when ``at_least`` is 0."""
    words = content_words(part)
    if len(words) < max(at_least, 1):
        return 1.0 if not words and at_least == 0 else 0.0
    return len(words & content_words(other)) / len(words)


def slot_problems(parts: dict[str, str], analysis: Analysis) -> list[Finding]:
    """What the 1.5B model gets wrong that the catalogue does not look for: one fact copied into two slots, an
    impact that is not in the facts, a part that runs on. (A request that inverts the behaviour is not caught: tried
    as word overlap, it flagged good requests, and the model copied the fix text into the request.)"""
    found = []
    situation, behavior, impact = (parts.get(k, "") for k in SLOTS[:3])
    if len(content_words(situation)) >= 5 and _share(behavior, situation) >= 0.7:
        found.append(_part_finding("sbi.repeated", "situation", situation, "The situation repeats the behaviour.",
                                   "Keep the situation to when and where, as a short phrase."))  # fmt: skip
    if _share(impact, behavior) >= 0.7:
        found.append(
            _part_finding(
                "sbi.repeated",
                "behavior",
                behavior,
                "The behaviour also holds the effect.",
                "Keep only what they did in the behaviour; the effect goes in the impact.",
            )
        )
    effects = " ".join(f.text for f in analysis.facts if "effect" in f.tags)
    if effects and impact and _share(impact, effects, at_least=0) < 0.3:
        found.append(_part_finding("sbi.impact_unsupported", "impact", impact, "The impact is not in the facts.",
                                   "Use the (effect) facts for the impact, in their words."))  # fmt: skip
    if analysis.polarity == "improving":  # in praise, asking for the same again is the point
        found += _request_repeats(parts.get("request", ""), behavior)
    for field, text in parts.items():
        if len(text.split()) > 45:
            found.append(_part_finding("sbi.too_long", field, text, f"The {field} runs on.",
                                       "Say it in one short sentence, from the facts."))  # fmt: skip
    return found


_CONTRAST = re.compile(
    r"\b(?:before|instead|first|wait|not|don't|no|without|stop|avoid|only|rather|check|ask|tell)\b", re.I
)


_MISSED = re.compile(r"\b(?:no|not|without|didn't|never|skipped|missed|forgot|left out)\b", re.I)


def _request_repeats(request: str, behavior: str) -> list[Finding]:
    """A request that asks for the criticised behaviour again ("Please add the export to the sprint after we have
    committed"): five words in a row from a behaviour that omitted nothing, and no word of change. Reported, not
    revised: an earlier revise turn for it made the model copy the fix text into the request. Measured on the live
    eval: without the omission and polarity conditions, 4 of its 6 flags were good requests."""
    if not request or _CONTRAST.search(request) or _MISSED.search(behavior):
        return []  # "you left no comment on the retry logic" -> "Please comment on the retry logic" is right
    if not word_runs(request, 5) & word_runs(behavior, 5):
        return []
    message = "The request repeats the behaviour instead of asking for a change."
    fix = "Say what you would like them to do instead next time."
    return [_part_finding("sbi.request_repeats", "request", request, message, fix, severity=Severity.WARNING)]


@functools.cache
def _prompt_runs() -> frozenset[tuple[str, ...]]:
    """Four-word runs of the prompt's own text, the worked example's reply parts and the variant lines: read from
    the prompt file so they never drift apart. Measured: without the example the model wrote "One short open
    question asking how they see it." as its question; with it, it sometimes copied the example's behaviour."""
    system = load_prompt(PROMPT).system
    rules, _, example = system.partition("Example:")
    reply = example.split("Reply:", 1)[-1].strip()
    try:
        data = json.loads(reply)
    except ValueError:
        data = {}
    # The example's question ("How did that moment look from your side?") is a fine question for any note.
    texts = [example.split("Reply:", 1)[0], *(v for k, v in data.items() if k != "question" and isinstance(v, str))]
    return frozenset(word_runs(" ".join([rules, *texts, *GUIDANCE.values(), *REQUEST_WORDS.values()]), 4))


def copied_prompt(message: str, request: SBIRequest, analysis: Analysis) -> list[Finding]:
    """Words lifted from the prompt instead of the facts (seen: "you merged the migration with one approval" in a
    note about an incident timeline). Runs the lead also wrote are theirs, not copies."""
    own = word_runs(" ".join([request.raw, *analysis.fact_texts()]), 4)
    copied = (word_runs(message, 4) & _prompt_runs()) - own
    if not copied:
        return []
    words = " ".join(sorted(copied)[0])
    return [Finding(rule="sbi.copied_prompt", severity=Severity.ERROR, span=None,
                    message=f'"{words}" comes from the instructions or the example, not from these facts.',
                    fix="Write every part from the numbered facts above only.")]  # fmt: skip


def _cut_before(text: str, other: str) -> str | None:
    """``text`` up to where ``other`` starts inside it (``"Last week, you approved …"`` -> ``"Last week"``)."""
    start = re.sub(r"^you\s+", "", other.strip(), flags=re.IGNORECASE).split()[:3]
    if not start:
        return None
    found = re.search(r",?\s*(?:you\s+)?" + r"\s+".join(map(re.escape, start)), text, re.IGNORECASE)
    return text[: found.start()].rstrip(" ,.;") if found and found.start() > 0 else None


def repair(draft: SBIDraft, name: str = "them") -> SBIDraft:
    """Structure and person are code's job: a situation that runs on into the behaviour ("Yesterday at 5pm, you
    pushed …"), or a behaviour that runs on into the impact, is cut back to what the slot asked for; the recipient is
    spoken to ("Daniel posted" -> "You posted"); "In Tuesday" becomes "On Tuesday". Nothing is added; measured, the
    revise turn rarely fixed these and sometimes made the draft worse."""
    slots = {slot: getattr(draft, slot).strip() for slot in SLOTS}
    for part, after in (("situation", "behavior"), ("behavior", "impact")):
        text, later = slots[part], slots[after]
        if len(content_words(text)) >= 5 and _share(later, text) >= 0.7:
            slots[part] = _cut_before(text, later) or text
    slots = {slot: address(text, name) for slot, text in slots.items()}
    slots["situation"] = fix_preposition(slots["situation"])
    update: dict[str, object] = dict(slots)
    update["question"] = address(draft.question, name)
    return draft.model_copy(update=update)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.span.text.lower() if f.span else "")
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def worth_revising(finding: Finding) -> bool:
    """Errors, and warnings the feedback guide names. A finding softened to info (the lead's own words, an action
    taken from their facts) is reported, never sent back to the model."""
    return finding.severity == Severity.ERROR or (
        finding.severity == Severity.WARNING and finding.rule in REVISE_WARNINGS
    )


def needs_revision(findings: Sequence[Finding]) -> bool:
    return any(worth_revising(f) for f in findings)


def badness(findings: Sequence[Finding]) -> tuple[int, int, int]:
    """Errors, then findings worth a revision, then the rest: the least-flagged draft is the one answered with
    (seen: a second revise turn of a sound draft copied a rule's example moments into the situation)."""
    errors = sum(f.severity == Severity.ERROR for f in findings)
    return errors, sum(map(worth_revising, findings)), len(findings)


def revise_problems(findings: Sequence[Finding]) -> list[str]:
    """One line per problem, naming the part and the offending words: naming the words is what fixed most
    label failures in the measurements (8/12 -> 11/12)."""
    lines = []
    for f in filter(worth_revising, findings):
        where = f"{f.span.field}: " if f.span and f.span.field in SLOTS else ""
        words = f' "{f.span.text}"' if f.span and f.span.text and len(f.span.text) < 80 else ""
        lines.append(f"{where}{words.strip()} {f.message} Fix: {_without_examples(f.fix)}".strip())
    return lines


def _without_examples(fix: str) -> str:
    """ "Name the moment: 'in yesterday's planning meeting', …" -> "Name the moment." The model copies examples
    (seen: a revise turn put "in yesterday's planning meeting, on the 14 March incident call" into a situation)."""
    return _sentence(re.split(r":\s*'|,?\s*e\.g\.", fix, maxsplit=1)[0].rstrip(" ,;"))


def is_already_good(analysis: Analysis, original: Sequence[Finding]) -> bool:
    """Specific, behavioural and with an effect, and nothing the guide tells leads to avoid: change little."""
    complete = analysis.has_situation and analysis.has_behavior and analysis.has_impact
    return complete and not any(map(worth_revising, original)) and not analysis.labels and not analysis.profanity

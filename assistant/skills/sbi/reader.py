"""What a reader of the rewrite notices, measured for the eval independently of the skill's own checks (stricter
where they differ), so the eval can fail where the skill's checks are blind:

- ``second_person``: the recipient's name never appears, nor a he/she/his/her before anyone else is named;
- ``no_copied_judgement``: no five words in a row from what judges in the note (the whole sentence for a label,
  motive or blame; the phrase and three words either side for an absolute, shouting or sarcasm), unless the lead also
  gave those words as a plain fact;
- ``parts_filled``: no part empty while the note or facts hold something of its kind;
- ``within_length`` (``body_words``): situation, behaviour, impact and request in at most 90 words;
- ``request_distinct``: the request shares no six-word run with the behaviour or the impact (five words caught
  shared noun phrases such as "a change to the payments API", which is not a repeat);
- ``private_kept_out``: nothing of a fact marked private, confidential or told in a 1:1 (four words in a row).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.checks.text import word_runs

if TYPE_CHECKING:
    from assistant.evals.models import PropertyValue
    from assistant.skills.sbi.eval import SBICase
    from assistant.skills.sbi.models import SBIResult

READER_PROPERTIES = frozenset(
    {"second_person", "no_copied_judgement", "parts_filled", "within_length", "request_distinct", "private_kept_out"}
)
MAX_BODY_WORDS = 90
_JUDGING = frozenset(
    {"tone.label", "tone.blame", "tone.sarcasm", "tone.absolute", "tone.shouting", "tone.intent", "tone.exaggeration",
     "tone.fixed_mindset", "tone.defensive"}
)  # fmt: skip
_WHOLE = frozenset({"tone.label", "tone.intent", "tone.blame", "tone.defensive", "tone.fixed_mindset"})
_PRIVATE = re.compile(
    r"\b(?:confidential|private|privately|in confidence|off the record|1:1|one-on-one|1-on-1|HR)\b", re.I
)
_NOT_PEOPLE = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|july|august|september|"
    r"october|november|december|feb|mar|apr|aug|sep|sept|oct|nov|dec)(?:['’]s)?",  # not Jun, Jan or May: also names
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.I)
_KINDS = {"situation": "when", "behavior": "did", "impact": "effect"}


def _second_person(case: SBICase, output: SBIResult) -> bool:
    from assistant.checks.detectors import named_people

    message = output.message
    if case.recipient:
        parts = [re.escape(p) for p in case.recipient.name.split() if p]
        if parts and re.search(rf"\b(?:{'|'.join(parts)})\b", message):
            return False
    # A he/she/his/her with nobody else named before it in the message can only be the person spoken to.
    others = [p for p in named_people(message) if not case.recipient or p.text not in case.recipient.name.split()]
    people = [p.start for p in others if not _NOT_PEOPLE.fullmatch(p.text) and not re.search(r"[A-Z].*[A-Z]", p.text)]
    first = min(people, default=len(message))
    return not any(m.start() < first for m in _PRONOUN.finditer(message))


def _judging_texts(raw: str) -> list[str]:
    """What a listener would hear as the note's judgement: the whole sentence for a label, a motive, blame or
    defensiveness; for a phrase rule (an absolute, shouting, sarcasm, exaggeration, a hedge) the phrase with three
    words either side, since the rest of that sentence may be the fact itself ("you moved our 1:1 | for the third
    time in a row")."""
    from assistant.checks import run_checks
    from assistant.checks.text import sentences

    out: list[str] = []
    for sentence in sentences(raw):
        found = [f for f in run_checks(sentence.text, "note") if f.rule in _JUDGING and f.span]
        if any(f.rule in _WHOLE for f in found):
            out.append(sentence.text)
            continue
        for f in found:
            assert f.span is not None
            before = sentence.text[: f.span.start].split()[-3:]
            after = sentence.text[f.span.end :].split()[:3]
            out.append(" ".join([*before, f.span.text, *after]))
    return out


def _no_copied_judgement(case: SBICase, output: SBIResult) -> bool:
    stated = set().union(*(word_runs(t, 5) for t in [*case.known_facts, *case.answers.values(), case.ask]))
    judged = set().union(*(word_runs(t, 5) for t in _judging_texts(case.raw))) - stated
    return not (word_runs(output.message, 5) & judged)


def _parts_filled(case: SBICase, output: SBIResult) -> bool:
    from assistant.skills.sbi.facts import analyse

    kinds = {tag for fact in analyse(case.request()).facts for tag in fact.tags}
    parts = {"situation": output.situation, "behavior": output.behavior, "impact": output.impact}
    if not output.request.strip():
        return False
    return all(parts[part].strip() or kind not in kinds for part, kind in _KINDS.items())


def body_words(output: SBIResult) -> int:
    return len(" ".join([output.situation, output.behavior, output.impact, output.request]).split())


def _request_distinct(output: SBIResult) -> bool:
    runs = word_runs(output.request, 6)
    return not (runs & (word_runs(output.behavior, 6) | word_runs(output.impact, 6)))


def _private_kept_out(case: SBICase, output: SBIResult) -> bool:
    private = [fact for fact in case.known_facts if _PRIVATE.search(fact)]
    message = word_runs(output.message, 4)
    return not any(word_runs(_PRIVATE.sub(" ", fact), 4) & message for fact in private)


def reader_properties(case: SBICase, output: SBIResult) -> dict[str, PropertyValue]:
    words = body_words(output)
    return {
        "second_person": _second_person(case, output),
        "no_copied_judgement": _no_copied_judgement(case, output),
        "parts_filled": _parts_filled(case, output),
        "within_length": words <= MAX_BODY_WORDS,
        "body_words": words,
        "request_distinct": _request_distinct(output),
        "private_kept_out": _private_kept_out(case, output),
    }

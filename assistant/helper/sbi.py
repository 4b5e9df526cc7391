"""The feedback coach's helper prompt and the checks on an SBI pasted back.

The note is read by the skill's own code (``sbi.nodes.lint``: the facts, the judgements, the catalogue's findings, the
private lines; ``questions_for``: what it would ask), and searched with the skill's own ``retrieval`` spec. Lines the
coach keeps private never reach the prompt: the sentences holding them are cut from the note, and a finding quoting
them is not listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.checks.base import Finding
from assistant.checks.text import sentences, word_runs
from assistant.helper.common import bullets, documents, fence, finding_lines, part, prompt_of, retrieve
from assistant.helper.models import Material
from assistant.prompts import RenderedPrompt
from assistant.skills.base import Question
from assistant.skills.private import Withheld, why_private
from assistant.skills.sbi.models import SBIRequest

PRIVATE_RUN = 5  # words in a row shared with a private fact: the same test as the draft check (private_lines)


def _private(text: str, withheld: Sequence[Withheld]) -> bool:
    runs = word_runs(text, PRIVATE_RUN)
    return bool(why_private(text)) or any(runs & word_runs(item.text, PRIVATE_RUN) for item in withheld)


def without_private(note: str, withheld: Sequence[Withheld]) -> tuple[str, list[tuple[int, int]]]:
    """The note without the sentences the coach keeps private, and the spans of the sentences kept."""
    kept = [s for s in sentences(note) if s.text.strip() and not _private(s.text, withheld)]
    return " ".join(s.text.strip() for s in kept), [(s.start, s.end) for s in kept]


def _inside(finding: Finding, spans: Sequence[tuple[int, int]]) -> bool:
    span = finding.span
    if finding.rule.startswith("privacy."):
        return False  # its words are the private line itself
    return span is None or any(start <= span.start and span.end <= end for start, end in spans)


def _questions(questions: Sequence[Question], empty: str) -> str:
    """The questions as the coach asks them (without their "why": it speaks as the coach, "I will not make one up",
    which reads wrongly in a message the lead sends)."""
    lines = []
    for question in questions:
        lines.append(f"- {question.text}")
        lines += [f"  {number}. {fence(choice)}" for number, choice in enumerate(question.choices, 1)]
    return "\n".join(lines) or empty


def build(request: SBIRequest, material: Material) -> tuple[RenderedPrompt, list[str], list[str]]:
    """(the prompt, the citations in it, notes for the lead)."""
    from assistant.skills.sbi.nodes import lint, retrieval
    from assistant.skills.sbi.questions import questions_for

    prompt = prompt_of("sbi")
    analysis, findings = lint(request, {})
    sources, notes = retrieve(material.retriever, [retrieval({"request": request, "analysis": analysis})])
    note, kept = without_private(request.raw, analysis.withheld)
    if not note.strip():
        from assistant.errors import InputError

        raise InputError("every sentence of the note is private", hint="write what happened that you can say to them")
    facts = [fact for fact in request.known_facts if not _private(fact, analysis.withheld)]
    if request.ask:
        facts.append(part(prompt, "ask_fact", ask=request.ask))
    if request.setting:
        facts.append(part(prompt, "setting_fact", setting=request.setting))
    notes += [f"Left out of the prompt (private): {item.text} ({item.reason})" for item in analysis.withheld]
    notes += [f"Praise to give on its own, not in this feedback: {item}" for item in analysis.separate]
    rendered = prompt.render(
        recipient=fence(request.recipient.describe()) if request.recipient else part(prompt, "no_recipient"),
        relationship=part(prompt, request.relationship),
        polarity=part(prompt, analysis.polarity),
        note=fence(note),
        facts=bullets(facts, part(prompt, "no_facts")),
        findings=finding_lines([f for f in findings if _inside(f, kept)], part(prompt, "no_findings")),
        missing=_questions(questions_for(analysis, request, 0), part(prompt, "no_missing")),
        documents=documents(sources, part(prompt, "no_documents")),
    )
    return rendered, [s.citation for s in sources], notes


# What a chat tool writes around the answer ("Here is a version you can say:", "Let me know if…") is not the
# feedback: the check reads from the first part's line to the end of the last part's paragraph.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def sbi_block(reply: str) -> str:
    from assistant.checks.sbi import sbi_part_offsets

    offsets = sbi_part_offsets(reply)
    if not offsets:
        return reply.strip()
    first = min(start for start, _ in offsets.values())
    last = max(start for start, _ in offsets.values())
    begin = reply.rfind("\n", 0, first) + 1
    after = _BLANK_LINE.search(reply, last)
    return reply[begin : after.start() if after else len(reply)].strip()


def check(reply: str, request: SBIRequest | None, material: Material) -> tuple[str, list[Finding], list[str]]:
    """(the part checked, the findings, notes). With the note, the checks the coach runs on its own drafts
    (``review.check_draft``: the catalogue, invented facts, judgements and private lines carried over, length);
    without it, `coach lint --kind sbi`. (``material``: the same signature as the other skills' checks; the SBI
    checks need no documents.)"""
    from assistant.checks import parse_sbi, run_checks

    block = sbi_block(reply)
    parts = parse_sbi(block)
    notes = []
    if not parts:
        notes.append(
            "The reply has no Situation:, Behavior:, Impact: or Request: lines. If it asks you for facts, answer "
            "them in that chat, then check its next reply."
        )
    if request is None:
        return block, run_checks(block, "sbi"), notes
    from assistant.skills.sbi.models import SBIDraft
    from assistant.skills.sbi.nodes import lint
    from assistant.skills.sbi.review import check_draft

    analysis, _ = lint(request, {})
    draft = SBIDraft(**{name: parts.get(name, "") for name in ("situation", "behavior", "impact", "request")})
    # The prompt gave the team's documents too: a norm taken from them ("under 400 changed lines", from the review
    # guide) is not invented, though the note does not hold it.
    given = " ".join(message.content for message in build(request, material)[0].messages).lower()
    found = [
        f
        for f in check_draft(draft, request, analysis)
        if not (f.rule == "facts.invented" and f.span is not None and f.span.text.lower() in given)
    ]
    if any(f.rule == "facts.invented" for f in found):
        notes.append(
            "A fact the reply states is not in your note. If you gave it to the other tool in its chat, add it "
            'with --fact "…" and check again; otherwise take it out.'
        )
    return block, found, notes

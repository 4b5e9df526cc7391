"""The coaching chat's helper prompt and the checks on an answer pasted back.

Who the question is about is read the way the chat reads it (``people.counterpart`` over the team's roster), the
playbook is the chat prompt's own for that relationship, and the passages come from the chat's ``retrieval`` specs
(the team's guides first, then anything else).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.checks.base import Finding, Severity, Span
from assistant.helper.common import documents, fence, finding_lines, part, prompt_of, retrieve
from assistant.helper.models import Material
from assistant.prompts import RenderedPrompt
from assistant.skills.chat.models import ChatInput
from assistant.skills.grounding import Source


def _material(request: ChatInput, material: Material) -> tuple[str, str, list[Source], list[str]]:
    """(who, playbook, sources, notes) as the chat skill would have them."""
    from assistant.prompts import load_prompt
    from assistant.skills.chat.nodes import retrieval
    from assistant.skills.chat.people import counterpart, roster
    from assistant.skills.chat.prompt import PROMPT_ID, playbook
    from assistant.skills.chat.roles import who_line

    role, name = counterpart(request.message, roster(material.retriever))
    sources, notes = retrieve(material.retriever, retrieval({"question": request.message, "role": role}))
    play = load_prompt(PROMPT_ID).parts[playbook(request.message, role)]
    return who_line(role, name), play, sources, notes


def build(request: ChatInput, material: Material) -> tuple[RenderedPrompt, list[str], list[str]]:
    from assistant.checks import run_checks

    prompt = prompt_of("chat")
    who, play, sources, notes = _material(request, material)
    rendered = prompt.render(
        who=who,
        playbook=play,
        findings=finding_lines(run_checks(request.message, "note"), part(prompt, "no_findings")),
        documents=documents(sources, part(prompt, "no_documents")),
        question=fence(request.message),
    )
    return rendered, [s.citation for s in sources], notes


def _labels(reply: str) -> list[Finding]:
    """Lines that put a label on someone: the check the chat runs on its own steps (``nodes.labels_someone``)."""
    from assistant.skills.chat.nodes import labels_someone

    found = []
    at = 0
    for line in reply.splitlines(keepends=True):
        text = line.strip()
        if text and labels_someone(text):
            start = at + line.index(text)
            found.append(
                Finding(
                    rule="chat.label",
                    severity=Severity.WARNING,
                    span=Span(start=start, end=start + len(text), text=text),
                    message="This line judges the person rather than what they did.",
                    fix="Describe the behaviour and its effect instead, or drop the line.",
                )
            )
        at += len(line)
    return found


def _citations(reply: str, sources: Sequence[Source]) -> list[Finding]:
    from assistant.skills.grounding import invalid_citations

    found = []
    for citation in invalid_citations(reply, sources):
        start = reply.find(citation)
        found.append(
            Finding(
                rule="chat.citation",
                severity=Severity.ERROR,
                span=Span(start=start, end=start + len(citation), text=citation) if start >= 0 else None,
                message=f"[{citation}] was not among the passages the prompt gave: it is made up or misspelt.",
                fix="Ask the tool which passage it meant, or drop the citation.",
            )
        )
    return found


def check(reply: str, request: ChatInput | None, material: Material) -> tuple[str, list[Finding], list[str]]:
    text = reply.strip()
    if request is None:
        note = "Citations were not checked: pass the question too, so the passages the prompt gave are known."
        return text, _labels(text), [note]
    _, _, sources, _ = _material(request, material)
    return text, [*_labels(text), *_citations(text, sources)], []

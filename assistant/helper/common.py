"""Pieces every helper prompt shares: its YAML, the team's passages (searched and screened the way the skill's own
retrieve step does), and the coach's findings as lines the other tool can act on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from string import Template
from typing import TYPE_CHECKING

from assistant.checks.base import Finding, Severity
from assistant.errors import KnowledgeError
from assistant.prompts import Prompt, load_prompt
from assistant.skills.grounding import Source, neutralise

if TYPE_CHECKING:
    from assistant.graph.context import Retriever
    from assistant.graph.retrieve import RetrievalSpec

# The elements the helper prompts put material in: text inside them must not be able to close one and speak as the
# lead (the skills' own ``neutralise`` covers the elements their prompts use).
_HELPER_TAGS = re.compile(r"<\s*/?\s*(note|notes|skeleton|doc|documents|question)\b[^>]*>", re.IGNORECASE)


def prompt_of(skill: str) -> Prompt:
    return load_prompt(f"helper/{skill}")


def part(prompt: Prompt, name: str, **values: str) -> str:
    """A snippet of the prompt's own text (``parts:`` in its YAML), with ``$names`` filled in literally."""
    return Template(prompt.parts[name]).safe_substitute(values)


def fence(text: str) -> str:
    """Text that stays material inside a helper prompt's elements."""
    return _HELPER_TAGS.sub("[tag removed]", neutralise(text)).strip()


def retrieve(retriever: Retriever | None, specs: Sequence[RetrievalSpec]) -> tuple[list[Source], list[str]]:
    """The skill's own search (``graph.retrieve.search``: relevance floor, passage screen, no duplicates) and the same
    notes its retrieve step gives, for the lead. No index, or a failing one, is a note, never an error."""
    from assistant.graph.context import DEFAULT_TOP_K
    from assistant.graph.retrieve import NOT_INDEXED, search, unavailable

    if retriever is None:
        return [], [NOT_INDEXED]
    if not any(spec.query.strip() for spec in specs):
        return [], []
    try:
        return search(retriever, specs, DEFAULT_TOP_K)
    except KnowledgeError as exc:
        return [], [unavailable(exc)]


def documents(sources: Sequence[Source], empty: str) -> str:
    """The passages, each in an element that carries its citation."""
    if not sources:
        return empty
    docs = [f'<doc cite="{s.citation}">\n{fence(s.text)}\n</doc>' for s in sources]
    return "<documents>\n" + "\n".join(docs) + "\n</documents>"


def shown(findings: Sequence[Finding]) -> list[Finding]:
    """The findings worth telling the other tool: warnings and errors (information-level advice is left out, the
    prompt is long enough)."""
    return [f for f in findings if f.severity is not Severity.INFO]


def finding_lines(findings: Sequence[Finding], empty: str) -> str:
    """One line per finding: the flagged words, the rule, what is wrong, the fix (the catalogue's own wording)."""
    lines = []
    for f in shown(findings):
        words = f'"{" ".join(f.span.text.split())}" ' if f.span and f.span.text.strip() else ""
        lines.append(f"- {words}[{f.rule}] {f.message} {f.fix}")
    return "\n".join(dict.fromkeys(lines)) or empty


def bullets(items: Sequence[str], empty: str) -> str:
    return "\n".join(f"- {fence(item)}" for item in items if item.strip()) or empty

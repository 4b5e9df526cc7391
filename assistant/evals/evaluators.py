"""Deterministic evaluators. Each reads one case's expectations and what the skill produced, and returns
pass, fail (with the evidence) or skip (nothing to judge, e.g. no citations to validate).

The checks and the fact finder are injected (``Tools``), so the same evaluators run with the real rule catalogue
in the harness and with small stand-ins in tests.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ValidationError

from assistant.evals.models import EvalCase, EvaluatorResult, PropertyValue, SuiteFile
from assistant.skills.grounding import cited, content_words

if TYPE_CHECKING:
    from assistant.checks.base import Finding
    from assistant.evals.adapters import Observation
    from assistant.skills.grounding import Source


class CheckRunner(Protocol):
    def __call__(
        self, text: str, kind: Any, *, audience: Any = None, parts: dict[str, str] | None = None
    ) -> list[Finding]: ...


FactFinder = Callable[[str, Sequence[str]], "list[Finding]"]


@dataclass(frozen=True)
class Tools:
    run_checks: CheckRunner
    unsupported_facts: FactFinder


def default_tools() -> Tools:
    from assistant.checks import run_checks
    from assistant.checks.facts import unsupported_facts

    return Tools(run_checks=run_checks, unsupported_facts=unsupported_facts)


@dataclass(frozen=True)
class Subject:
    """Everything evaluators may read about one case."""

    case: EvalCase
    suite: SuiteFile
    output: BaseModel
    observation: Observation
    output_model: type[BaseModel] | None = None  # what the skill declares; defaults to the output's own type


MAX_PROBLEMS = 8  # evidence enough to act on; the rest is counted, so a report stays readable


def _result(name: str, problems: list[str], *, passed_detail: str = "") -> EvaluatorResult:
    problems = list(dict.fromkeys(problems))  # the same invented "two" five times is one problem
    if problems:
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        return EvaluatorResult(name=name, status="fail", detail="; ".join(problems[:MAX_PROBLEMS]) + more)
    return EvaluatorResult(name=name, status="pass", detail=passed_detail)


def _skip(name: str, why: str) -> EvaluatorResult:
    return EvaluatorResult(name=name, status="skip", detail=why)


def schema(subject: Subject) -> EvaluatorResult:
    # Round-trip through JSON: what a front end or a report would receive must still validate.
    model = subject.output_model or type(subject.output)
    if not isinstance(subject.output, model):
        return _result("schema", [f"the skill returned {type(subject.output).__name__}, not {model.__name__}"])
    try:
        model.model_validate_json(subject.output.model_dump_json())
    except ValidationError as exc:
        return _result("schema", [f"{model.__name__}: {e['msg']} at {e['loc']}" for e in exc.errors()[:3]])
    return _result("schema", [])


def _property_problem(name: str, expected: PropertyValue, actual: dict[str, PropertyValue]) -> str | None:
    for prefix, within in (("min_", operator.ge), ("max_", operator.le)):
        base = name.removeprefix(prefix)
        if base != name and base in actual:
            value = actual[base]
            return None if within(value, expected) else f"{base} is {value}, expected {prefix[:-1]} {expected}"
    if name not in actual:
        return f"{name} is not reported by the skill"
    return None if actual[name] == expected else f"{name} is {actual[name]}, expected {expected}"


def properties(subject: Subject) -> EvaluatorResult:
    wanted = subject.case.properties
    if not wanted:
        return _skip("properties", "no properties required")
    actual, evidence = subject.observation.properties, subject.observation.evidence
    problems = [
        f"{p} ({evidence[name]})" if name in evidence else p
        for name, value in wanted.items()
        if (p := _property_problem(name, value, actual))
    ]
    return _result("properties", problems)


def normalise(text: str) -> str:
    """Lower case, straight quotes, plain hyphens and single spaces, so phrases match however the model typed them."""
    text = text.casefold().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[‐‑‒–—]", "-", text)
    return re.sub(r"\s+", " ", text)


def must_include(subject: Subject) -> EvaluatorResult:
    phrases = subject.case.must_include
    if not phrases:
        return _skip("must_include", "nothing required")
    text = normalise(subject.observation.text)
    missing = []
    for phrase in phrases:
        options = [phrase] if isinstance(phrase, str) else phrase
        if not any(normalise(option) in text for option in options):
            missing.append(" | ".join(repr(o) for o in options))
    return _result("must_include", [f"missing {m}" for m in missing])


def must_not_include(subject: Subject) -> EvaluatorResult:
    phrases = subject.case.must_not_include
    if not phrases:
        return _skip("must_not_include", "nothing forbidden")
    text = normalise(subject.observation.text)
    return _result("must_not_include", [f"contains {p!r}" for p in phrases if normalise(p) in text])


def checks(subject: Subject, tools: Tools) -> EvaluatorResult:
    patterns = subject.case.checks if subject.case.checks is not None else subject.suite.default_checks
    if not patterns:
        return _skip("checks", "no checks required")
    obs = subject.observation
    findings = tools.run_checks(obs.text, subject.suite.check_kind, audience=obs.audience, parts=obs.parts or None)
    hits = [f for f in findings if any(fnmatchcase(f.rule, p) for p in patterns)]
    problems = [f"{f.rule}" + (f" on {f.span.text!r}" if f.span else "") + f": {f.message}" for f in hits]
    return _result("checks", problems, passed_detail=f"{len(findings)} finding(s), none in {', '.join(patterns)}")


LONG_CLAIM_WORDS = 6
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_BRACKETS = re.compile(r"\[[^\[\]]*\]")


def claims_with_citations(text: str) -> list[tuple[str, list[str]]]:
    """(claim, citations) per sentence or list item that cites something. A citation standing alone after its
    sentence ("… impact. [a.md#X]") belongs to the sentence before it."""
    segments = [s.strip() for line in text.splitlines() for s in _SENTENCE_END.split(line) if s.strip()]
    claims = []
    previous = ""
    for segment in segments:
        claim = _BRACKETS.sub(" ", segment)
        refs = cited(segment)
        if refs:
            if len(content_words(claim)) < 2:
                claim = f"{previous} {claim}"
            claims.append((claim, refs))
        previous = claim
    return claims


def _supports(claim: str, chunks: list[Source]) -> bool:
    claim_words = content_words(claim)
    shared = claim_words & content_words(" ".join(c.text for c in chunks))
    # One shared word supports a short claim ("Keep standups short"); a long one must share two, or any sentence on
    # the general topic would pass.
    return len(shared) >= (2 if len(claim_words) >= LONG_CLAIM_WORDS else 1)


def citations(subject: Subject) -> EvaluatorResult:
    claims = claims_with_citations(subject.observation.text)
    if not claims:
        return _skip("citations", "the output cites nothing")
    sources = subject.observation.sources
    problems = []
    for claim, refs in claims:
        for ref in refs:
            chunks = [s for s in sources if ref in (s.citation, s.path)]
            if not chunks:
                problems.append(f"[{ref}] is not among the retrieved sources")
            elif not _supports(claim, chunks):
                problems.append(f"[{ref}] shares no content words with {claim.strip()[:80]!r}")
    return _result("citations", list(dict.fromkeys(problems)), passed_detail=f"{len(claims)} cited claim(s)")


_LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*+•])[ \t]+", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1([ \t]*:)?")
_TITLE_CASE_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _untitle(label: str) -> str:
    first, _, rest = label.strip().partition(" ")
    return f"{first} {_TITLE_CASE_WORD.sub(lambda m: m.group(0).lower(), rest)}".strip()


def prose(markdown: str) -> str:
    """Markdown as the sentences it stands for, so formatting is not mistaken for facts: list numbers are not
    numbers, a heading or a bold label ("**Set Clear Goals**: …") is a sentence of its own, and Title Case inside it
    is typography, not a sign of a name (its first word keeps its capital, so a name there is still checked)."""
    text = _LIST_MARKER.sub("", markdown)
    text = _HEADING.sub(lambda m: _untitle(m.group(1)).rstrip(":") + ".", text)
    return _EMPHASIS.sub(lambda m: _untitle(m.group(2)) + ("." if m.group(3) else ""), text)


def facts(subject: Subject, tools: Tools) -> EvaluatorResult:
    obs = subject.observation
    # Citations carry numbers (ADR ids, line-free paths) that are references, not facts, so they count as sources.
    allowed = [*obs.inputs, *(s.text for s in obs.sources), *(s.citation for s in obs.sources)]
    findings = tools.unsupported_facts(prose(obs.text), allowed)
    return _result("facts", [f"{f.span.text if f.span else f.rule}: {f.message}" for f in findings])


def evaluate(subject: Subject, tools: Tools) -> list[EvaluatorResult]:
    """Every deterministic evaluator, in report order. The optional judge is added by the harness."""
    return [
        schema(subject),
        properties(subject),
        must_include(subject),
        must_not_include(subject),
        checks(subject, tools),
        citations(subject),
        facts(subject, tools),
    ]

"""Each evaluator, table-driven: what passes, what fails (and says why), and when it has nothing to judge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from assistant.checks import run_checks, unsupported_facts
from assistant.checks.base import Finding, Severity, Span
from assistant.evals import evaluators as ev
from assistant.evals.adapters import Observation
from assistant.evals.models import EvalCase, SuiteFile
from assistant.graph.retrieve import NOTHING_FOUND
from assistant.skills.chat.eval import observe, repeated_sentences
from assistant.skills.chat.models import ChatInput, ChatOutput
from assistant.skills.grounding import Source

FEEDBACK = Source(
    citation="handbook/feedback-guide.md#Impact", path="handbook/feedback-guide.md", heading="Impact",
    line_start=10, line_end=20, doc_type="handbook", score=0.03,
    text="Describe the impact of the behavior on the team, the customer or the deadline.",
)  # fmt: skip
CITE = "[handbook/feedback-guide.md#Impact]"


def _fake_checks(text: str, kind: Any, *, audience: Any = None, parts: dict[str, str] | None = None) -> list[Finding]:
    found = []
    for word, rule in (("lazy", "tone.label"), ("always", "tone.absolute")):
        if word in text:
            start = text.index(word)
            span = Span(start=start, end=start + len(word), text=word)
            found.append(Finding(rule=rule, severity=Severity.ERROR, span=span, message="judges", fix="describe"))
    return found


def _no_facts(output: str, sources: Sequence[str]) -> list[Finding]:
    return []


FAKE_TOOLS = ev.Tools(run_checks=_fake_checks, unsupported_facts=_no_facts)
REAL_TOOLS = ev.Tools(run_checks=run_checks, unsupported_facts=unsupported_facts)


def subject(
    answer: str,
    *,
    sources: Sequence[Source] = (FEEDBACK,),
    notes: Sequence[str] = (),
    question: str = "How?",
    **case: Any,
) -> ev.Subject:
    output = ChatOutput(answer=answer, sources=list(sources), notes=list(notes), thread_id="t")
    suite = SuiteFile(skill="chat", default_checks=["tone.label"], cases=[EvalCase(id="x", input={})])
    return ev.Subject(
        case=EvalCase(id="x", input={"message": question}, **case),
        suite=suite,
        output=output,
        observation=observe(ChatInput(message=question), output),
    )


@pytest.mark.parametrize(
    ("answer", "case", "status", "detail"),
    [
        ("Name the behaviour and its impact.", {"properties": {"has_sources": True}}, "pass", ""),
        ("Short.", {"properties": {"min_words": 3}}, "fail", "words is 1, expected min 3"),
        ("one two three four", {"properties": {"max_words": 3}}, "fail", "words is 4, expected max 3"),
        ("No citation here.", {"properties": {"cites": True}}, "fail", "cites is False, expected True"),
        (f"See {CITE}.", {"properties": {"cites": True, "citations": 1}}, "pass", ""),
        ("Anything", {}, "skip", "no properties required"),
    ],
)  # fmt: skip
def test_properties(answer: str, case: dict[str, Any], status: str, detail: str) -> None:
    result = ev.properties(subject(answer, **case))
    assert (result.status, detail in result.detail) == (status, True)


@pytest.mark.parametrize(
    ("answer", "repeats"),
    [
        ("Ask him what happened. Listen first.", 0),
        ("Ask him what happened. Ask him what happened!\n- ask HIM what happened", 2),
        ("Ask why. Ask why. Ask why.", 0),  # too short to count as looping
    ],
)
def test_repeated_sentences(answer: str, repeats: int) -> None:
    assert repeated_sentences(answer) == repeats


def test_chat_properties_report_nothing_found() -> None:
    observed = subject("General advice.", sources=(), notes=[NOTHING_FOUND]).observation.properties
    assert observed["nothing_found"] is True and observed["has_sources"] is False


@pytest.mark.parametrize(
    ("answer", "phrases", "status", "detail"),
    [
        ("Describe the Behaviour you saw.", ["behaviour"], "pass", ""),
        ("Describe the behavior.", [["behaviour", "behavior"]], "pass", ""),
        ("Say it in a 1‑on‑1 “soon”.", ['1-on-1 "soon"'], "pass", ""),  # non-breaking hyphen, curly quotes
        ("The impact.", ["behaviour", ["sbi", "situation"]], "fail", "'behaviour'; missing 'sbi' | 'situation'"),
        ("Anything", [], "skip", "nothing required"),
    ],
)  # fmt: skip
def test_must_include(answer: str, phrases: list[Any], status: str, detail: str) -> None:
    result = ev.must_include(subject(answer, must_include=phrases))
    assert result.status == status and detail in result.detail


@pytest.mark.parametrize(
    ("answer", "phrases", "status"),
    [("Be kind.", ["you are lazy"], "pass"), ("Tell him You Are  Lazy.", ["you are lazy"], "fail"), ("x", [], "skip")],
)
def test_must_not_include(answer: str, phrases: list[str], status: str) -> None:
    assert ev.must_not_include(subject(answer, must_not_include=phrases)).status == status


@pytest.mark.parametrize(
    ("answer", "checks", "status", "detail"),
    [
        ("Describe what happened.", None, "pass", "none in tone.label"),  # the suite default applies
        ("He is lazy.", None, "fail", "tone.label on 'lazy'"),
        ("He always is late.", None, "pass", ""),  # tone.absolute fires but is not required
        ("He always is late.", ["tone.*"], "fail", "tone.absolute"),
        ("He is lazy.", [], "skip", "no checks required"),  # a case may switch the checks off
    ],
)
def test_checks(answer: str, checks: list[str] | None, status: str, detail: str) -> None:
    result = ev.checks(subject(answer, checks=checks), FAKE_TOOLS)
    assert result.status == status and detail in result.detail


def test_checks_with_the_real_catalogue() -> None:
    assert ev.checks(subject("Sam is lazy and careless."), REAL_TOOLS).status == "fail"
    assert ev.checks(subject("Describe the missed reviews and their impact."), REAL_TOOLS).status == "pass"


@pytest.mark.parametrize(
    ("answer", "status", "detail"),
    [
        (f"Describe the impact on the team {CITE}.", "pass", "1 cited claim"),
        (f"Describe the impact on the customer. {CITE}", "pass", ""),  # a trailing citation belongs to the sentence
        (f"- Explain the impact on the deadline {CITE}\n- Then ask.", "pass", ""),
        ("Use SBI [handbook/feedback-guide.md].", "fail", "shares no content words"),  # path-only cite, no overlap
        ("Describe the impact [handbook/made-up.md#Impact].", "fail", "not among the retrieved sources"),
        ("Buy a cake for the office party [handbook/feedback-guide.md#Impact].", "fail", "shares no content words"),
        ("No citations at all.", "skip", "cites nothing"),
    ],
)
def test_citations(answer: str, status: str, detail: str) -> None:
    result = ev.citations(subject(answer))
    assert result.status == status and detail in result.detail


@pytest.mark.parametrize(
    ("answer", "question", "status", "detail"),
    [
        ("Describe the impact on the team.", "How?", "pass", ""),
        ("Talk to Marcus about it.", "Marcus missed reviews. How?", "pass", ""),  # from the input
        ("Talk to Marcus by 14 March.", "How?", "fail", "Marcus"),
        ("Reviews take 48 hours here.", "How?", "fail", "48"),
        (f"Describe the impact {CITE}.", "How?", "pass", ""),  # citations are references, not facts
    ],
)
def test_facts(answer: str, question: str, status: str, detail: str) -> None:
    result = ev.facts(subject(answer, question=question), REAL_TOOLS)
    assert result.status == status and detail in result.detail


def test_schema_passes_a_valid_output_and_fails_a_broken_one() -> None:
    good = subject("Fine.")
    assert ev.schema(good).status == "pass"
    broken = ChatOutput.model_construct(answer=None, sources=[], notes=[], invalid_citations=[], thread_id="t")
    bad = ev.Subject(case=good.case, suite=good.suite, output=broken, observation=Observation(text=""))
    result = ev.schema(bad)
    assert result.status == "fail" and "ChatOutput" in result.detail


def test_schema_fails_an_output_of_the_wrong_model() -> None:
    good = subject("Fine.")
    wrong = ev.Subject(good.case, good.suite, ChatInput(message="hi"), good.observation, output_model=ChatOutput)
    assert "returned ChatInput, not ChatOutput" in ev.schema(wrong).detail


def test_long_evidence_is_capped() -> None:
    result = ev.must_not_include(subject("a b c d e f g h i j", must_not_include=list("abcdefghij")))
    assert result.detail.endswith("; and 2 more") and result.detail.count("contains") == 8


def test_prose_drops_markdown_that_is_not_a_fact() -> None:
    text = "### Example Questions\n1. **Set Clear Goals**: Focus on impact.\n- ask **Marcus** about **SBI**"
    assert ev.prose(text) == "Example questions.\nSet clear goals. Focus on impact.\nask Marcus about SBI"


def test_evaluate_runs_every_deterministic_evaluator_in_order() -> None:
    names = [r.name for r in ev.evaluate(subject("Fine."), FAKE_TOOLS)]
    assert names == ["schema", "properties", "must_include", "must_not_include", "checks", "citations", "facts"]

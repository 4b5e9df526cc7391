"""Property tests for the rule catalogue (`coach lint`): any text is checked without an exception, and every finding
points at text that is really there, in order."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.checks import ArtifactKind, Audience, Finding, run_checks
from assistant.checks.files import lint_texts
from assistant.checks.sbi import sbi_part_offsets
from tests.robustness.strategies import texts

pytestmark = pytest.mark.fuzz

KINDS: tuple[ArtifactKind, ...] = get_args(ArtifactKind)
audiences = st.none() | st.sampled_from(get_args(Audience))


@st.composite
def sbi_texts(draw: st.DrawFn) -> str:
    """An SBI-shaped message with random parts, so the per-part rules and their relative spans are exercised."""
    labels = draw(st.permutations(["Situation:", "Behavior:", "Impact:", "Request:"]))
    return "\n".join(f"{label} {draw(texts)}" for label in labels[: draw(st.integers(1, 4))])


def _assert_spans_valid(text: str, findings: list[Finding]) -> None:
    offsets = sbi_part_offsets(text) if findings else {}
    for finding in findings:
        span = finding.span
        assert finding.rule and finding.message, finding
        if span is None:
            continue
        assert 0 <= span.start <= span.end, finding
        if span.field is None:
            assert span.end <= len(text), finding
            assert text[span.start : span.end] == span.text, finding
        elif span.field in offsets:
            start, end = offsets[span.field]
            assert start + span.end <= end, finding
            assert text[start + span.start : start + span.end] == span.text, finding


def _position(text: str, finding: Finding) -> int:
    span = finding.span
    if span is None:
        return -1
    if span.field is None:
        return span.start
    base = sbi_part_offsets(text).get(span.field)
    return base[0] + span.start if base else 10**9 + span.start


@pytest.mark.parametrize("kind", KINDS)
@given(text=texts, audience=audiences)
def test_any_text_is_checked_and_every_span_is_inside_it(kind: ArtifactKind, text: str, audience: Audience) -> None:
    findings = run_checks(text, kind, audience=audience)
    _assert_spans_valid(text, findings)
    positions = [_position(text, f) for f in findings]
    assert positions == sorted(positions), "findings are not in text order"


@given(text=sbi_texts())
def test_sbi_part_spans_point_into_their_part(text: str) -> None:
    _assert_spans_valid(text, run_checks(text, "sbi"))


@given(text=texts, kind=st.sampled_from(KINDS))
def test_lint_locates_every_finding_on_a_real_line_and_column(text: str, kind: ArtifactKind) -> None:
    [result] = lint_texts({"-": text}, kind)
    lines = text.split("\n")
    for located in result.findings:
        if located.start is None:
            continue
        assert located.line is not None and located.column is not None
        assert 1 <= located.line <= len(lines)
        assert 1 <= located.column <= len(lines[located.line - 1]) + 1


@given(text=texts, kind=st.sampled_from(KINDS))
def test_checks_are_deterministic(text: str, kind: ArtifactKind) -> None:
    assert run_checks(text, kind) == run_checks(text, kind)

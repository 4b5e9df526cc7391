"""Citations print as `[path#heading]` in the terminal: unescaped, rich took them for markup and dropped them."""

from __future__ import annotations

import io

from rich.console import Console

from assistant.cli.chat import render_sources
from assistant.cli.sbi import render
from assistant.skills.chat.models import ChatOutput
from assistant.skills.grounding import to_source
from assistant.skills.sbi.models import SBIResult
from tests.doubles import hit

SOURCE = to_source(hit("handbook/feedback-guide.md", heading_path=["Giving feedback"], line_start=25, line_end=29))


def rendered(draw: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, color_system=None)
    draw(console)  # type: ignore[operator]
    return buffer.getvalue()


def test_chat_sources_show_the_citation() -> None:
    output = ChatOutput(answer="a", sources=[SOURCE], notes=["see [x] here"], thread_id="t")
    text = rendered(lambda out: render_sources(out, output))
    assert "[handbook/feedback-guide.md#Giving feedback] lines 25-29" in text
    assert "see [x] here" in text


def test_sbi_sources_show_the_citation() -> None:
    result = SBIResult(situation="s", behavior="b", impact="i", request="r", message="m", sources=[SOURCE])
    text = rendered(lambda out: render(result, out))
    assert "source: [handbook/feedback-guide.md#Giving feedback] lines 25-29" in text


def test_a_draft_with_errors_left_is_not_offered_as_ready_and_private_facts_are_listed() -> None:
    from assistant.skills.private import Withheld

    result = SBIResult(
        status="needs_edits", situation="s", behavior="b", impact="i", request="r", message="m",
        withheld=[Withheld(text="CONFIDENTIAL: a reorg", reason="you marked it private or confidential")],
    )  # fmt: skip
    text = rendered(lambda out: render(result, out))
    assert "not ready to say as it is" in text and "Say it like this" not in text
    assert "Left out (private): CONFIDENTIAL: a reorg (you marked it private or confidential)" in text

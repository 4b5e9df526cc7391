"""Helpers for the eval tests: a tiny suite (two documents, three cases, the hash embedder) and a stand-in for
the real model while recording, so the record → replay → gate path runs offline in well under a second."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TINY_CASES = """\
skill: chat
knowledge: kb
embedder: hash
default_checks: [tone.label]
cases:
  - id: feedback
    smoke: true
    input: {message: "How do I give feedback about missed code reviews?"}
    properties: {has_sources: true, cites: true}
    must_include: [[behavior, behaviour]]
    must_not_include: [shape up]
    rubric: Names the behavior and its impact.
  - id: standup
    input: {message: "How many minutes should our standup take?"}
    properties: {has_sources: true}
  - id: off-topic
    input: {message: "Banana bread recipe please"}
    properties: {has_sources: false, nothing_found: true, cites: false}
"""

TINY_THRESHOLDS = """\
chat:
  min_pass_rate: 0.9
  evaluators: {schema: 1.0}
"""

DOCS = {
    "feedback.md": "# Feedback\n\n## Behavior and impact\n\nDescribe the behavior you saw, such as missed code "
    "reviews, and its impact on the team.\n",
    "standup.md": "# Standup\n\n## Length\n\nOur standup lasts fifteen minutes at most.\n",
}


def canned_reply(messages: list[dict[str, Any]]) -> str:
    """A plausible reply to the chat prompt: steps that fit the guidance offered, or a redirect when there is none."""
    user = messages[-1]["content"]
    if user.startswith("Rubric:"):
        return '{"score": 4, "reason": "Names the behavior and the impact."}'
    guidance = re.search(r"<guidance>(.*?)</guidance>", user, re.DOTALL)
    offered = guidance is not None and not guidance.group(1).startswith("(")
    if "feedback" in user.lower() and offered:
        return json.dumps({"steps": ["Name the behavior, the missed code reviews, and the impact on the team."]})
    if offered:
        return json.dumps({"steps": ["Keep the standup short and start on time."]})
    return json.dumps({"steps": ["Ask this coach about leading your team instead of recipes."]})


@pytest.fixture
def tiny_suite(tmp_path: Path) -> dict[str, Path]:
    root = tmp_path / "suite"
    (root / "kb").mkdir(parents=True)
    for name, text in DOCS.items():
        (root / "kb" / name).write_text(text, encoding="utf-8")
    (root / "cases.yaml").write_text(TINY_CASES, encoding="utf-8")
    (root / "thresholds.yaml").write_text(TINY_THRESHOLDS, encoding="utf-8")
    return {"cases": root / "cases.yaml", "thresholds": root / "thresholds.yaml", "fixtures": root / "fixtures",
            "out": root / "reports"}  # fmt: skip


@pytest.fixture
def canned_model(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[list[dict[str, Any]]], str]], None]:
    """While recording, answer misses with ``canned_reply`` (or a given function) instead of a real model."""
    from assistant.llm.fake import FakeProvider

    def use(reply: Callable[[list[dict[str, Any]]], str] = canned_reply) -> None:
        def record(self: FakeProvider, model: str, messages: list[dict[str, Any]], params: Any, path: Path) -> str:
            text = reply(messages)
            path.parent.mkdir(parents=True, exist_ok=True)
            fixture = {"model": model, "recorded_from": "canned", "messages": messages, "reply": text}
            path.write_text(json.dumps(fixture), encoding="utf-8")
            return text

        monkeypatch.setattr(FakeProvider, "_record", record)

    use()
    return use

"""The checkpoint serializer rebuilds every type a skill keeps in its state, so a resumed run gets models, not dicts."""

from __future__ import annotations

import logging
import typing

import pytest

from assistant.checks.base import Finding, Severity
from assistant.config import load_settings
from assistant.graph.checkpoint import model_types, open_checkpointer, serializer
from assistant.skills.registry import SKILLS, SkillName, all_skills
from assistant.skills.sbi.state import SBIState


def test_the_allowlist_covers_nested_models_and_enums() -> None:
    names = {t.__name__ for t in model_types(SBIState)}
    assert {"SBIRequest", "Recipient", "Analysis", "Fact", "Finding", "Severity", "Span", "SBIReply", "Source"} <= names


def test_state_values_round_trip_as_their_types_without_warnings(caplog: pytest.LogCaptureFixture) -> None:
    serde = serializer([skill.state for skill in all_skills()])
    finding = Finding.model_validate(
        {"rule": "tone.label", "severity": "error", "span": None, "message": "m", "fix": "f"}
    )
    with caplog.at_level(logging.WARNING):
        back = serde.loads_typed(serde.dumps_typed({"findings": [finding]}))
    assert back["findings"] == [finding] and back["findings"][0].severity is Severity.ERROR
    assert not [r for r in caplog.records if "msgpack" in r.getMessage() or "unregistered" in r.getMessage()]


def test_sqlite_checkpointer_lives_in_the_data_dir() -> None:
    settings = load_settings()
    saver = open_checkpointer(settings, [SBIState])
    assert (settings.data_dir / "checkpoints.sqlite").is_file()
    assert saver.serde is not None


def test_the_skill_name_literal_matches_the_registry() -> None:
    assert set(typing.get_args(SkillName)) == set(SKILLS)
    assert [skill.name for skill in all_skills()] == list(SKILLS)

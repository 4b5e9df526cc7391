"""The architecture doc's list of skills is the registry's: every skill, with its help line."""

from __future__ import annotations

from pathlib import Path

from assistant.skills.registry import SKILLS

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def test_every_registered_skill_is_listed_with_its_help() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, entry in SKILLS.items():
        assert f"| `{name}` | {entry.help} |" in text, f"docs/architecture.md: add the row for skill {name!r}"

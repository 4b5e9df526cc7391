"""One-click examples: fill a skill page's form from assistant/data/examples.yaml and open the page. Each page reads
its widget keys, so the example lands in the boxes a user would type into (and can be edited before sending)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from assistant.examples import examples

VIEWS = Path(__file__).resolve().parent / "views"
PAGES = {
    "home": str(VIEWS / "home.py"),
    "chat": str(VIEWS / "chat.py"),
    "feedback": str(VIEWS / "sbi.py"),
    "rehearse": str(VIEWS / "rehearse.py"),
    "status": str(VIEWS / "status.py"),
    "adr": str(VIEWS / "adr.py"),
    "knowledge": str(VIEWS / "knowledge.py"),
    "evals": str(VIEWS / "evals.py"),
    "settings": str(VIEWS / "settings.py"),
}
# Example field -> the page's widget key.
WIDGETS = {
    "chat": {"message": "chat_example"},
    "feedback": {"raw": "fb_input", "name": "fb_name", "role": "fb_role"},
    "rehearse": {"scenario": "rh_scenario"},
    "status": {"notes": "st_notes", "audience": "st_audience"},
    "adr": {"title": "adr_title", "notes": "adr_notes"},
}
# What a page shows of an earlier run, cleared so the example's form is what the page opens on.
EARLIER = {
    "feedback": {"fb_questions": [], "fb_result": None},
    "status": {"st_questions": [], "st_result": None},
    "adr": {"adr_result": None, "adr_written": None},
    "rehearse": {"rehearsal": None, "rehearsal_thread": None},
}
AUDIENCE_LABELS = {"exec": "Executives", "product": "Product", "team": "My team", "other_team": "Another team"}


def fill(skill: str) -> None:
    """Put the example into the page's widgets (session state), without opening the page."""
    fill_fields(skill, getattr(examples(), skill).fields)


def fill_fields(page: str, fields: Mapping[str, Any]) -> None:
    """Put ``fields`` (an example's, or an unanswered request's) into the page's widgets; others stay as they are."""
    st.session_state.update(EARLIER.get(page, {}))
    for field, key in WIDGETS[page].items():
        if isinstance(value := fields.get(field), str):
            st.session_state[key] = AUDIENCE_LABELS.get(value, value) if field == "audience" else value


def use_example(skill: str) -> None:
    """Fill the page and open it; pages with a form send it at once (one click from Home to a result)."""
    fill(skill)
    st.session_state["example_autorun"] = skill
    st.switch_page(PAGES[skill])


def autorun(skill: str) -> bool:
    """True once, on the page opened by a Home card: the page sends its form as if the button was pressed."""
    if st.session_state.get("example_autorun") != skill:
        return False
    del st.session_state["example_autorun"]
    return True


def example_button(skill: str, label: str = "Fill in an example") -> None:
    """The empty state's one-click example on a skill page itself."""
    example = getattr(examples(), skill)
    if st.button(label, key=f"{skill}_example", help=f"An example about the sample team: {example.blurb}"):
        fill(skill)
        st.rerun()

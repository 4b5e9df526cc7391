"""Shared by the pages: the cached service, the sidebar, and error display that never loses the user's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assistant.config import load_settings
from assistant.errors import CoachError

if TYPE_CHECKING:
    from assistant.service import CoachService
    from assistant.skills.grounding import Source


@st.cache_resource(show_spinner="Loading the coach…")
def get_service() -> CoachService:
    """One service per server process: the compiled graph, the checkpointer and the model are shared."""
    from assistant.service import CoachService

    return CoachService(load_settings())


def show_error(exc: CoachError) -> None:
    st.error(f"**{exc.message}**" + (f"\n\n{exc.hint}" if exc.hint else ""), icon="⚠️")


def show_sources(sources: list[Source], notes: list[str]) -> None:
    for note in notes:
        st.caption(f"ℹ️ {note}")
    if not sources:
        return
    with st.expander(f"Sources ({len(sources)})"):
        for source in sources:
            st.markdown(f"**`{source.citation}`** · lines {source.line_start}–{source.line_end} · {source.doc_type}")
            st.text(plain_snippet(source.snippet))


def plain_snippet(snippet: str) -> str:
    """A retrieved passage as plain text: its heading marks dropped (the citation already names the section), so a
    passage that starts with "# Feedback Guide" is not drawn as a page-size heading."""
    lines = [line.lstrip("#").strip() if line.lstrip().startswith("#") else line for line in snippet.splitlines()]
    return " ".join(" ".join(lines).split())


def sidebar(service: CoachService) -> None:
    with st.sidebar:
        st.markdown("### Tech Lead Coach")
        st.caption(f"Model: `{service.settings.model}`")
        if service.settings.is_local:
            st.caption("Runs on this machine; nothing leaves it.")

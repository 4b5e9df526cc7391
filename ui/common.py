"""Shared by the pages: the cached service, the sidebar, and error display that never loses the user's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assistant.config import load_settings
from assistant.errors import CoachError

if TYPE_CHECKING:
    from collections.abc import Callable

    from assistant.service import CoachService
    from assistant.skills.grounding import Source
    from assistant.threads import ThreadInfo


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


def minutes(iso: str | None, missing: str = "never") -> str:
    """An ISO time as the pages show it: "2026-12-03 10:26", no seconds or zone."""
    return iso[:16].replace("T", " ") if iso else missing


def earlier_threads(
    service: CoachService, skill: str, current: str | None, *, heading: str, limit: int,
    name: Callable[[ThreadInfo], str] = lambda info: info.title,
) -> str | None:  # fmt: skip
    """The sidebar's list of this skill's newest threads, other than the one on screen: the id of the one clicked
    (resumed by the page), else None. Listing never fails the page."""
    try:
        earlier = [t for t in service.threads(skill, limit=limit) if t.thread_id != current]
    except CoachError:
        return None
    if earlier:
        st.markdown(f"**{heading}**")
    for info in earlier:
        label = f"{name(info)} · {info.updated[:10]}"
        if st.button(label, key=f"{skill}_thread_{info.thread_id}", width="stretch", help=info.thread_id):
            return info.thread_id
    return None

"""Shared by the pages: the cached service, the sidebar, and error display that never loses the user's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assistant.config import load_settings
from assistant.errors import CoachError

if TYPE_CHECKING:
    from collections.abc import Callable

    from assistant.drafts import Draft
    from assistant.service import CoachService
    from assistant.skills.grounding import Source
    from assistant.threads import ThreadInfo


@st.cache_resource(show_spinner="Loading the coach…")
def get_service() -> CoachService:
    """One service per server process: the compiled graph, the checkpointer and the model are shared."""
    import os

    from assistant.service import CoachService
    from assistant.user_data import secure

    os.umask(0o077)  # what the app writes (threads, uploads, drafts) is readable by its owner only
    settings = load_settings()
    secure(settings.data_dir)  # and what earlier versions wrote
    return CoachService(settings)


def safe(text: str) -> str:
    """What every page passes to Streamlit for any text it did not write itself (a reply, a document, the lead's own
    words): no image is fetched and no HTML or script is drawn. Links stay as the service screened them
    (assistant/safety/output.py); tests/security/test_ui_safe.py checks every call site uses it."""
    from assistant.safety.output import safe_for_display

    return safe_for_display(text)


def show_error(exc: CoachError) -> None:
    st.error(safe(f"**{exc.message}**" + (f"\n\n{exc.hint}" if exc.hint else "")), icon="⚠️")


def show_sources(sources: list[Source], notes: list[str]) -> None:
    for note in notes:
        st.caption(safe(f"ℹ️ {note}"))
    if not sources:
        return
    with st.expander(safe(f"Sources ({len(sources)})")):
        for source in sources:
            st.markdown(
                safe(f"**`{source.citation}`** · lines {source.line_start}–{source.line_end} · {source.doc_type}")
            )
            st.text(plain_snippet(source.snippet))


def plain_snippet(snippet: str) -> str:
    """A retrieved passage as plain text: its heading marks dropped (the citation already names the section), so a
    passage that starts with "# Feedback Guide" is not drawn as a page-size heading."""
    lines = [line.lstrip("#").strip() if line.lstrip().startswith("#") else line for line in snippet.splitlines()]
    return " ".join(" ".join(lines).split())


def sidebar(service: CoachService, *, restores: tuple[str, str] | None = None) -> None:
    """The model in use; with ``restores=(skill, page)``, the skill's unanswered requests, one click from being
    back in the page's form."""
    from ui.example import fill_fields

    with st.sidebar:
        st.markdown("### Tech Lead Coach")
        st.caption(safe(f"Model: `{service.settings.model}`"))
        if service.settings.is_local:
            st.caption("Runs on this machine; nothing leaves it.")
        if restores and (draft := unanswered(service, restores[0])):
            fill_fields(restores[1], draft.request)
            st.rerun()


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
        st.markdown(safe(f"**{heading}**"))
    for info in earlier:
        label = f"{name(info)} · {info.updated[:10]}"
        if st.button(safe(label), key=f"{skill}_thread_{info.thread_id}", width="stretch", help=safe(info.thread_id)):
            return info.thread_id
    return None


def unanswered(service: CoachService, skill: str, current: str | None = None) -> Draft | None:
    """The sidebar's "Not answered yet": requests whose run failed, was stopped, or was cut off by the app stopping
    (kept on disk by the service). The one the lead picks is returned for the page to put back; none is lost by
    looking."""
    try:
        drafts = [d for d in service.drafts.all(skill) if d.thread_id != current][:5]
    except OSError:
        return None
    if drafts:
        st.markdown("**Not answered yet**")
    for draft in drafts:
        text = " ".join(draft.text.split())
        label = f"⚠️ {text[:50]}{'…' if len(text) > 50 else ''} · {minutes(draft.saved_at)}"
        if st.button(
            safe(label), key=f"{skill}_draft_{draft.thread_id}", width="stretch", help="Put it back to send again"
        ):
            return draft
    return None


def show_hidden(line: str) -> None:
    """What a run kept from a model that is not on this machine (``ResultEvent.hidden.line()``); nothing when the
    model is local or nothing was hidden."""
    if line:
        st.caption(safe(f"🔒 {line}"))

"""Status update page: raw notes and an audience in; the update previewed as it will read, in markdown, chat text or
email, with a copy button and a download; what was left out as private, the gaps to fill in, and where the colours
came from, listed beside it. The notes stay in the box through every error and every new draft."""

from __future__ import annotations

from collections.abc import Iterator

import streamlit as st

from assistant.errors import CoachError
from assistant.service import Event, ResultEvent, new_thread_id
from assistant.skills.base import Question
from assistant.skills.status.models import StatusInput, StatusResult
from assistant.skills.validation import validated
from ui.common import get_service, safe, show_error, show_hidden, sidebar
from ui.example import autorun, example_button
from ui.progress import working

AUDIENCES = {"Executives": "exec", "Product": "product", "My team": "team", "Another team": "other_team"}
FORMATS = {"Markdown": "markdown", "Chat (plain text)": "text", "Email": "email"}
SUFFIX = {"markdown": "md", "text": "txt", "email": "txt"}

state = st.session_state
state.setdefault("st_result", None)  # StatusResult dict once drafted (the update so far while questions wait)
state.setdefault("st_questions", [])  # Question dicts while the run waits for answers
state.setdefault("st_thread", new_thread_id())


def _consume(events: Iterator[Event]) -> None:
    final = None
    with working("Reading your notes") as progress:
        for event in events:
            progress.seen(event)
            final = event
    if isinstance(final, ResultEvent):
        state.st_result = final.output_as(StatusResult).model_dump(mode="json")
        state.st_questions = [q.model_dump() for q in final.questions]
        state.st_hidden = final.hidden.line()


def _draft(notes: str, audience: str, period: str) -> None:
    fields = {"notes": notes, "audience": audience, "period": period.strip() or None, "ask": True}
    request = validated(StatusInput, fields)
    state.st_thread = new_thread_id()
    _consume(get_service().run("status", request, state.st_thread))


def _questions_form(questions: list[Question]) -> None:
    st.info("Your notes leave these out. Answer what you know; a blank one stays 'to confirm' in the update.")
    with st.form("st_questions_form"):
        answers = {q.id: st.text_input(safe(q.text), key=f"st_q_{q.id}", help=safe(q.why)) for q in questions}
        if st.form_submit_button("Finish the update", type="primary"):
            _consume(get_service().resume(state.st_thread, answers))
            st.rerun()


def _form() -> None:
    with st.form("st_request"):
        st.text_area("Your notes: what happened, what is at risk, what you need. Messy is fine.", key="st_notes",
                     height=220, placeholder="- payouts: GA 8 Dec at risk, bank cert late. aisha chasing\n"
                     "- need grace to decide launch scope by 4 Dec\n- ravi out sick (DO NOT SHARE)")  # fmt: skip
        left, right = st.columns(2)
        left.selectbox("Who reads it", list(AUDIENCES), key="st_audience")
        right.text_input("Period (optional)", key="st_period", placeholder="week of 2026-11-30")
        submitted = st.form_submit_button("Draft the update", type="primary") or autorun("status")
    if not submitted:
        return
    notes = state.get("st_notes", "")
    if not notes.strip():
        st.warning("Write your notes first.")
        return
    _draft(notes, AUDIENCES[state.st_audience], state.get("st_period", ""))


def _result(result: StatusResult) -> None:
    left, right = st.columns([3, 2])
    with left:
        shown = st.radio("Format", list(FORMATS), horizontal=True, key="st_format")
        text = getattr(result, FORMATS[shown])
        preview, raw = st.tabs(["Preview", "Copy"])
        with preview:
            st.markdown(safe(result.markdown if FORMATS[shown] == "markdown" else f"```\n{text}\n```"))
        with raw:
            st.code(text, language="markdown" if FORMATS[shown] == "markdown" else None, wrap_lines=True)
        name = f"status-{result.date}-{result.audience}.{SUFFIX[FORMATS[shown]]}"
        st.download_button("Download", text, file_name=name, key="st_download")
    with right:
        colour = {"red": "🔴", "amber": "🟠", "green": "🟢"}[result.overall]
        st.markdown(safe(f"**Overall {colour} {result.overall}** · {result.words} words (budget {result.budget})"))
        for item in result.withheld:
            st.warning(safe(f"Left out: *{item.text}* ({item.reason})"))
        for gap in result.gaps:
            st.info(safe(f"To confirm: {gap}"))
        for finding in result.findings:
            st.error(safe(f"Still flagged: {finding}"))
        with st.expander("How it was read"):
            for note in result.notes:
                st.caption(safe(note))
            for source in result.sources:
                st.caption(safe(f"House format and workstream names from `{source}`"))


service = get_service()
sidebar(service, restores=("status", "status"))
st.title("Status update")
st.caption("Your notes in, an update for the people who read it out. Private lines never reach the model.")
try:
    if not state.get("st_notes") and not state.st_result:
        example_button("status")
    _form()
    if state.st_questions:
        _questions_form([Question.model_validate(q) for q in state.st_questions])
    if state.st_result:
        _result(StatusResult.model_validate(state.st_result))
        show_hidden(state.get("st_hidden", ""))
except CoachError as exc:
    show_error(exc)  # the notes stay in the box above

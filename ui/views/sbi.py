"""Feedback coach page: raw feedback in; questions as a form when facts are missing; the original and the SBI rewrite
side by side, with flagged spans highlighted (rule and fix on hover and in a list), a copy button and the sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import streamlit as st

from assistant.errors import CoachError
from assistant.service import ResultEvent, new_thread_id
from assistant.skills.sbi.models import Change, Question, SBIRequest, SBIResult
from assistant.skills.validation import validated
from ui.common import get_service, safe, show_error, show_hidden, show_sources, sidebar
from ui.example import autorun, example_button
from ui.progress import working
from ui.sbi_view import highlighted

RELATIONSHIPS = {"Direct report": "report", "Peer": "peer", "My manager": "manager", "Stakeholder": "stakeholder"}
POLARITIES = {"Work it out from my note": None, "Improvement": "improving", "Positive": "positive"}

state = st.session_state
state.setdefault("fb_thread", new_thread_id())
state.setdefault("fb_questions", [])  # Question dicts while the thread waits for answers
state.setdefault("fb_result", None)  # SBIResult dict once drafted
state.setdefault("fb_raw", "")


def _consume(events: Iterator[Any]) -> None:
    with working("Reading your note") as progress:
        for event in events:
            progress.seen(event)
            if isinstance(event, ResultEvent):
                state.fb_hidden = event.hidden.line()
            if isinstance(event, ResultEvent) and event.waiting:
                state.fb_questions = [q.model_dump() for q in event.questions]
                state.fb_changes = [c.model_dump() for c in event.output_as(SBIResult).changes]
                state.fb_result = None
            elif isinstance(event, ResultEvent):
                state.fb_questions = []
                state.fb_result = event.output_as(SBIResult).model_dump(mode="json")


def _request_form() -> None:
    if "fb_input" not in state and state.fb_raw:
        state.fb_input = state.fb_raw  # Streamlit drops a widget's value while the questions form replaces it
    with st.form("fb_request"):
        raw = st.text_area("What do you want to tell them? Write it as you feel it.", key="fb_input", height=120)
        left, right = st.columns(2)
        name = left.text_input("Their name", key="fb_name")
        role = right.text_input("Their role", key="fb_role", placeholder="e.g. senior engineer")
        relationship = left.selectbox("They are…", list(RELATIONSHIPS), key="fb_rel")
        polarity = right.selectbox("Kind of feedback", list(POLARITIES), key="fb_pol")
        facts = st.text_area("Facts you already know (one per line: when, what happened, the effect)", key="fb_facts")
        ask = st.text_input("What you'd like them to do instead, or keep doing (optional, recommended)", key="fb_ask",
                            placeholder="e.g. bring scope changes to planning before we commit")  # fmt: skip
        setting = st.text_input("Where you'll say it", key="fb_setting", placeholder="1:1, Slack DM, retro…")
        if not (st.form_submit_button("Rewrite as SBI", type="primary") or autorun("feedback")):
            return
    if not raw.strip():
        st.warning("Write the feedback first.")
        return
    fields = {
        "raw": raw,
        "recipient": {"name": name.strip(), "role": role.strip()} if name.strip() else None,
        "relationship": RELATIONSHIPS[relationship],
        "polarity": POLARITIES[polarity],
        "known_facts": [line for line in facts.splitlines() if line.strip()],
        "ask": ask,
        "setting": setting,
    }
    request = validated(SBIRequest, fields)  # an InputError names the field; the form keeps every word typed
    state.fb_thread, state.fb_raw = new_thread_id(), raw
    _consume(get_service().run("sbi", request, state.fb_thread))
    st.rerun()  # draw the questions form (or the result) in place of the request form


def _questions_form(questions: list[Question]) -> None:
    st.info("A few facts first. I won't invent a moment you didn't describe; leave a box empty to skip it.")
    changes = [Change.model_validate(c) for c in state.get("fb_changes", [])]
    if changes:
        st.markdown(highlighted(state.fb_raw, changes), unsafe_allow_html=True)
    with st.form("fb_questions_form"):
        answers: dict[str, str] = {}
        for q in questions:
            if q.choices:
                choice = st.radio(safe(q.text), q.choices, key=f"fb_q_{q.id}", help=safe(q.why), format_func=safe)
                answers[q.id] = str(q.choices.index(choice) + 1) if choice else ""
            else:
                answers[q.id] = st.text_input(safe(q.text), key=f"fb_q_{q.id}", help=safe(q.why))
        if st.form_submit_button("Continue", type="primary"):
            _consume(get_service().resume(state.fb_thread, answers))
            st.rerun()


def _rewrite(result: SBIResult) -> None:
    request_label = "Keep doing" if result.polarity == "positive" else "Request"
    for label, value in (("Situation", result.situation), ("Behavior", result.behavior), ("Impact", result.impact),
                         (request_label, result.request), ("Ask", result.opening_question)):  # fmt: skip
        st.markdown(safe(f"**{label}:** {value}"))
    if result.status == "needs_edits":
        st.warning("Not ready to say as it is: fix what is flagged below first.")
    else:
        st.caption("Ready to say (copy with the icon):")
    st.code(result.message, language=None, wrap_lines=True)
    for change in result.remaining:
        st.warning(safe(f"Still flagged · `{change.rule}` “{change.text}”: {change.why} Fix: {change.fix}"))


def _result(result: SBIResult) -> None:
    if result.status == "needs_facts":
        st.warning(safe(" ".join(result.notes) or "More facts are needed."))
        return
    left, right = st.columns(2)
    with left:
        st.subheader("Your note")
        st.markdown(highlighted(state.fb_raw, result.changes), unsafe_allow_html=True)
        for change in result.changes:
            st.markdown(safe(f"- `{change.rule}` **{change.text or 'whole note'}**: {change.why} *Fix:* {change.fix}"))
        for item in result.separate:
            st.markdown(safe(f"- Give separately: *{item}*"))
        for kept in result.withheld:
            st.markdown(safe(f"- Left out as private: *{kept.text}* ({kept.reason})"))
    with right:
        st.subheader("Rewrite")
        _rewrite(result)
    for note in result.delivery_notes:
        st.caption(safe(f"🗓️ {note}"))
    show_sources(result.sources, result.notes)
    _save_box(result)


def _save_box(result: SBIResult) -> None:
    with st.expander("Save to my private feedback log"):
        days = st.number_input("Follow up in (days)", min_value=0, max_value=365, value=14, key="fb_days")
        if st.button("Save", key="fb_save"):
            who = state.get("fb_name") or ""
            item = get_service().log_feedback(who, result.message, polarity=result.polarity, follow_up_days=int(days))
            st.success(safe(f"Saved as #{item.id}; follow up on {item.follow_up_on}."))


service = get_service()
sidebar(service, restores=("sbi", "feedback"))
with st.sidebar:
    st.caption(safe(f"Feedback thread `{state.fb_thread}`"))
    if st.button("New feedback", width="stretch"):
        state.fb_thread, state.fb_questions, state.fb_result = new_thread_id(), [], None
        st.rerun()

st.title("Feedback coach")
st.caption("Turn what you feel into feedback you can deliver: Situation, Behavior, Impact, and what you'd like next.")
try:
    if state.fb_questions:
        _questions_form([Question.model_validate(q) for q in state.fb_questions])
    elif state.fb_result:
        # The rewrite first; the form stays one click away, holding the last note (nothing typed is lost).
        _result(SBIResult.model_validate(state.fb_result))
        show_hidden(state.get("fb_hidden", ""))
        with st.expander("Rewrite another note"):
            _request_form()
    else:
        if not state.get("fb_input"):
            example_button("feedback")
        _request_form()
except CoachError as exc:
    show_error(exc)

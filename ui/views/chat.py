"""Chat page: the answer streams under a status box that names the step and counts the seconds from the moment the
question is sent; sources in an expander; a stop button for a long answer; a failed turn keeps the message and offers
a retry; earlier conversations are listed in the sidebar and resume after a reload."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import streamlit as st

from assistant.errors import CoachError
from assistant.examples import examples
from assistant.service import ResultEvent, TokenEvent, new_thread_id
from assistant.skills.chat.models import ChatOutput
from assistant.skills.chat.roles import WRONG_READING, read_as
from ui.common import earlier_threads, get_service, safe, show_error, show_hidden, show_sources, sidebar, unanswered
from ui.example import autorun
from ui.progress import Progress, working

STARTERS = (
    "How do I tell a senior engineer their code reviews are too harsh?",
    "What should go into a status update for executives when a project is slipping?",
)

state = st.session_state
state.setdefault("thread_id", new_thread_id())
state.setdefault("turns", [])  # dicts: role, content, sources, notes, failed, stopped


def _load_thread(thread_id: str) -> None:
    service = get_service()
    state.thread_id = thread_id
    state.turns = [{"role": t["role"], "content": t["content"]} for t in service.history(thread_id)]
    if (draft := service.unanswered(thread_id)) and draft.skill == "chat":  # failed, stopped or cut off by a restart
        state.turns.append({"role": "user", "content": draft.text, "failed": True})


def _stream(message: str, holder: dict[str, Any], progress: Progress) -> Iterator[str]:
    for event in get_service().run("chat", {"message": message}, state.thread_id):
        progress.seen(event)
        if isinstance(event, TokenEvent):
            holder["text"] = holder.get("text", "") + event.text
            state.chat_partial = {"message": message, "text": holder["text"]}  # kept if the lead presses Stop
            yield event.text
        elif isinstance(event, ResultEvent):
            holder["result"] = event.output_as(ChatOutput)
            holder["hidden"] = event.hidden.line()


def _send(message: str) -> None:
    state.turns.append({"role": "user", "content": message})
    with st.chat_message("user"):
        st.markdown(safe(message))
    with st.chat_message("assistant"):
        st.button("Stop", key="chat_stop", help="Stop this answer; what was written so far is kept")
        holder: dict[str, Any] = {}
        try:
            with working("Reading your question") as progress:
                st.write_stream(_stream(message, holder, progress))
        except CoachError as exc:
            state.turns[-1]["failed"] = True
            state.pop("chat_partial", None)
            show_error(exc)
            return
        state.pop("chat_partial", None)
        result = holder["result"]
        reading = f"Read as {read_as(result.role, result.counterpart)}. {WRONG_READING}"
        state.turns.append({"role": "assistant", "content": result.answer, "sources": result.sources,
                            "notes": result.notes, "reading": reading, "hidden": holder["hidden"]})  # fmt: skip
    st.rerun()  # redraw without the stop button


def _stopped() -> None:
    """The previous run was stopped mid-answer (the Stop button): keep what was written, marked as cut short."""
    partial = state.pop("chat_partial", None)
    if partial and state.turns and state.turns[-1]["role"] == "user":
        state.turns.append({"role": "assistant", "content": partial["text"], "stopped": True})


service = get_service()
sidebar(service)
_stopped()
autorun("chat")  # a Home card's question is in chat_example: it is sent below, once
with st.sidebar:
    st.caption(safe(f"Conversation `{state.thread_id}`"))
    if st.button("New conversation", width="stretch"):
        state.thread_id, state.turns = new_thread_id(), []
        st.rerun()
    if clicked := earlier_threads(service, "chat", state.thread_id, heading="Earlier conversations", limit=10):
        _load_thread(clicked)
        st.rerun()
    if draft := unanswered(service, "chat", state.thread_id):
        _load_thread(draft.thread_id)
        st.rerun()
    resume = st.text_input("Resume a conversation by id", placeholder="e.g. 3f2a9c1b7d4e")
    if resume and st.button("Resume", width="stretch"):
        _load_thread(resume.strip())
        st.rerun()

st.title("Coach chat")
st.caption("Ask about feedback, one-on-ones, delegation, status updates or decisions. Answers cite your team's docs.")

for turn in state.turns:
    with st.chat_message(turn["role"]):
        st.markdown(safe(turn["content"]))
        if turn.get("reading"):
            st.caption(safe(turn["reading"]))
        show_hidden(turn.get("hidden", ""))
        if turn.get("sources") or turn.get("notes"):
            show_sources(turn.get("sources", []), turn.get("notes", []))
        if turn.get("failed"):
            st.caption("⚠️ This message did not get an answer.")
        if turn.get("stopped"):
            st.caption("⏹️ Stopped: the answer was cut short here.")

if not state.turns:
    st.info("New here? Try one of these questions about the sample team, or ask your own below.")
    for number, question in enumerate((examples().chat.fields["message"], *STARTERS)):
        if st.button(safe(question), key=f"chat_starter_{number}"):
            state.chat_example = question

failed = [t for t in state.turns if t.get("failed")]
if failed and st.button("Retry the last message", type="primary"):
    last = failed[-1]
    state.turns.remove(last)
    _send(last["content"])

if prompt := st.chat_input("Ask the coach…"):
    _send(prompt)
elif example := state.pop("chat_example", None):
    _send(example)

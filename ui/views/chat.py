"""Chat page: streamed answers with their sources; a failed turn keeps the message and offers a retry."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.errors import CoachError
from assistant.service import ResultEvent, TokenEvent, new_thread_id
from assistant.skills.chat.models import ChatOutput
from assistant.skills.chat.roles import WRONG_READING, read_as
from ui.common import get_service, show_error, show_sources, sidebar

state = st.session_state
state.setdefault("thread_id", new_thread_id())
state.setdefault("turns", [])  # dicts: role, content, sources, notes, failed


def _load_thread(thread_id: str) -> None:
    service = get_service()
    state.thread_id = thread_id
    state.turns = [{"role": t["role"], "content": t["content"]} for t in service.history(thread_id)]


def _stream(message: str, holder: dict[str, Any]) -> Iterator[str]:
    for event in get_service().run("chat", {"message": message}, state.thread_id):
        if isinstance(event, TokenEvent):
            yield event.text
        elif isinstance(event, ResultEvent):
            holder["result"] = event.output_as(ChatOutput)


def _send(message: str) -> None:
    state.turns.append({"role": "user", "content": message})
    with st.chat_message("user"):
        st.markdown(message)
    with st.chat_message("assistant"):
        holder: dict[str, Any] = {}
        try:
            st.write_stream(_stream(message, holder))
        except CoachError as exc:
            state.turns[-1]["failed"] = True
            show_error(exc)
            return
        result = holder["result"]
        st.caption(f"Read as {read_as(result.role, result.counterpart)}. {WRONG_READING}")
        show_sources(result.sources, result.notes)
        state.turns.append(
            {"role": "assistant", "content": result.answer, "sources": result.sources, "notes": result.notes}
        )


service = get_service()
sidebar(service)
with st.sidebar:
    st.caption(f"Conversation `{state.thread_id}`")
    if st.button("New conversation", use_container_width=True):
        state.thread_id, state.turns = new_thread_id(), []
        st.rerun()
    resume = st.text_input("Resume a conversation by id", placeholder="e.g. 3f2a9c1b7d4e")
    if resume and st.button("Resume", use_container_width=True):
        _load_thread(resume.strip())
        st.rerun()

st.title("Coach chat")
st.caption("Ask about feedback, one-on-ones, delegation, status updates or decisions. Answers cite your team's docs.")

for turn in state.turns:
    with st.chat_message(turn["role"]):
        st.markdown(turn["content"])
        if turn.get("sources") or turn.get("notes"):
            show_sources(turn.get("sources", []), turn.get("notes", []))
        if turn.get("failed"):
            st.caption("⚠️ This message did not get an answer.")

failed = [t for t in state.turns if t.get("failed")]
if failed and st.button("Retry the last message", type="primary"):
    last = failed[-1]
    state.turns.remove(last)
    _send(last["content"])

if prompt := st.chat_input("Ask the coach…"):
    _send(prompt)

"""Home: what the coach does, one card per skill with a one-click example about the sample team, the model in use
and whether it runs on this machine, the state of the team's index, and the feedback follow-ups that are due."""

from __future__ import annotations

import streamlit as st

from assistant.errors import CoachError
from assistant.examples import examples
from ui.common import get_service, minutes, safe, show_error, sidebar
from ui.example import PAGES, use_example

service = get_service()
sidebar(service)
st.title("Tech Lead Coach")
st.markdown(
    "A coach for the conversations and documents of a tech lead's week, grounded in your team's own docs: "
    "feedback you can say out loud, a rehearsal before a hard one-on-one, status updates for each reader, and "
    "decision records that fit your log. It asks for facts instead of inventing them."
)

left, right = st.columns([2, 1])
with right, st.container(border=True):
    settings = service.settings
    st.markdown("**Model**")
    st.markdown(safe(f"`{settings.model}`"))
    if settings.is_local:
        st.caption("Runs on this machine: nothing you type leaves it. The first answer takes 20-50 s on two cores.")
    else:
        st.caption(safe(f"Calls {settings.api_base or settings.provider + ' (hosted)'}. Change it in Settings."))
    try:
        stats = service.knowledge().stats()
        st.markdown("**Your team's documents**")
        if stats.files:
            when = minutes(stats.last_ingest)
            st.caption(safe(f"{stats.files} files, {stats.chunks} passages indexed (last: {when})."))
        else:
            st.caption("Nothing indexed yet: answers will not cite your docs.")
            st.page_link(PAGES["knowledge"], label="Add documents", icon="📚")
    except CoachError as exc:
        show_error(exc)
    st.markdown("**Follow-ups due**")
    try:
        due = service.follow_ups_due()
    except CoachError as exc:
        due = []
        show_error(exc)
    if not due:
        st.caption("None today. Feedback you save on the Feedback page comes back here when its follow-up is due.")
    for item in due:
        st.markdown(safe(f"- **{item.recipient}**, given {item.given_on}: {item.message[:90]}"))

with left:
    shown = examples()
    cards = [("chat", shown.chat), ("feedback", shown.feedback), ("rehearse", shown.rehearse),
             ("status", shown.status), ("adr", shown.adr)]  # fmt: skip
    for row in range(0, len(cards), 2):
        columns = st.columns(2)
        for column, (skill, example) in zip(columns, cards[row : row + 2], strict=False):
            with column, st.container(border=True):
                st.markdown(safe(f"**{example.title}**"))
                st.caption(safe(example.blurb))
                # One label per card: five buttons all called "Try an example" read the same to a screen reader.
                if st.button(
                    safe(f"Try {example.title}"), key=f"home_try_{skill}", help="Opens the page with an example"
                ):
                    use_example(skill)

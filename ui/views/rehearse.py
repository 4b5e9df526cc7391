"""Rehearsal page: pick a scenario, read the prep sheet, talk to the counterpart, end it, read the scorecard (with
your own words quoted) and the trust and stress chart. The session id resumes it later, here or in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from assistant.errors import CoachError
from assistant.service import ResultEvent
from assistant.skills.rehearse.catalogue import catalogue
from assistant.skills.rehearse.models import MAX_TURN_CHARS, RehearseOutput
from assistant.skills.rehearse.scenario import TRAITS, Prep
from ui.common import earlier_threads, get_service, safe, show_error, show_hidden, sidebar
from ui.progress import working

state = st.session_state
state.setdefault("rehearsal", None)  # the latest RehearseOutput of the session on screen
state.setdefault("rehearsal_thread", None)


def _keep(event: ResultEvent) -> None:
    state.rehearsal_thread = event.thread_id
    state.rehearsal = event.output_as(RehearseOutput)
    state.rehearsal_hidden = event.hidden.line()


def _run(call: Any, label: str = "The counterpart is answering") -> None:
    try:
        with working(label) as progress:
            final = None
            for event in call():
                progress.seen(event)
                final = event
        if isinstance(final, ResultEvent):
            _keep(final)
    except CoachError as exc:
        show_error(exc)


def _prep(prep: Prep, name: str) -> None:
    st.markdown(safe(f"**Goal.** {prep.goal}"))
    st.markdown(safe(f"**Opening line.** “{prep.opening_line}”"))
    st.markdown(safe("**What you saw (SBI)**\n" + "\n".join(
        f"- {p.situation}: {p.behavior}. *Impact:* {p.impact}" for p in prep.sbi)))  # fmt: skip
    st.markdown(safe("**Questions to ask**\n" + "\n".join(f"- {q}" for q in prep.questions)))
    st.markdown(safe(f"**If it goes sideways.** {prep.sideways}"))
    st.markdown(safe(f"**Follow-up.** {prep.follow_up}"))
    st.caption(safe(f"{name} does not see this sheet."))


def _scorecard(out: RehearseOutput) -> None:
    debrief = out.debrief
    if debrief is None:
        return
    st.subheader("Debrief")
    left, middle, right = st.columns(3)
    left.metric("Score", f"{debrief.total}/{debrief.out_of}")
    middle.metric("Your share of the words", f"{round(debrief.talk_ratio * 100)}%")
    right.metric(f"{out.counterpart.split()[0]} opened up", "yes" if debrief.revealed else "no")
    st.write(safe(debrief.summary))
    for c in debrief.criteria:
        with st.container(border=True):
            st.markdown(safe(f"**{c.name}** · {'●' * c.score}{'○' * (2 - c.score)} {c.score}/2 · {c.evidence}"))
            if c.quote:
                st.markdown(safe(f"> {c.quote}"))
            st.caption(safe(f"Try instead: {c.better}"))
    lead = out.lead_lines()
    if lead:
        st.markdown("**Trust and stress over your lines**")
        st.line_chart({"trust": [line.trust for line in lead], "stress": [line.stress for line in lead]})


service = get_service()
sidebar(service)
found, broken = catalogue(service.settings)
ordered = sorted(found.values(), key=lambda s: (s.difficulty, s.id))
with st.sidebar:
    st.markdown("### Rehearsal")
    chosen_id = st.selectbox(
        "Scenario",
        [s.id for s in ordered],
        key="rh_scenario",
        format_func=lambda i: f"{found[i].title} ({'●' * found[i].difficulty})",
    )
    chosen = found[chosen_id]
    persona = st.selectbox("Counterpart's manner", ["as written", *TRAITS], help="Replace the scenario's traits")
    if st.button("Start rehearsal", type="primary", width="stretch"):
        request = {"scenario": chosen_id, "persona": None if persona == "as written" else persona}
        _run(lambda: service.run("rehearse", request), "Setting the scene")
    clicked = earlier_threads(
        service, "rehearse", state.rehearsal_thread, heading="Earlier rehearsals", limit=5,
        name=lambda info: found[info.title].title if info.title in found else info.title,  # titled by scenario id
    )  # fmt: skip
    if clicked and (paused := service.paused(clicked)) is not None:
        _keep(paused)
        st.rerun()
    resume = st.text_input("Resume a session by id", placeholder="e.g. 3f2a9c1b7d4e")
    if resume and st.button("Resume", width="stretch"):
        paused = service.paused(resume.strip())
        if paused is None or paused.skill != "rehearse":
            st.error("No rehearsal with that id.")
        else:
            _keep(paused)
    for path, why in broken.items():
        st.warning(safe(f"Skipped {Path(path).name}: {why.splitlines()[0]}"))

st.title("Rehearse a one-on-one")
out: RehearseOutput | None = state.rehearsal
if out is None:
    st.caption(safe(f"With {chosen.counterpart.name} ({chosen.counterpart.role}). {chosen.summary}"))
    st.info(safe(chosen.situation))
    with st.expander("Prep sheet", expanded=True):
        _prep(chosen.prep, chosen.counterpart.first_name)
    st.stop()

name = out.counterpart.split()[0]
st.caption(safe(f"{out.title} · with {out.counterpart} ({', '.join(out.traits)}) · session `{state.rehearsal_thread}`"))
with st.expander("Prep sheet"):
    _prep(out.prep, name)
for line in out.transcript:
    with st.chat_message(
        "user" if line.speaker == "lead" else "assistant", avatar=None if line.speaker == "lead" else "🧑"
    ):
        st.markdown(safe(line.text))
        if line.feels:
            st.caption(safe(line.feels))
for note in out.notes[-2:]:
    st.caption(safe(f"ℹ️ {note}"))
show_hidden(state.get("rehearsal_hidden", ""))

if out.status == "ended":
    _scorecard(out)
    st.stop()

thread = state.rehearsal_thread
unanswered = bool(out.transcript) and out.transcript[-1].speaker == "lead"
cols = st.columns(2)
if unanswered and cols[0].button(safe(f"Ask {name} again"), type="primary"):
    _run(lambda: service.resume(thread, {"turn": "/retry"}))
    st.rerun()
if cols[1].button("End and get the debrief"):
    _run(lambda: service.resume(thread, {"end": "ui"}), "Scoring the conversation")
    st.rerun()
if said := st.chat_input(f"Your line to {name}…", max_chars=MAX_TURN_CHARS):
    _run(lambda: service.resume(thread, {"turn": said}))
    st.rerun()

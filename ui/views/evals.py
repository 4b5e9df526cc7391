"""Evals page: the eval runs on record (this machine's, and the project's replayed runs), the pass rate per skill
over time with the held-out split apart, and the failing cases of a run with what each evaluator found."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant.errors import CoachError
from assistant.evals.history import RunRow
from ui.common import get_service, minutes, safe, show_error, sidebar

service = get_service()
sidebar(service)
st.title("Evals")
st.caption(
    "How each skill scores on its eval cases. Held-out cases were never tuned on: their pass rate is the honest one. "
    "Run `coach eval SKILL` (recorded replies) or `make eval` (the live model) to add a run."
)

history = service.eval_history()
for problem in history.unreadable:
    st.caption(safe(f"⚠️ Skipped an unreadable report: {problem}"))
if not history.runs:
    st.info("No eval reports yet. Run `make test` (replayed evals) or `coach eval sbi --mode replay`, then "
            "come back.")  # fmt: skip
    st.stop()

modes = sorted({r.mode for r in history.runs})
mode = st.radio("Runs", modes, horizontal=True, key="ev_mode",
                format_func={"live": "Live model", "replay": "Recorded replies"}.get)  # fmt: skip
runs = [r for r in history.runs if r.mode == mode]

latest: dict[str, RunRow] = {}
for run in runs:
    latest.setdefault(run.skill, run)
st.subheader("Latest run per skill")
st.dataframe(
    [
        {
            "skill": r.skill,
            "passed": f"{r.passed}/{r.cases}",
            "pass rate": f"{r.pass_rate:.0%}",
            "held-out": "-" if r.held_out is None else f"{r.held_out:.0%}",
            "gate": "passed" if r.gate_passed else "FAILED",
            "when": minutes(r.started_at),
            "model": r.model,
        }
        for r in latest.values()
    ],
    hide_index=True,
    width="stretch",
)

st.subheader("Pass rate over time")
full = [r for r in runs if r.selection == "all cases"]
if len(full) < 2:
    st.caption("One run of each skill so far: the chart starts with the second.")
else:
    points = [{"when": minutes(r.started_at), "skill": r.skill, "pass rate": r.pass_rate} for r in full]
    st.line_chart(sorted(points, key=lambda p: str(p["when"])), x="when", y="pass rate", color="skill")

st.subheader("Failing cases")
labels = {f"{r.skill} · {minutes(r.started_at)} · {r.passed}/{r.cases}": r for r in runs}
chosen = labels[st.selectbox("Run", list(labels), key="ev_run")]
try:
    failing = service.failing_cases(Path(chosen.file))
except CoachError as exc:
    failing = []
    show_error(exc)
if not failing:
    st.success("Every case passed in this run.")
for case in failing:
    with st.expander(safe(f"{case.id}{' (held-out)' if case.held_out else ''}: {case.status}")):
        if case.description:
            st.caption(safe(case.description))
        for found in case.found:
            st.markdown(safe(f"- {found}"))

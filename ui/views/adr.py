"""ADR page: a title and notes in; the next record of the team's log previewed in the log's template, with the
records it cites, a possible conflict and the supersede command, what is still flagged, a copy box, a download, and
a button that writes it into the log (never over an existing file). The notes stay in the box through every error."""

from __future__ import annotations

import streamlit as st

from assistant.errors import CoachError
from assistant.service import ResultEvent
from assistant.skills.adr.models import AdrInput, AdrResult
from assistant.skills.validation import validated
from ui.common import get_service, safe, show_error, show_hidden, sidebar
from ui.example import autorun, example_button
from ui.progress import working

TEMPLATES = {"The log's own": None, "Nygard": "nygard", "MADR": "madr"}
STATUSES = {"From my notes": None, "Proposed": "proposed", "Accepted": "accepted"}

state = st.session_state
state.setdefault("adr_result", None)  # AdrResult dict once drafted
state.setdefault("adr_written", None)  # the path written, once saved


def _draft() -> None:
    fields = {"title": state.get("adr_title", ""), "notes": state.get("adr_notes", ""),
              "template": TEMPLATES[state.adr_template], "status": STATUSES[state.adr_status]}  # fmt: skip
    request = validated(AdrInput, fields)  # an InputError names the field; the boxes keep what was typed
    final = None
    with working("Reading the ADR log") as progress:
        for event in get_service().run("adr", request):
            progress.seen(event)
            final = event
    if isinstance(final, ResultEvent):
        state.adr_result, state.adr_written = final.output_as(AdrResult).model_dump(mode="json"), None
        state.adr_hidden = final.hidden.line()


def _form() -> None:
    with st.form("adr_request"):
        st.text_input("The decision, as a title", key="adr_title", placeholder="Use Redis for session storage")
        st.text_area("Your notes: the problem, the options and their trade-offs, what was decided (if anything)",
                     key="adr_notes", height=200)  # fmt: skip
        left, right = st.columns(2)
        left.selectbox("Template", list(TEMPLATES), key="adr_template")
        right.selectbox("Status", list(STATUSES), key="adr_status")
        submitted = st.form_submit_button("Draft the record", type="primary") or autorun("adr")
    if not submitted:
        return
    if not state.get("adr_title", "").strip() or not state.get("adr_notes", "").strip():
        st.warning("Give the decision a title and write your notes first.")
        return
    _draft()


def _result(result: AdrResult) -> None:
    left, right = st.columns([3, 2])
    with left:
        preview, raw = st.tabs(["Preview", "Copy"])
        with preview:
            st.markdown(safe(result.markdown))
        with raw:
            st.code(result.markdown, language="markdown", wrap_lines=True)
        st.download_button("Download", result.markdown, file_name=result.file_name, key="adr_download")
        if state.adr_written:
            st.success(safe(f"Written to `{state.adr_written}`."))
        elif st.button(safe(f"Write {result.file_name} into {result.log_dir}"), key="adr_write"):
            state.adr_written = str(get_service().save_adr(result))
            st.rerun()
    with right:
        st.markdown(safe(f"**Record {result.number:04d}** · {result.template} · {result.status}"))
        for note in result.notes:
            st.info(safe(note))
        for rel in result.conflicts:
            st.warning(safe(f"May conflict with `{rel.file}` (accepted). If this record replaces it, run "
                       f"`coach adr supersede {rel.number} {result.number}` after writing it."))  # fmt: skip
        for finding in result.findings:
            st.error(safe(f"Still flagged: {finding}"))
        if result.related:
            with st.expander(safe(f"Related records ({len(result.related)})")):
                for rel in result.related:
                    st.caption(safe(f"`{rel.file}` · {rel.status or 'no status'} · similarity {rel.score}"))


service = get_service()
sidebar(service, restores=("adr", "adr"))
st.title("Architecture decision record")
st.caption("Your notes in, the next record of your ADR log out, in the log's own template. Undecided notes give a "
           "Proposed record with the options and open questions, never a made-up decision.")  # fmt: skip
try:
    if not state.get("adr_notes") and not state.adr_result:
        example_button("adr")
    _form()
    if state.adr_result:
        _result(AdrResult.model_validate(state.adr_result))
        show_hidden(state.get("adr_hidden", ""))
except CoachError as exc:
    show_error(exc)  # the title and notes stay in the boxes above

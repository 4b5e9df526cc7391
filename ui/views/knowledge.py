"""Knowledge page: what the coach can cite. The index's figures, files added from the browser (type and size checked,
then indexed with a progress bar), the team folder re-indexed, a search with citations, and a document taken out."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant.errors import CoachError
from assistant.knowledge.models import IngestProgress, IngestReport
from assistant.knowledge.uploads import KINDS
from ui.common import get_service, minutes, safe, show_error, sidebar

ACCEPTED = ["md", "markdown", "txt", "text", "rst", "html", "htm", "pdf"]
KIND_LABELS = {"handbook": "Handbook or guide", "adr": "Decision record (ADR)", "status": "Past status update",
               "other": "Something else"}  # fmt: skip

state = st.session_state
service = get_service()
sidebar(service)


def _ingest(paths: list[Path], label: str) -> IngestReport | None:
    bar = st.progress(0.0, text=f"{label}: checking files…")

    def show(event: IngestProgress) -> None:
        what = {"scan": "checking files", "embed": "embedding passages", "done": "done"}[event.phase]
        share = event.done / event.total if event.total else 0.0
        bar.progress(min(share, 1.0), text=f"{label}: {what} ({event.done}/{event.total or '?'})")

    try:
        report = service.knowledge().ingest(paths, progress=show)
    except CoachError as exc:
        bar.empty()
        show_error(exc)
        return None
    bar.progress(1.0, text=f"{label}: done in {report.seconds:.1f} s")
    service.reindexed()
    return report


def _report(report: IngestReport) -> None:
    counts = f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.removed} removed"
    st.success(safe(f"Indexed {report.files} files: {counts} ({report.total_chunks} passages in all)."))
    for skipped in report.skipped:
        st.warning(safe(f"Skipped `{skipped.path}`: {skipped.reason}"))
    for warning in report.warnings:
        st.caption(safe(f"ℹ️ {warning}"))


st.title("Knowledge")
st.caption("The team's own documents the coach cites: handbook, working agreements, ADR log, career ladder, past "
           "status updates. Everything stays on this machine.")  # fmt: skip

try:
    stats = service.knowledge().stats()
except CoachError as exc:
    show_error(exc)
    st.stop()
cols = st.columns(3)
cols[0].metric("Files", stats.files)
cols[1].metric("Passages", stats.chunks)
cols[2].metric("Embedder", stats.embedder or "-")
kinds = ", ".join(f"{kind} {n}" for kind, n in stats.by_doc_type.items())
last_time = minutes(stats.last_ingest)
st.caption(safe(f"Last indexed: {last_time}" + (f" · by kind: {kinds}" if kinds else "") + f" · store: {stats.store}"))
if not stats.files:
    st.info(safe(f"Nothing is indexed yet. Index the sample team's documents in `{service.settings.knowledge_dir}` to "
            "try the coach, or add your own files below."))  # fmt: skip

add, search, documents = st.tabs(["Add documents", "Search", "Documents"])

with add:
    with st.form("kb_upload", clear_on_submit=True):
        files = st.file_uploader("Files to add (Markdown, text, reStructuredText, HTML or PDF; 5 MB each at most)",
                                 type=ACCEPTED, accept_multiple_files=True, key="kb_files")  # fmt: skip
        kind = st.selectbox("What they are", list(KINDS), format_func=KIND_LABELS.__getitem__, key="kb_kind")
        sent = st.form_submit_button("Add and index", type="primary")
    if sent:
        saved = []
        for upload in files or []:
            try:
                saved.append(service.add_upload(upload.name, upload.getvalue(), kind))
            except CoachError as exc:
                show_error(exc)
        if saved and (report := _ingest([service.uploads_dir()], f"Indexing {len(saved)} file(s)")):
            _report(report)
        elif not files:
            st.warning("Choose at least one file first.")
    folder = service.settings.knowledge_dir
    st.markdown(safe(f"**The team folder** `{folder}`: only new and changed files are embedded again."))
    if st.button(safe(f"Index {folder}"), key="kb_reindex"):
        if not folder.is_dir():
            st.error(safe(f"There is no folder {folder}: set the knowledge folder in Settings or in coach.toml."))
        elif report := _ingest([folder], f"Indexing {folder}"):
            _report(report)

with search:
    query = st.text_input("Search your documents", key="kb_query", placeholder="how do we run incident reviews?")
    if query.strip():
        try:
            hits = service.knowledge().search(query, k=5)
        except CoachError as exc:
            hits = []
            show_error(exc)
        if not hits:
            st.caption("Nothing found. Index some documents first, or try other words.")
        for hit in hits:
            with st.container(border=True):
                st.markdown(safe(f"**`{hit.citation}`** · lines {hit.line_start}-{hit.line_end} · {hit.doc_type} · "
                            f"score {hit.score:.2f}"))  # fmt: skip
                body = " ".join(line for line in hit.text.splitlines() if not line.startswith("#"))
                st.caption(safe(body[:400] + ("…" if len(body) > 400 else "")))

with documents:
    try:
        docs = service.knowledge().documents()
    except CoachError as exc:
        docs = []
        show_error(exc)
    if not docs:
        st.caption("No documents indexed.")
    else:
        st.dataframe(
            [{"path": d.path, "kind": d.doc_type, "title": d.title, "passages": d.chunks} for d in docs],
            hide_index=True,
            width="stretch",
        )
        labels = {f"{d.path}  ({d.root})": d for d in docs}
        chosen = st.selectbox("Document to take out of the index", list(labels), key="kb_remove_choice")
        uploads = str(service.uploads_dir())
        doc = labels[chosen]
        if doc.root.startswith(uploads):
            st.caption("An upload: the file is deleted too.")
        else:
            st.caption("A file of a team folder: it comes back at the next index of that folder unless it is deleted.")
        if st.button("Remove from the index", key="kb_remove"):
            try:
                removed = service.remove_document(doc.root, doc.path)
                st.success(safe(f"Removed `{doc.path}` ({removed} passages)."))
            except CoachError as exc:
                show_error(exc)

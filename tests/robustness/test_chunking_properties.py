"""Property tests for the heading-aware chunker: any document gives chunks with real line ranges, text taken from
the document, no empty chunk, and the same chunks every time."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.knowledge.chunking import chunk_document, content_hash
from assistant.knowledge.loaders import load_bytes
from assistant.knowledge.models import Document
from tests.robustness.strategies import texts

pytestmark = pytest.mark.fuzz

# Markdown structure the chunker reacts to, mixed into random text.
markdown = st.lists(
    st.sampled_from(("# Title", "## Section", "### Sub", "####### not a heading", "```", "~~~", "", "", "- item"))
    | texts,
    max_size=60,
).map("\n".join)
_EDITOR_LINES = re.compile(r"\r\n|\r|\n")
budgets = st.tuples(st.integers(8, 300), st.integers(0, 40))


def _document(text: str) -> Document:
    lines = text.split("\n")
    return Document(
        path="doc.md", title="Doc", doc_type="other", text=text,
        line_map=tuple(range(1, len(lines) + 1)), source_format="markdown",
    )  # fmt: skip


def _words_between(doc: Document, first: int, last: int) -> set[str]:
    lines = doc.text.split("\n")
    return {w for i, n in enumerate(doc.line_map) if first <= n <= last for w in lines[i].split()}


@given(text=markdown | texts, budget=budgets)
def test_chunks_have_real_line_ranges_and_only_the_documents_words(text: str, budget: tuple[int, int]) -> None:
    max_tokens, overlap = budget
    doc = _document(text)
    chunks = chunk_document(doc, max_tokens=max_tokens, overlap=overlap)
    total_lines = len(doc.line_map)
    for number, chunk in enumerate(chunks):
        assert chunk.text.strip(), "empty chunk"
        assert 1 <= chunk.line_start <= chunk.line_end <= total_lines
        assert chunk.index == number
        assert chunk.content_hash == content_hash(chunk.text)
        assert chunk.embed_text.endswith(chunk.text)
        assert set(chunk.text.split()) <= _words_between(doc, chunk.line_start, chunk.line_end), chunk
        assert all(heading in text for heading in chunk.heading_path)
    if any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n")):
        assert chunks, "a document with text gave no chunk"


@given(text=markdown | texts, budget=budgets)
def test_chunking_is_deterministic(text: str, budget: tuple[int, int]) -> None:
    max_tokens, overlap = budget
    doc = _document(text)
    assert chunk_document(doc, max_tokens=max_tokens, overlap=overlap) == chunk_document(
        doc, max_tokens=max_tokens, overlap=overlap
    )


@given(text=markdown)
def test_loaded_markdown_chunks_cite_lines_of_the_file(text: str) -> None:
    """Through the loader, front matter and all: line numbers are the file's own, so a citation opens the right line."""
    loaded = load_bytes(text.encode("utf-8"), "doc.md", "markdown")
    if loaded.document is None:
        return
    file_lines = _EDITOR_LINES.split(text)  # how an editor numbers lines: a form feed or U+2028 starts none
    for chunk in chunk_document(loaded.document):
        assert 1 <= chunk.line_start <= chunk.line_end <= len(file_lines)
        cited = set(" ".join(file_lines[chunk.line_start - 1 : chunk.line_end]).split())
        assert set(chunk.text.split()) <= cited, chunk

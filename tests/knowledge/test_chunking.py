from __future__ import annotations

import itertools

from assistant.knowledge.chunking import approx_tokens, chunk_document
from assistant.knowledge.loaders import load_bytes
from assistant.knowledge.models import Document
from tests.knowledge.conftest import ON_CALL


def _doc(text: str, path: str = "doc.md") -> Document:
    result = load_bytes(text.encode(), path, "markdown")
    assert result.document is not None
    return result.document


def test_chunks_follow_headings_with_full_heading_paths_and_source_lines() -> None:
    chunks = chunk_document(_doc(ON_CALL, "handbook/on-call.md"))
    paths = [c.heading_path for c in chunks]
    assert paths == [
        ("On-call and Incidents",),
        ("On-call and Incidents", "Rotation"),
        ("On-call and Incidents", "Escalation"),
        ("On-call and Incidents", "Escalation", "After hours"),
    ]
    src = ON_CALL.splitlines()
    escalation = chunks[2]
    assert src[escalation.line_start - 1] == "## Escalation"
    assert src[escalation.line_end - 1] == "escalate to the engineering manager."
    assert all(c.doc_type == "process" and c.path == "handbook/on-call.md" for c in chunks)


def test_embedded_text_carries_title_and_headings_but_displayed_text_does_not() -> None:
    chunk = chunk_document(_doc(ON_CALL))[3]
    assert chunk.embed_text.startswith("On-call and Incidents: Escalation > After hours\n")
    assert not chunk.text.startswith("On-call and Incidents")
    assert chunk.text.startswith("### After hours")


def test_long_sections_are_split_within_the_token_budget_with_overlap() -> None:
    paragraphs = [" ".join(f"word{p}_{i}" for i in range(60)) + "." for p in range(8)]
    doc = _doc("# Long\n\n" + "\n\n".join(paragraphs) + "\n")
    chunks = chunk_document(doc, max_tokens=150, overlap=20)
    assert len(chunks) > 3
    assert all(approx_tokens(c.text) <= 150 for c in chunks)
    assert all(c.heading_path == ("Long",) for c in chunks)
    # consecutive chunks share a few words, and line ranges overlap or touch accordingly
    for before, after in itertools.pairwise(chunks):
        assert before.text.split()[-1] in after.text.split()[:25]
        assert after.line_start <= before.line_end


def test_a_single_huge_line_is_cut_into_word_windows_on_that_line() -> None:
    doc = _doc("# T\n\n" + " ".join(f"w{i}" for i in range(1000)) + "\n")
    chunks = chunk_document(doc, max_tokens=100, overlap=10)
    assert len(chunks) >= 10
    assert all(approx_tokens(c.text) <= 100 for c in chunks)
    assert {(c.line_start, c.line_end) for c in chunks[1:]} == {(3, 3)}


def test_hashes_in_code_fences_are_not_headings_and_empty_headings_make_no_chunk() -> None:
    text = "# Title\n\n## Empty\n\n## Code\n\n```bash\n# not a heading\necho hi\n```\n"
    chunks = chunk_document(_doc(text))
    assert [c.heading_path for c in chunks] == [("Title", "Code")]
    assert "# not a heading" in chunks[0].text


def test_content_hash_ignores_whitespace_and_differs_on_content() -> None:
    a = chunk_document(_doc("# T\n\nSame   words here.\n"))[0]
    b = chunk_document(_doc("# T\n\nSame words here.\n"))[0]
    c = chunk_document(_doc("# T\n\nOther words here.\n"))[0]
    assert a.content_hash == b.content_hash != c.content_hash


def test_approx_tokens_counts_punctuation() -> None:
    assert approx_tokens("a, b.") > approx_tokens("a b")

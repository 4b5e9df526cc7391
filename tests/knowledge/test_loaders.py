from __future__ import annotations

from pathlib import Path

import pytest

from assistant.knowledge.loaders import MAX_FILE_BYTES, infer_doc_type, load_bytes, load_file
from tests.knowledge.conftest import HTML, ON_CALL, RST, make_pdf


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_markdown_front_matter_sets_title_and_type_and_keeps_file_line_numbers() -> None:
    result = load_bytes(ON_CALL.encode(), "handbook/on-call.md", "markdown")
    doc = result.document
    assert doc is not None and not result.warnings
    assert (doc.title, doc.doc_type) == ("On-call and Incidents", "process")
    assert "owner:" not in doc.text  # front matter is not content
    first = doc.text.split("\n").index("# On-call and Incidents")
    assert doc.line_map[first] == ON_CALL.splitlines().index("# On-call and Incidents") + 1


def test_markdown_without_front_matter_takes_title_from_h1_and_type_from_folder() -> None:
    doc = load_bytes(b"intro\n\n# Use Kafka\n\ntext\n", "adr/0003-kafka.md", "markdown").document
    assert doc is not None
    assert (doc.title, doc.doc_type) == ("Use Kafka", "adr")


def test_invalid_front_matter_is_ignored_with_a_warning() -> None:
    result = load_bytes(b"---\ntitle: [unclosed\n---\n# Real title\n\nBody.\n", "x.md", "markdown")
    assert result.document is not None and result.document.title == "Real title"
    assert any("front matter ignored" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("path", "declared", "expected"),
    [
        ("adr/0001.md", None, "adr"),
        ("docs/status/2026-01.md", None, "status"),
        ("handbook/x.md", None, "handbook"),
        ("random/x.md", None, "other"),
        ("adr/0001.md", "Decision ", "decision"),
    ],
)
def test_doc_type_inference(path: str, declared: str | None, expected: str) -> None:
    assert infer_doc_type(path, declared) == expected


def test_text_file_title_comes_from_the_file_name() -> None:
    doc = load_bytes(b"Line one.\n\nLine two.\n", "team-lunch_notes.txt", "text").document
    assert doc is not None and doc.title == "Team lunch notes"
    assert doc.line_map == (1, 2, 3)


def test_rst_sections_become_markdown_headings_mapped_to_their_source_lines() -> None:
    doc = load_bytes(RST.encode(), "release.rst", "rst").document
    assert doc is not None and doc.title == "Release Guide"
    lines = doc.text.split("\n")
    src = RST.splitlines()
    assert [line for line in lines if line.startswith("#")] == ["# Release Guide", "## Canary", "### Rollback"]
    for heading, title in (("## Canary", "Canary"), ("### Rollback", "Rollback")):
        assert src[doc.line_map[lines.index(heading)] - 1] == title
    assert "=====" not in doc.text


def test_html_keeps_h1_to_h3_as_headings_and_drops_scripts() -> None:
    doc = load_bytes(HTML.encode(), "security.html", "html").document
    assert doc is not None and doc.title == "Security Basics"
    lines = doc.text.split("\n")
    assert "# Security Basics" in lines and "## Handling secrets" in lines
    assert "Rotate a leaked API key within one hour." in lines
    assert "- Never paste keys in chat" in lines
    assert "not text" not in doc.text and "color" not in doc.text
    src = HTML.splitlines()
    assert "Handling secrets" in src[doc.line_map[lines.index("## Handling secrets")] - 1]
    assert "Rotate a leaked" in src[doc.line_map[lines.index("Rotate a leaked API key within one hour.")] - 1]


def test_pdf_pages_become_page_sections() -> None:
    doc = load_bytes(make_pdf(["First page text", "Second page text"], "Budget"), "b.pdf", "pdf").document
    assert doc is not None and doc.title == "Budget"
    assert "## Page 2" in doc.text and "Second page text" in doc.text


def test_damaged_pdf_is_skipped_with_a_reason() -> None:
    result = load_bytes(b"%PDF-1.4 garbage", "broken.pdf", "pdf")
    assert result.document is None and result.skipped and "PDF" in result.skipped


def test_binary_file_is_skipped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = load_file(path, "image.md")
    assert result.document is None and result.skipped == "binary file (contains NUL bytes)"


def test_invalid_utf8_is_replaced_and_reported() -> None:
    result = load_bytes(b"# Caf\xe9\n\nMenu \xff\xfe here.\n", "menu.md", "markdown")
    assert result.document is not None and "\ufffd" in result.document.text
    assert len(result.warnings) == 1 and "menu.md" in result.warnings[0] and "invalid UTF-8" in result.warnings[0]


def test_files_over_the_size_limit_are_skipped_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    result = load_file(path, "huge.txt")
    assert result.document is None and result.skipped == "5.0 MB is over the 5 MB limit per file"


def test_unsupported_and_empty_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b\n")
    (tmp_path / "empty.md").write_text("   \n\n")
    assert load_file(tmp_path / "data.csv", "data.csv").skipped == "unsupported file type '.csv'"
    assert load_file(tmp_path / "empty.md", "empty.md").skipped == "no text"


def test_sample_docs_line_numbers_point_at_the_source(docs: Path) -> None:
    for rel in ("handbook/on-call.md", "handbook/release.rst", "handbook/security.html", "notes.txt"):
        doc = load_file(docs / rel, rel).document
        assert doc is not None
        src = _lines(docs / rel)
        for text, line in zip(doc.text.split("\n"), doc.line_map, strict=True):
            words = text.lstrip("#- ").split()
            if words:
                assert words[0] in src[line - 1], (rel, text, line)

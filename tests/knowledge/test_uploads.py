"""Files added from the browser: checked before anything is written (type, size, empty, unreadable), kept under the
data directory by kind, indexed like any folder, and taken out again; only uploads are ever deleted from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import InputError
from assistant.knowledge.loaders import MAX_FILE_BYTES
from assistant.knowledge.uploads import check_upload, safe_name
from assistant.service import CoachService

GUIDE = b"# Feedback guide\n\nSay what you saw, what it changed, and what you would like next time.\n"


def _service() -> CoachService:
    return CoachService(Settings(), llm=None, retriever=None, checkpointer="memory")


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("slides.pptx", b"x", ".pptx files cannot be indexed"),
        ("notes.md", b"", "notes.md is empty"),
        ("big.md", b"a" * (MAX_FILE_BYTES + 1), "over the 5 MB limit"),
        ("binary.txt", b"\x00\x01\x02" * 10, "cannot be read: binary file"),
    ],
)
def test_a_file_that_cannot_be_indexed_is_refused_with_the_reason(name: str, data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem.replace(".", r"\.")):
        check_upload(name, data)


def test_names_lose_their_folders_and_odd_characters() -> None:
    assert safe_name("../../etc/passwd.md") == "passwd.md"
    assert safe_name("C:\\Users\\me\\Team notes (v2).md") == "Team-notes-v2-.md"
    assert safe_name("...") == "document"


def test_an_upload_is_indexed_by_kind_searched_and_removed_with_its_file(tmp_path: Path) -> None:
    service = _service()
    saved = service.add_upload("feedback guide.md", GUIDE, "handbook")
    assert saved == service.uploads_dir() / "handbook" / "feedback-guide.md" and saved.read_bytes() == GUIDE
    report = service.knowledge().ingest([service.uploads_dir()])
    assert report.added == 1
    [doc] = service.knowledge().documents()
    assert (doc.path, doc.doc_type) == ("handbook/feedback-guide.md", "handbook")
    assert service.knowledge().search("what it changed")[0].citation.startswith("handbook/feedback-guide.md")
    assert service.remove_document(doc.root, doc.path) == doc.chunks
    assert service.knowledge().documents() == [] and not saved.exists()


def test_a_team_folder_file_is_taken_out_of_the_index_but_never_deleted(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "guide.md").write_bytes(GUIDE)
    service = _service()
    service.knowledge().ingest([folder])
    assert service.remove_document(str(folder), "guide.md") >= 1
    assert (folder / "guide.md").exists() and service.knowledge().documents() == []
    assert service.remove_document(str(folder), "guide.md") == 0  # already out: nothing to do, no error


def test_an_unknown_kind_is_refused_before_anything_is_written() -> None:
    service = _service()
    with pytest.raises(InputError, match="unknown kind"):
        service.add_upload("guide.md", GUIDE, "secrets")
    assert not (service.uploads_dir() / "secrets").exists()

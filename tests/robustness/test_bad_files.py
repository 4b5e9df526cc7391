"""Binary and non-UTF-8 files: `coach ingest` skips or indexes them with the reason said, an upload is refused before
anything is written, `coach lint` names the byte, and an ADR that is not UTF-8 is never rewritten from a lossy read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import InputError
from assistant.knowledge import KnowledgeBase
from assistant.knowledge.uploads import save_upload, uploads_dir
from tests.robustness.helpers import coach, fails_readably, raises_clearly

GUIDE = b"# Retro guide\n\nAsk what slowed the team down, then agree one change to try.\n"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
LATIN1 = "# Caf\xe9 rules\n\nThe caf\xe9 closes at five; retro notes go in the wiki.\n".encode("latin-1")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "guide.md").write_bytes(GUIDE)
    (folder / "diagram.md").write_bytes(BINARY)  # a picture saved under a text name
    (folder / "menu.txt").write_bytes(LATIN1)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n" + BINARY * 20)
    (folder / "empty.md").write_bytes(b"  \n\n")
    return folder


def test_ingest_skips_binary_files_and_says_why(docs: Path) -> None:
    result = coach(["ingest", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    skipped = {item["path"]: item["reason"] for item in report["skipped"]}
    assert skipped["diagram.md"] == "binary file (contains NUL bytes)"
    assert skipped["broken.pdf"].startswith("not a readable PDF")
    assert skipped["empty.md"] == "no text"
    assert report["added"] == 2  # the guide, and the Latin-1 file with its bad bytes replaced
    [warning] = report["warnings"]
    assert "menu.txt" in warning and "invalid UTF-8" in warning and "save the file as UTF-8" in warning


def test_ingest_prints_skips_and_the_encoding_warning_readably(docs: Path) -> None:
    result = coach(["ingest", str(docs)])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "diagram.md: binary file (contains NUL bytes)" in result.output
    assert "warning: menu.txt: invalid UTF-8" in result.output


def test_a_file_that_turns_binary_keeps_nothing_stale_and_the_rest_searchable(docs: Path) -> None:
    kb = KnowledgeBase(Settings())
    kb.ingest([docs])
    (docs / "menu.txt").write_bytes(BINARY)
    report = kb.ingest([docs])
    assert report.removed == 1 and any(s.path == "menu.txt" for s in report.skipped)  # its old chunks went
    assert [d.path for d in kb.documents()] == ["guide.md"]
    assert kb.search("agree one change")[0].path == "guide.md"


@pytest.mark.parametrize(
    ("name", "data", "problem", "fix"),
    [
        ("diagram.md", BINARY, ("diagram.md", "binary"), "markdown or plain text"),
        ("report.pdf", b"%PDF-1.4\n" + BINARY, ("report.pdf", "not a readable pdf"), "markdown or plain text"),
        ("slides.pptx", GUIDE, ("slides.pptx", "cannot be indexed"), ".md"),
        ("blank.md", b"", ("blank.md", "empty"), "some text"),
        ("spaces.md", b" \n\t\n", ("spaces.md", "no text"), "markdown or plain text"),
    ],
)
def test_an_upload_that_cannot_be_read_is_refused_and_nothing_is_written(
    name: str, data: bytes, problem: tuple[str, ...], fix: str
) -> None:
    data_dir = Settings().ensure_data_dir()
    raises_clearly(InputError, lambda: save_upload(data_dir, name, data, "handbook"), problem, fix)
    assert not uploads_dir(data_dir).exists() or not any(uploads_dir(data_dir).rglob("*"))


def test_a_bad_upload_never_replaces_a_good_one_of_the_same_name() -> None:
    data_dir = Settings().ensure_data_dir()
    saved = save_upload(data_dir, "guide.md", GUIDE, "handbook")
    with pytest.raises(InputError):
        save_upload(data_dir, "guide.md", BINARY, "handbook")
    assert saved.read_bytes() == GUIDE


def test_a_latin1_upload_is_kept_as_given_and_indexed_with_a_warning() -> None:
    data_dir = Settings().ensure_data_dir()
    saved = save_upload(data_dir, "menu.txt", LATIN1, "other")
    assert saved.read_bytes() == LATIN1
    report = KnowledgeBase(Settings()).ingest([uploads_dir(data_dir)])
    assert report.added == 1 and "save the file as UTF-8" in report.warnings[0]


def test_lint_names_the_undecodable_byte_instead_of_checking_replaced_text(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_bytes("Sam is lazy.\nHe said \u201cfine\u201d and left.\n".encode("cp1252"))  # 0x93, 0x94
    fails_readably(coach(["lint", str(note)]), ("note.md", "not utf-8", "0x93", "line 2"), "utf-8")
    fails_readably(coach(["lint", str(tmp_path)]), ("folder",), "name a file")


def test_lint_of_a_binary_file(tmp_path: Path) -> None:
    picture = tmp_path / "picture.md"
    picture.write_bytes(BINARY)
    fails_readably(coach(["lint", str(picture)]), ("picture.md", "binary"), "text or markdown")


def test_superseding_a_record_that_is_not_utf8_changes_neither_file(tmp_path: Path) -> None:
    from assistant.skills.adr.log import read_log, supersede

    folder = tmp_path / "adr"
    folder.mkdir()
    old = folder / "0001-use-mysql.md"
    new = folder / "0002-use-postgres.md"
    old_bytes = "# 1. Use MySQL\n\nStatus: Accepted\n\nCaf\xe9 team decision.\n".encode("latin-1")
    new_bytes = b"# 2. Use Postgres\n\nStatus: Accepted\n\nWe move the ledger.\n"
    old.write_bytes(old_bytes)
    new.write_bytes(new_bytes)
    raises_clearly(InputError, lambda: supersede(read_log(folder), 1, 2), ("0001-use-mysql.md", "not utf-8"), "utf-8")
    fails_readably(coach(["adr", "supersede", "1", "2", "--dir", str(folder)]), ("0001-use-mysql.md", "0xe9"), "utf-8")
    assert old.read_bytes() == old_bytes and new.read_bytes() == new_bytes

"""Property tests for the loaders and the upload check: any bytes, under any supported extension, become a document
or a stated reason to skip (an ``InputError`` for an upload); never another exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.knowledge.loaders import FORMATS, load_bytes, load_file
from assistant.knowledge.uploads import check_upload, safe_name
from tests.robustness.strategies import file_bytes, texts

pytestmark = pytest.mark.fuzz

extensions = st.sampled_from(sorted(FORMATS))
# Bytes that start like a real file of the format, so the parsers get past their first check.
_HEADERS = {
    "pdf": b"%PDF-1.4\n",
    "html": b"<!doctype html><html><head><title>T</title></head><body><h1>H</h1>",
    "markdown": b"---\ntitle: T\ntype: adr\n---\n# H\n",
    "rst": b"Title\n=====\n\n.. note::\n\n",
    "text": b"",
}
structured = st.tuples(st.sampled_from(sorted(_HEADERS)), file_bytes).map(lambda pair: _HEADERS[pair[0]] + pair[1])
any_bytes = file_bytes | structured


def _check_result(data: bytes, ext: str, path: str) -> None:
    result = load_bytes(data, path, FORMATS[ext])
    assert (result.document is None) != (result.skipped is None), result
    if result.document is not None:
        doc = result.document
        assert doc.path == path and doc.title.strip()
        assert len(doc.line_map) == len(doc.text.split("\n"))
        assert list(doc.line_map) == sorted(doc.line_map) and all(n >= 1 for n in doc.line_map)
        assert "\x00" not in doc.text or FORMATS[ext] == "pdf"
    else:
        assert result.skipped and result.skipped.strip()
    assert all(isinstance(w, str) and w for w in result.warnings)


@given(data=any_bytes, ext=extensions)
def test_any_bytes_load_as_a_document_or_a_reason(data: bytes, ext: str) -> None:
    _check_result(data, ext, f"team/doc{ext}")


@given(data=any_bytes, ext=extensions)
def test_an_upload_is_accepted_with_a_safe_name_or_refused_in_words(data: bytes, ext: str) -> None:
    try:
        name = check_upload(f"notes{ext}", data)
    except InputError as exc:
        assert exc.message.startswith(f"notes{ext}") and exc.hint
    else:
        assert name == f"notes{ext}"


@given(name=texts)
def test_any_upload_name_becomes_a_plain_file_name(name: str) -> None:
    safe = safe_name(name)
    assert safe and "/" not in safe and "\\" not in safe and safe not in {".", ".."}
    assert not safe.startswith(".") and not safe.startswith("-")


@given(text=texts, ext=extensions)
def test_text_written_to_disk_loads_from_the_file(
    tmp_path_factory: pytest.TempPathFactory, text: str, ext: str
) -> None:
    folder = tmp_path_factory.mktemp("load")
    path = Path(folder) / f"doc{ext}"
    path.write_bytes(text.encode("utf-8"))
    result = load_file(path, path.name)
    assert (result.document is None) != (result.skipped is None)

import hashlib
from pathlib import Path

import pytest

from assistant.errors import LLMError
from assistant.llm import model_files
from assistant.llm.local import translate_response_format
from assistant.llm.model_files import ModelSpec


@pytest.fixture
def tiny_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ModelSpec, list[Path]]:
    """A three-part 'model' of known bytes, standing in for the 22 real chunk packages."""
    chunks = [b"GGUF" + bytes([i]) * 1000 for i in range(3)]
    parts = []
    for index, chunk in enumerate(chunks, start=1):
        path = tmp_path / f"part{index:02d}.bin"
        path.write_bytes(chunk)
        parts.append(path)
    whole = b"".join(chunks)
    spec = ModelSpec("tiny", "tiny_part", 3, hashlib.sha256(whole).hexdigest(), len(whole), "tiny-part1..3")
    monkeypatch.setitem(model_files.MODELS, "tiny", spec)
    monkeypatch.setattr(model_files, "part_files", lambda s: list(parts))
    return spec, parts


def test_assembles_verifies_and_then_skips_work(tmp_path: Path, tiny_model: tuple[ModelSpec, list[Path]]) -> None:
    spec, _ = tiny_model
    model_dir = tmp_path / "models"
    seen: list[int] = []
    path = model_files.ensure_model(model_dir, "tiny", progress=lambda done, total: seen.append(done))
    assert path.stat().st_size == spec.size and seen[-1] == spec.size
    assert model_files.status(model_dir, "tiny").verified
    # Second call: only size and mtime are compared, so no progress is reported.
    seen.clear()
    assert model_files.ensure_model(model_dir, "tiny", progress=lambda d, t: seen.append(d)) == path
    assert seen == []
    assert model_files.require_verified(model_dir, "tiny") == path


def test_a_changed_file_is_reverified_and_a_corrupt_one_removed(
    tmp_path: Path, tiny_model: tuple[ModelSpec, list[Path]]
) -> None:
    model_dir = tmp_path / "models"
    path = model_files.ensure_model(model_dir, "tiny")
    data = bytearray(path.read_bytes())
    data[10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(LLMError) as caught:
        model_files.require_verified(model_dir, "tiny")
    assert "not verified" in caught.value.message
    with pytest.raises(LLMError, match="wrong checksum"):
        model_files.ensure_model(model_dir, "tiny")
    assert not path.exists()


def test_missing_parts_name_the_fix(tmp_path: Path, tiny_model: tuple[ModelSpec, list[Path]]) -> None:
    _, parts = tiny_model
    parts.pop()
    with pytest.raises(LLMError) as caught:
        model_files.ensure_model(tmp_path / "models", "tiny")
    assert "2/3" in caught.value.message and "make model" in caught.value.hint


def test_unknown_model_lists_the_known_ones() -> None:
    with pytest.raises(LLMError) as caught:
        model_files.spec_for("gpt-9")
    assert "local/qwen2.5-coder-1.5b-instruct" in caught.value.hint


def test_json_schema_format_becomes_a_llama_cpp_grammar() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    openai_shape = {"type": "json_schema", "json_schema": {"name": "X", "schema": schema}}
    assert translate_response_format(openai_shape) == {"type": "json_object", "schema": schema}
    assert translate_response_format({"type": "json_object"}) == {"type": "json_object"}
    assert translate_response_format({"type": "text"}) is None
    assert translate_response_format(None) is None

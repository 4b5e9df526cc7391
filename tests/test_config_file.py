"""Settings saved from the Settings page: only the page's keys, the rest of coach.toml kept, validated before the
file is replaced (a bad value leaves the old file), and environment variables named when they hide a saved value."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config_file import dumps, hidden_by_env, save
from assistant.errors import ConfigError


def test_saving_keeps_the_other_keys_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "coach.toml"
    path.write_text('debug = true\n\n[adr]\ntemplate = "madr"\n', encoding="utf-8")
    settings = save({"model": "ollama/llama3.1", "api_base": "http://localhost:11434", "temperature": 0.4}, path)
    text = path.read_text(encoding="utf-8")
    assert 'model = "ollama/llama3.1"' in text and "debug = true" in text and '[adr]\ntemplate = "madr"' in text
    assert settings.model == "ollama/llama3.1" and settings.adr.template == "madr"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [({"temperature": 5.0}, "temperature"), ({"model": "gpt"}, "provider/model"), ({"api_key": "x"}, "cannot be")],
)
def test_a_bad_value_is_refused_and_the_file_is_left_as_it_was(
    tmp_path: Path, changes: dict[str, object], problem: str
) -> None:
    path = tmp_path / "coach.toml"
    path.write_text('model = "local/qwen2.5-coder-1.5b-instruct"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        save(changes, path)
    assert path.read_text(encoding="utf-8") == 'model = "local/qwen2.5-coder-1.5b-instruct"\n'


def test_an_empty_value_removes_the_key_and_strings_are_quoted_safely() -> None:
    assert (
        dumps({"model": 'a/"b"', "api_base": None or "", "t": 0.5}) == 'model = "a/\\"b\\""\napi_base = ""\nt = 0.5\n'
    )


def test_environment_variables_that_hide_saved_values_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_MODEL", "fake/coach")
    monkeypatch.delenv("COACH_DATA_DIR")
    assert hidden_by_env() == ["model"]

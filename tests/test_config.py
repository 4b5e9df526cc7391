from pathlib import Path

import pytest

from assistant.config import DEFAULT_LOCAL_MODEL, load_settings
from assistant.errors import ConfigError


def test_defaults_use_the_embedded_model(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.model == DEFAULT_LOCAL_MODEL
    assert settings.is_local
    assert settings.data_dir.name == "coach-data"  # from the test's COACH_DATA_DIR


def test_env_overrides_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "coach.toml"
    toml.write_text('model = "ollama/llama3.1"\ntemperature = 0.5\n', encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(toml))
    monkeypatch.setenv("COACH_TEMPERATURE", "0.9")
    settings = load_settings()
    assert settings.model == "ollama/llama3.1"
    assert settings.temperature == 0.9
    assert not settings.is_local


@pytest.mark.parametrize(
    ("env", "value", "needle"),
    [
        ("COACH_TEMPERATURE", "7", "temperature"),
        ("COACH_MAX_TOKENS", "lots", "max_tokens"),
        ("COACH_MODEL", "gpt4", "provider/model"),
        ("COACH_RETRIES", "-1", "retries"),
    ],
)
def test_bad_values_give_one_readable_error(monkeypatch: pytest.MonkeyPatch, env: str, value: str, needle: str) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert needle in caught.value.message
    assert "COACH_" in caught.value.hint


def test_malformed_toml_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "coach.toml"
    toml.write_text("model = [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(toml))
    with pytest.raises(ConfigError, match=r"coach\.toml"):
        load_settings()


def test_unknown_toml_key_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "coach.toml"
    toml.write_text('modle = "typo/x"\n', encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(toml))
    with pytest.raises(ConfigError, match="modle"):
        load_settings()


def test_unwritable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    settings = load_settings(data_dir=blocker / "sub")
    with pytest.raises(ConfigError, match="data directory"):
        settings.ensure_data_dir()

"""Settings: environment variables ``COACH_*`` override an optional ``coach.toml``, which overrides defaults.

Settings are loaded once at the edge (CLI, UI, eval runner) and passed down; library code never reads the
environment itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant.adr_policy import AdrPolicy
from assistant.errors import ConfigError
from assistant.status_policy import StatusPolicy

DEFAULT_LOCAL_MODEL = "local/qwen2.5-coder-1.5b-instruct"
# Employee ids the privacy filter hides by default: "EMP-12345", "emp_0042", "EID 88231", "E123456". Level names such
# as "E4" are too short to match. Defined here, not in assistant/privacy, so reading settings stays fast.
DEFAULT_EMPLOYEE_ID = r"\b(?:EMP|EMPL|EID)[-_# ]?\d{3,8}\b|\bE\d{5,7}\b"
EmbedderName = Literal["minilm", "wordllama", "hash"]


def default_data_dir() -> Path:
    """Per-user data directory, following XDG so it is easy to find and to back up."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "techlead-coach"


def default_model_dir() -> Path:
    """Assembled model files are re-derivable from installed packages, so they belong in the cache."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "techlead-coach" / "models"


def config_file() -> Path:
    """``COACH_CONFIG`` names the TOML file; otherwise ``coach.toml`` in the working directory."""
    return Path(os.environ.get("COACH_CONFIG", "coach.toml"))


class Settings(BaseSettings):
    """Everything a user can configure. Field names map to ``COACH_<NAME>`` and to keys in coach.toml."""

    # COACH_ADR__TEMPLATE=madr sets [adr] template = "madr" in coach.toml.
    model_config = SettingsConfigDict(
        env_prefix="COACH_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    model: str = Field(DEFAULT_LOCAL_MODEL, description="litellm model name, e.g. ollama/llama3.1")
    api_base: str | None = Field(None, description="base URL for an OpenAI-compatible or Ollama server")
    api_key: SecretStr | None = Field(None, description="API key for hosted models")
    data_dir: Path = Field(default_factory=default_data_dir, description="index, checkpoints, logs, reports")
    model_dir: Path = Field(default_factory=default_model_dir, description="where the embedded GGUF is assembled")
    temperature: float = Field(0.2, ge=0.0, le=2.0)
    max_tokens: int = Field(512, ge=16, le=8192)
    request_timeout: float = Field(180.0, gt=0, le=3600, description="seconds per model call")
    retries: int = Field(2, ge=0, le=10, description="retries on timeouts, 429 and 5xx")
    seed: int = Field(7, description="sampling seed, for repeatable local runs")
    n_ctx: int = Field(4096, ge=2048, le=32768, description="context window of the embedded model")
    n_threads: int = Field(default_factory=lambda: os.cpu_count() or 2, ge=1, le=256)
    prompt_cache_mb: int = Field(
        1024, ge=0, le=65536, description="RAM for the embedded model's saved prompt states (0 turns it off)"
    )
    knowledge_dir: Path = Field(Path("knowledge"), description="folder indexed by `make run`")
    embedder: EmbedderName = Field("minilm", description="minilm (default), wordllama (fast), hash (tests)")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server; local files if unset")
    judge_model: str | None = Field(None, description="optional LLM judge for evals; off when unset")
    debug: bool = Field(False, description="log prompts and replies (your text) in the call log")
    privacy: Literal["auto", "on", "off"] = Field(
        "auto",
        description="replace people, emails, phone numbers, links with tokens and employee ids with placeholders "
        "before text goes to the model, and put them back in the reply (docs/privacy.md): auto = on unless the "
        "model runs on this machine (local/…, fake/…, Ollama or an api_base on localhost), on, off",
    )
    privacy_roster: list[str] = Field(
        default_factory=list, description="names always hidden, besides the roster read from the team's documents"
    )
    employee_id_pattern: str = Field(
        DEFAULT_EMPLOYEE_ID, description="regular expression for your employee ids (matched ignoring case)"
    )
    adr: AdrPolicy = Field(default_factory=AdrPolicy, description="[adr]: template, required status and date, log")
    status: StatusPolicy = Field(default_factory=StatusPolicy, description="[status]: cadence and title of updates")

    @field_validator("model")
    @classmethod
    def _model_has_provider(cls, value: str) -> str:
        if "/" not in value or value.startswith("/") or value.endswith("/"):
            raise ValueError("must look like 'provider/model', e.g. 'local/qwen2.5-coder-1.5b-instruct'")
        return value

    @field_validator("employee_id_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from exc
        return value

    @field_validator("data_dir", "knowledge_dir", "model_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return (init_settings, env_settings, toml)

    @property
    def is_local(self) -> bool:
        return self.model.startswith("local/")

    @property
    def provider(self) -> str:
        return self.model.split("/", 1)[0]

    @property
    def privacy_applies(self) -> bool:
        """Whether text is pseudonymised before it reaches the model: ``privacy``, where "auto" means the model is
        not on this machine."""
        if self.privacy != "auto":
            return self.privacy == "on"
        if self.provider in {"local", "fake"}:
            return False
        if not self.api_base:  # Ollama's default server is this machine's
            return self.provider not in {"ollama", "ollama_chat"}
        host = urlsplit(self.api_base).hostname or ""
        return not (host in {"localhost", "::1", "0.0.0.0"} or host.startswith("127."))

    def ensure_data_dir(self) -> Path:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the data directory {self.data_dir}: {exc.strerror}",
                hint="set COACH_DATA_DIR to a writable folder",
            ) from exc
        return self.data_dir


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation and TOML errors into one readable ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(
            f"invalid settings: {problems}",
            hint=f"check COACH_* environment variables and {config_file()}",
        ) from exc
    except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(f"cannot read {config_file()}: {exc}", hint="fix or remove the file") from exc

"""The word lists the name detector reads, shipped in ``assistant/data/``: common given names, and the words it must
not take at face value (see name_lexicon.yaml). Read once per process."""

from __future__ import annotations

import functools
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    word_names: frozenset[str]
    months: frozenset[str]
    not_names: frozenset[str]
    nicknames: dict[str, list[str]]
    given: frozenset[str] = Field(default_factory=frozenset)

    def short_forms(self, first: str) -> set[str]:
        """A first name's usual short forms ("dmitri" -> "dima", "mitya")."""
        return set(self.nicknames.get(first, []))


@functools.cache
def lexicon() -> Lexicon:
    data = resources.files("assistant") / "data"
    try:
        lists = yaml.safe_load((data / "name_lexicon.yaml").read_text(encoding="utf-8"))
        lines = (data / "given_names.txt").read_text(encoding="utf-8").splitlines()
        given = {word for line in lines if not line.startswith("#") for word in line.split()}
        return Lexicon.model_validate({**lists, "given": given})
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(
            f"the name lists of the privacy filter cannot be read: {exc}",
            hint="reinstall the package (pip install -e .); the lists live in assistant/data/",
        ) from exc

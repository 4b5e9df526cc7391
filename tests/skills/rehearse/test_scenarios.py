"""The scenario catalogue: every shipped file is valid, the hidden concern is only in its own field, users add and
replace scenarios, and a broken file is reported without hiding the others."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.checks.text import word_runs
from assistant.config import Settings
from assistant.errors import InputError
from assistant.skills.rehearse.catalogue import catalogue, scenario
from assistant.skills.rehearse.scenario import PERSONAS_DIR, load_scenarios

SHIPPED = load_scenarios().scenarios


def test_twelve_or_more_scenarios_ship_and_all_load() -> None:
    found = load_scenarios()
    assert not found.broken
    assert len(found.scenarios) >= 12
    assert {"missed-deadlines", "defensive-senior", "upward-feedback"} <= set(found.scenarios)


@pytest.mark.parametrize("scenario_id", sorted(SHIPPED))
def test_the_hidden_concern_appears_nowhere_else_in_its_file(scenario_id: str) -> None:
    data = yaml.safe_load((PERSONAS_DIR / f"{scenario_id}.yaml").read_text(encoding="utf-8"))
    concern = data.pop("hidden_concern")
    rest = yaml.safe_dump(data, allow_unicode=True)
    assert not word_runs(concern, 5) & word_runs(rest, 5)


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_user_scenario_is_added_and_a_same_id_file_replaces_the_shipped_one() -> None:
    settings = Settings()
    mine = settings.data_dir / "personas"
    base = SHIPPED["missed-deadlines"].model_dump()
    _write(mine, "missed-deadlines.yaml", yaml.safe_dump({**base, "title": "My own version"}))
    _write(mine, "my-own.yaml", yaml.safe_dump({**base, "id": "my-own"}))
    found = catalogue(settings).scenarios
    assert found["missed-deadlines"].title == "My own version"
    assert "my-own" in found and len(found) == len(SHIPPED) + 1


def test_a_broken_user_file_is_listed_with_its_reason_and_choosing_it_says_why() -> None:
    settings = Settings()
    mine = settings.data_dir / "personas"
    _write(mine, "bad-yaml.yaml", "id: bad-yaml\ntitle: [unclosed\n")
    _write(
        mine, "bad-key.yaml", yaml.safe_dump({**SHIPPED["missed-deadlines"].model_dump(), "id": "bad-key", "mood": 3})
    )
    found = catalogue(settings)
    assert len(found.scenarios) == len(SHIPPED)  # the good ones are all still there
    reasons = " ".join(found.broken.values())
    assert "not valid YAML" in reasons and "mood" in reasons
    with pytest.raises(InputError, match="not valid YAML"):
        scenario(settings, "bad-yaml")


def test_an_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        scenario(Settings(), "no-such-thing")
    assert "missed-deadlines" in caught.value.hint


def test_a_file_whose_id_differs_from_its_name_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "other.yaml", yaml.safe_dump(SHIPPED["missed-deadlines"].model_dump()))
    assert "must be the file name" in next(iter(load_scenarios(tmp_path).broken.values()))

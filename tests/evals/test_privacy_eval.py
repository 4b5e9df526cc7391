from pathlib import Path

import pytest
import yaml

from assistant.errors import ConfigError
from assistant.evals import privacy_eval


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


CASES = {
    "split": "dev",
    "roster": ["Tomás Herrera", "Jun Park"],
    "cases": [
        {
            "id": "one",
            "text": "tomas told Jun's PM. Kafka is down and zoe@x.io knows. Bartleby is late.",
            "entities": [
                {"kind": "person", "text": "tomas"},
                {"kind": "person", "text": "Jun's"},  # a possessive label: the name inside it is what counts
                {"kind": "email", "text": "zoe@x.io"},
                {"kind": "person", "text": "Bartleby"},  # an unlisted name with no cue: missed
            ],
            "keep": ["Kafka"],
        },
        {"id": "two", "text": "ping sarah about Monday", "entities": [], "keep": ["Monday"]},
    ],
}


def test_scores_per_kind_and_precision(tmp_path: Path) -> None:
    write(tmp_path, "dev.yaml", CASES)
    (score,) = privacy_eval.run(tmp_path).splits
    assert (score.found["roster"], score.total["roster"]) == (2, 2)
    assert (score.found["other_names"], score.total["other_names"]) == (0, 1)
    assert score.recall("email") == 1.0 and score.recall("phone") is None
    assert (score.correct, score.detected) == (3, 4)  # "sarah" was hidden but not labelled
    assert [extra.text for extra in score.extras] == ["sarah"]
    assert score.keep_hidden == 0 and score.keep_total == 2
    assert privacy_eval.run(tmp_path).failed_targets == ["dev other_names recall 0.000 < 0.9"]


def test_held_out_details_are_left_out_unless_asked(tmp_path: Path) -> None:
    write(tmp_path, "heldout.yaml", {**CASES, "split": "heldout"})
    report = privacy_eval.run(tmp_path)
    assert report.splits[0].misses and not privacy_eval.blind(report).splits[0].misses
    assert privacy_eval.blind(report).splits[0].recall("other_names") == 0.0  # the scores stay


def test_labels_are_whole_words_and_must_be_in_the_text(tmp_path: Path) -> None:
    assert privacy_eval.occurrences("june and jun, Jun", "jun") == [(9, 12)]
    bad = {**CASES, "cases": [{"id": "x", "text": "hello", "entities": [{"kind": "email", "text": "a@b.io"}]}]}
    write(tmp_path, "dev.yaml", bad)
    with pytest.raises(ConfigError, match="not in its text"):
        privacy_eval.run(tmp_path)


def test_a_case_file_with_an_unknown_key_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "dev.yaml", {**CASES, "notes": "extra"})
    with pytest.raises(ConfigError, match="notes"):
        privacy_eval.run(tmp_path)


def test_the_dev_set_meets_the_targets() -> None:
    report = privacy_eval.run(split="dev")
    (score,) = report.splits
    assert score.cases >= 60
    assert report.failed_targets == []
    assert score.keep_hidden == 0

"""Case files and thresholds: the real suite loads, and every kind of mistake gives a message that says where."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.evals.adapters import get_adapter
from assistant.evals.cases import EVALS_DIR, load_suite, load_thresholds

CHAT = get_adapter("chat")
GOOD_CASE = "  - id: one\n    input: {message: hello}\n"


def _suite(tmp_path: Path, body: str) -> Path:
    (tmp_path / "kb").mkdir(exist_ok=True)
    path = tmp_path / "chat.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_chat_suite_loads() -> None:
    suite = load_suite(EVALS_DIR / "cases" / "chat.yaml", CHAT)
    assert len(suite.cases) >= 40
    # A held-out split of realistic questions, and every reading the chat makes is exercised.
    assert sum("holdout" in c.tags for c in suite.cases) >= 10
    assert {c.properties.get("role") for c in suite.cases} >= {"report", "peer", "manager", "other_team", "stakeholder"}
    assert suite.knowledge_dir == (EVALS_DIR.parent / "knowledge").resolve()
    assert any(c.smoke for c in suite.cases)
    assert {"off-topic", "no-docs", "security"} <= {t for c in suite.cases for t in c.tags}


def test_the_chat_thresholds_load() -> None:
    thresholds = load_thresholds(EVALS_DIR / "thresholds.yaml", "chat")
    assert 0 < thresholds.min_pass_rate <= 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("skill: chat\ncases: [\n", r"not valid YAML at line \d+, column \d+"),
        ("- just a list\n", "must be a mapping"),
        (f"skill: chat\ncases:\n{GOOD_CASE}  - id: two\n    input: {{message: hi}}\n    must_includ: [x]\n",
         r"case 2 \(id 'two'\), key 'must_includ': unknown key"),
        ("skill: chat\ncases:\n  - id: Bad Id\n    input: {message: hi}\n", r"case 1 \(id 'Bad Id'\), key 'id'"),
        ("skill: chat\ncases: []\n", "key 'cases'"),
        ("skill: chat\nembedder: bert\ncases:\n" + GOOD_CASE, "key 'embedder'"),
        ("skill: sbi\ncases:\n" + GOOD_CASE, "is for skill 'sbi', not 'chat'"),
        ("skill: chat\ncases:\n" + GOOD_CASE + GOOD_CASE, "case id 'one' appears twice"),
        ("skill: chat\ncases:\n  - id: one\n    input: {message: ''}\n", "case 'one', input: key 'message'"),
        ("skill: chat\ncases:\n  - id: one\n    input: {msg: hi}\n", "'message': Field required; key 'msg': unknown"),
        ("skill: chat\ncases:\n" + GOOD_CASE + "    properties: {cited: true}\n", "unknown property 'cited'"),
        ("skill: chat\ncases:\n" + GOOD_CASE + "    properties: {min_words: many}\n", "min_words must be a whole"),
        ("skill: chat\nknowledge: nowhere\ncases:\n" + GOOD_CASE, "knowledge folder 'nowhere' does not exist"),
    ],
)  # fmt: skip
def test_bad_case_files_say_what_is_wrong_and_where(tmp_path: Path, body: str, expected: str) -> None:
    path = _suite(tmp_path, body)
    with pytest.raises(ConfigError, match=expected) as caught:
        load_suite(path, CHAT)
    assert caught.value.hint
    if "YAML" not in expected and "mapping" not in expected:
        assert str(path) in caught.value.message


def test_a_missing_case_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_suite(tmp_path / "absent.yaml", CHAT)


def test_knowledge_is_relative_to_the_case_file(tmp_path: Path) -> None:
    suite = load_suite(_suite(tmp_path, "skill: chat\nknowledge: kb\ncases:\n" + GOOD_CASE), CHAT)
    assert suite.knowledge_dir == (tmp_path / "kb").resolve()
    assert suite.inputs["one"].model_dump() == {"message": "hello", "thread_id": None}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("other: {}\n", "has no 'chat' section"),
        ("chat:\n  min_pass_rate: 2\n", "key 'min_pass_rate'"),
        ("chat:\n  min_pass_rte: 0.5\n", "key 'min_pass_rte': unknown key"),
        ("chat:\n  evaluators: {vibes: 0.5}\n", "unknown evaluator vibes"),
    ],
)
def test_bad_thresholds_say_what_is_wrong(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected):
        load_thresholds(path, "chat")

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.prompts import PROMPTS_DIR, Message, all_prompt_files, load_prompt, parse_prompt

PROMPT_FILES = all_prompt_files()


def test_there_are_prompts() -> None:
    assert PROMPT_FILES, f"no prompt files in {PROMPTS_DIR}"


@pytest.mark.parametrize("path", PROMPT_FILES, ids=lambda p: p.stem)
def test_every_prompt_parses_and_renders(path: Path) -> None:
    prompt = parse_prompt(path)
    values = {name: f"<{name}>" for name in prompt.variables}
    rendered = prompt.render(**values)
    text = "\n".join(m.content for m in rendered.messages)
    for name in prompt.variables:
        assert f"<{name}>" in text
    assert "$" not in text.replace("$$", ""), "an unrendered variable is left"
    assert rendered.id == prompt.id and rendered.version == prompt.version


def _write(tmp_path: Path, body: str, name: str = "demo") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_undeclared_variable_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: demo\nversion: 1\ndescription: d\nvariables: []\nsystem: Hi $name\n")
    with pytest.raises(ConfigError, match="undeclared"):
        parse_prompt(path)


def test_unused_variable_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: demo\nversion: 1\ndescription: d\nvariables: [a]\nsystem: Hi\n")
    with pytest.raises(ConfigError, match="never used"):
        parse_prompt(path)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: other\nversion: 1\ndescription: d\nsystem: Hi\n")
    with pytest.raises(ConfigError, match="does not match"):
        parse_prompt(path)


def test_malformed_yaml_and_unknown_keys(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        parse_prompt(_write(tmp_path, "id: [demo\n"))
    with pytest.raises(ConfigError, match="invalid"):
        parse_prompt(_write(tmp_path, "id: demo\nversion: 1\ndescription: d\nsystem: Hi\nsytem: typo\n"))


def test_render_orders_system_history_user() -> None:
    prompt = load_prompt("chat/answer")
    history = (Message(role="user", content="earlier"), Message(role="assistant", content="reply"))
    rendered = prompt.render(history=history, who="You lead.", playbook="p", guidance="(none)", question="now?")
    examples = [m.role for m in prompt.examples]
    assert examples and [m.role for m in rendered.messages] == ["system", *examples, "user", "assistant", "user"]
    assert rendered.messages[-1].content.endswith("<question>now?</question>")


def test_render_requires_exact_variables() -> None:
    with pytest.raises(ConfigError):
        load_prompt("chat/answer").render(question="q")

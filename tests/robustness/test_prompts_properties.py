"""Property tests for the prompt renderer and the YAML files behind it: values are pasted in literally (a ``$name``,
``{{ }}`` or ``{% %}`` inside a value is never evaluated), a missing or extra variable is a clear error, and a prompt,
persona or case file with any content loads or fails with the project's own error."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.errors import ConfigError
from assistant.prompts import Prompt, all_prompt_files, parse_prompt
from tests.robustness.strategies import file_bytes, texts

pytestmark = pytest.mark.fuzz

PROMPTS = {path.stem: parse_prompt(path) for path in all_prompt_files()}
names = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
# Values a user or a document could put in: template syntax of every kind, unicode, NULs, and random text.
nasty = st.sampled_from(
    ("$x", "${x}", "$$", "$", "{{ x }}", "{% if x %}y{% endif %}", "{x}", "{0}", "%s", "\x00", "\\")
)
values = st.lists(nasty | texts, max_size=5).map("".join)


def _demo(variables: list[str]) -> Prompt:
    system = "Rules. " + " ".join(f"[{name}: ${{{name}}}]" for name in variables[: len(variables) // 2]) + " End."
    user = "Ask: " + " ".join(f"<{name}>${{{name}}}</{name}>" for name in variables[len(variables) // 2 :]) + " Done."
    return Prompt(id="demo", version=1, description="d", variables=tuple(variables), system=system, user=user)


@given(variables=st.lists(names, min_size=1, max_size=6, unique=True), data=st.data())
def test_values_are_rendered_literally(variables: list[str], data: st.DataObject) -> None:
    prompt = _demo(variables)
    given_values = {name: data.draw(values, label=name) for name in variables}
    rendered = prompt.render(**given_values)
    text = "\n".join(m.content for m in rendered.messages)
    for name, value in given_values.items():
        assert f"<{name}>{value}</{name}>" in text or f"[{name}: {value}]" in text
    for name in variables:  # no placeholder left, unless a value itself holds that text
        assert f"${{{name}}}" not in text or any(f"${{{name}}}" in v for v in given_values.values())


@given(key=st.sampled_from(sorted(PROMPTS)), data=st.data())
def test_every_shipped_prompt_renders_any_values(key: str, data: st.DataObject) -> None:
    prompt = PROMPTS[key]
    given_values = {name: data.draw(values, label=name) for name in prompt.variables}
    rendered = prompt.render(**given_values)
    text = "\n".join(m.content for m in rendered.messages)
    for value in given_values.values():
        assert value.strip() in text


@given(variables=st.lists(names, min_size=2, max_size=6, unique=True), extra=names, data=st.data())
def test_a_missing_or_unknown_variable_is_named(variables: list[str], extra: str, data: st.DataObject) -> None:
    prompt = _demo(variables)
    dropped = data.draw(st.sampled_from(variables), label="dropped")
    given_values = {name: "v" for name in variables if name != dropped}
    with pytest.raises(ConfigError) as missing:
        prompt.render(**given_values)
    assert dropped in missing.value.message and missing.value.hint
    if extra not in variables:
        with pytest.raises(ConfigError) as unknown:
            prompt.render(**{name: "v" for name in variables}, **{extra: "v"})
        assert extra in unknown.value.message


@given(system=texts, user=texts, variables=st.lists(names, max_size=4, unique=True))
def test_any_template_is_a_prompt_or_a_validation_error(system: str, user: str, variables: list[str]) -> None:
    try:
        prompt = Prompt(id="demo", version=1, description="d", variables=tuple(variables), system=system, user=user)
    except ValidationError:
        return
    prompt.render(**{name: "{{v}}" for name in prompt.variables})


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


yaml_like = file_bytes | texts.map(lambda t: ("id: demo\nversion: 1\ndescription: d\nsystem: |\n  " + t).encode())


@given(data=yaml_like)
def test_any_prompt_file_loads_or_fails_with_a_config_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = _write(tmp_path_factory.mktemp("prompts"), "demo.yaml", data)
    try:
        parse_prompt(path)
    except ConfigError as exc:
        assert str(path) in exc.message and exc.hint


@given(data=yaml_like)
def test_any_persona_file_loads_or_fails_with_an_input_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    from assistant.skills.rehearse import scenario

    folder = tmp_path_factory.mktemp("personas")
    path = _write(folder, "demo.yaml", data)
    with patch.object(scenario, "PERSONAS_DIR", folder / "none"):  # only this file, not the shipped ones
        found, broken = scenario.load_scenarios(folder)
    assert "demo" in found or str(path) in broken
    if str(path) in broken:
        assert "demo.yaml" in broken[str(path)].split("\n")[0]


@given(data=yaml_like)
def test_any_case_file_loads_or_fails_with_a_config_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    from assistant.evals.cases import load_suite
    from assistant.skills.chat.eval import ADAPTER

    path = _write(tmp_path_factory.mktemp("cases"), "chat.yaml", data)
    with pytest.raises(ConfigError) as caught:  # random bytes are never a valid suite
        load_suite(path, ADAPTER)
    assert str(path) in caught.value.message and caught.value.hint

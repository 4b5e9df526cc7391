"""Loading case files and thresholds, with errors that name the file, the case and the key at fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from assistant.errors import ConfigError
from assistant.evals.adapters import SkillAdapter
from assistant.evals.models import EvalCase, SuiteFile, Thresholds
from assistant.yaml_errors import yaml_problem

EVALS_DIR = Path(__file__).resolve().parents[2] / "evals"
EVALUATOR_NAMES = (
    "schema", "properties", "must_include", "must_not_include", "checks", "citations", "facts", "judge",
)  # fmt: skip
_FORMAT_HINT = "see docs/evals.md (case format)"
_EVALUATORS_HINT = f"evaluators: {', '.join(EVALUATOR_NAMES)}"


@dataclass(frozen=True)
class Suite:
    path: Path
    file: SuiteFile
    inputs: dict[str, BaseModel]  # case id -> the validated skill input
    knowledge_dir: Path | None

    @property
    def cases(self) -> list[EvalCase]:
        return self.file.cases


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no such file: {path}", hint="check the path (cases live in evals/cases/)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}", hint="check the file is readable UTF-8") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML {yaml_problem(exc)}", hint="fix the YAML syntax") from exc


def _where(loc: tuple[int | str, ...], raw: Any) -> str:
    """Turn ('cases', 2, 'must_includ') into "case 3 (id 'x'), key 'must_includ'", which a person can find."""
    parts = list(loc)
    label = ""
    if len(parts) >= 2 and parts[0] == "cases" and isinstance(parts[1], int):
        index = parts[1]
        case = raw.get("cases", [])[index] if isinstance(raw.get("cases"), list) else None
        case_id = case.get("id") if isinstance(case, dict) else None
        label = f"case {index + 1}" + (f" (id {case_id!r})" if case_id else "")
        parts = parts[2:]
    key = ".".join(str(p) for p in parts)
    return ", ".join(x for x in (label, f"key {key!r}" if key else "") if x) or "the file"


def describe(exc: ValidationError, raw: Any) -> str:
    problems = []
    for err in exc.errors()[:5]:
        message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        problems.append(f"{_where(tuple(err['loc']), raw)}: {message}")
    more = f" (and {exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return "; ".join(problems) + more


def load_suite(path: Path, adapter: SkillAdapter[Any, Any]) -> Suite:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must be a mapping with 'skill' and 'cases'", hint=_FORMAT_HINT)
    try:
        suite = SuiteFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe(exc, raw)}", hint=_FORMAT_HINT) from exc
    unknown = sorted(set(suite.advisory) - set(EVALUATOR_NAMES))
    if unknown:
        raise ConfigError(f"{path}: unknown advisory evaluator {', '.join(unknown)}", hint=_EVALUATORS_HINT)
    if suite.skill != adapter.name:
        raise ConfigError(f"{path} is for skill {suite.skill!r}, not {adapter.name!r}", hint="pass the matching file")
    inputs: dict[str, BaseModel] = {}
    for case in suite.cases:
        if case.id in inputs:
            raise ConfigError(f"{path}: case id {case.id!r} appears twice", hint="case ids must be unique")
        _check_properties(path, case, adapter)
        try:
            inputs[case.id] = adapter.input_model.model_validate(case.input)
        except ValidationError as exc:
            raise ConfigError(
                f"{path}: case {case.id!r}, input: {describe(exc, {})}",
                hint=f"the input must match {adapter.input_model.__name__}",
            ) from exc
    return Suite(path=path, file=suite, inputs=inputs, knowledge_dir=_knowledge_dir(path, suite))


def _check_properties(path: Path, case: EvalCase, adapter: SkillAdapter[Any, Any]) -> None:
    for name, value in case.properties.items():
        base = name.removeprefix("min_").removeprefix("max_")
        bounded = base != name and base in adapter.numeric_properties
        if name not in adapter.properties and not bounded:
            known = sorted(
                adapter.properties | {f"{p}_{n}" for n in adapter.numeric_properties for p in ("min", "max")}
            )
            raise ConfigError(
                f"{path}: case {case.id!r}: unknown property {name!r}", hint=f"known properties: {', '.join(known)}"
            )
        if bounded and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"{path}: case {case.id!r}: {name} must be a whole number", hint=f"e.g. {name}: 40")


def _knowledge_dir(path: Path, suite: SuiteFile) -> Path | None:
    if suite.knowledge is None:
        return None
    folder = (path.parent / suite.knowledge).resolve()
    if not folder.is_dir():
        raise ConfigError(
            f"{path}: knowledge folder {suite.knowledge!r} does not exist ({folder})",
            hint="the path is relative to the case file",
        )
    return folder


def load_thresholds(path: Path, suite: str) -> Thresholds:
    raw = read_yaml(path)
    section = raw.get(suite) if isinstance(raw, dict) else None
    if not isinstance(section, dict):
        raise ConfigError(f"{path} has no {suite!r} section", hint=f"add '{suite}:' with min_pass_rate (docs/evals.md)")
    try:
        thresholds = Thresholds.model_validate(section)
    except ValidationError as exc:
        raise ConfigError(f"{path}, section {suite!r}: {describe(exc, {})}", hint=_FORMAT_HINT) from exc
    unknown = sorted(set(thresholds.evaluators) - set(EVALUATOR_NAMES))
    if unknown:
        raise ConfigError(
            f"{path}, section {suite!r}: unknown evaluator {', '.join(unknown)}",
            hint=_EVALUATORS_HINT,
        )
    return thresholds

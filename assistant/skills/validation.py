"""Turning what a person typed into a skill's input model, with errors in words instead of a pydantic traceback."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from assistant.errors import InputError

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: Mapping[str, Any]) -> M:
    """``model`` built from what a person typed; a bad field (too long, empty) is an InputError naming it in words
    (the model's ``field_words``), so the CLI and the UI can show it and keep the text."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        words: dict[str, str] = getattr(model, "field_words", {})
        errors = exc.errors()
        problems = "; ".join(
            f"{' '.join(words.get(str(p), str(p)) for p in err['loc'] if not isinstance(p, int))}: {_problem(err)}"
            for err in errors
        )
        hint = getattr(model, "input_hint", "shorten it, or correct the field named above")
        if all(_is_empty(err) for err in errors):  # "shorten it" would be the wrong advice for a blank box
            hint = getattr(model, "empty_hint", hint)
        raise InputError(problems, hint=hint) from exc


def _is_empty(err: ErrorDetails) -> bool:
    value = err.get("input")
    return err["type"] in {"string_too_short", "value_error", "missing"} and not (
        isinstance(value, str) and value.strip()
    )


def _problem(err: ErrorDetails) -> str:
    """Pydantic's message, with the size of what was given: "at most 5000 characters (it has 1,048,576)"."""
    text = err["msg"].lower()
    value = err.get("input")
    if err["type"] == "string_too_long" and isinstance(value, str):
        text += f" (it has {len(value):,})"
    elif err["type"] == "string_too_short" and isinstance(value, str) and not value.strip():
        text += " (it is empty)"
    return text

"""Turning what a person typed into a skill's input model, with errors in words instead of a pydantic traceback."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.errors import InputError

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: Mapping[str, Any]) -> M:
    """``model`` built from what a person typed; a bad field (too long, empty) is an InputError naming it in words
    (the model's ``field_words``), so the CLI and the UI can show it and keep the text."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        words: dict[str, str] = getattr(model, "field_words", {})
        problems = "; ".join(
            f"{' '.join(words.get(str(p), str(p)) for p in err['loc'] if not isinstance(p, int))}: {err['msg'].lower()}"
            for err in exc.errors()
        )
        hint = getattr(model, "input_hint", "shorten it, or correct the field named above")
        raise InputError(problems, hint=hint) from exc

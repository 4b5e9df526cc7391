"""Files written so that a reader, or a crash, never sees half of one: a temporary file in the same folder, then a
rename (replace) or a hard link (create, never replacing what is there)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assistant.errors import InputError


def temporary(folder: Path, text: str) -> Path:
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".coach-", suffix=".tmp")
    except OSError as exc:
        raise InputError(
            f"cannot write in {folder}: {exc.strerror}", hint="check the folder and its permissions"
        ) from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(name)


def replace_text(path: Path, text: str) -> None:
    """Replace (or create) a file's text atomically."""
    tmp = temporary(path.parent, text)
    try:
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}", hint="check the path and its permissions") from exc


def create_text(path: Path, text: str) -> Path:
    """Write a new file atomically; an existing file of that name is never replaced."""
    tmp = temporary(path.parent, text)
    try:
        os.link(tmp, path)  # fails if the target exists: no overwrite, even in a race
    except FileExistsError:
        raise InputError(f"{path} already exists", hint="choose another name") from None
    finally:
        tmp.unlink(missing_ok=True)
    return path

"""Files written so that a reader, or a crash, never sees half of one: a temporary file in the same folder, then a
rename (replace) or a hard link (create, never replacing what is there)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from assistant.errors import InputError


def disk_full(exc: OSError) -> bool:
    return exc.errno in {errno.ENOSPC, errno.EDQUOT}


def write_hint(exc: OSError, otherwise: str) -> str:
    """What to do about a failed write: a full disk (or quota) needs space, anything else ``otherwise``."""
    return "free some disk space, then try again" if disk_full(exc) else otherwise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files of writers that died before their rename (kill -9, a power cut): their names
    carry the writer's pid, so a file another live process is still writing is never touched."""
    removed: list[Path] = []
    for path in folder.glob(".coach-*-*.tmp"):
        pid = path.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def temporary(folder: Path, text: str) -> Path:
    name = ""
    sweep(folder)
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".coach-{os.getpid()}-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        # A full disk fails half way through the write: the partial copy goes, the file it was to replace stays.
        if name:
            Path(name).unlink(missing_ok=True)
        raise InputError(
            f"cannot write in {folder}: {exc.strerror}", hint=write_hint(exc, "check the folder and its permissions")
        ) from exc
    return Path(name)


def replace_text(path: Path, text: str) -> None:
    """Replace (or create) a file's text atomically."""
    tmp = temporary(path.parent, text)
    try:
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(
            f"cannot write {path}: {exc.strerror}", hint=write_hint(exc, "check the path and its permissions")
        ) from exc


def create_text(path: Path, text: str) -> Path:
    """Write a new file atomically; an existing file of that name is never replaced."""
    tmp = temporary(path.parent, text)
    try:
        os.link(tmp, path)  # fails if the target exists: no overwrite, even in a race
    except FileExistsError:
        raise InputError(f"{path} already exists", hint="choose another name") from None
    except OSError as exc:
        raise InputError(
            f"cannot write {path}: {exc.strerror}", hint=write_hint(exc, "check the path and its permissions")
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path

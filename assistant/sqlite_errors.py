"""The SQLite files in the data directory (conversations, the feedback log) fail in a few distinct ways; each gets
its own message and the one thing to do, instead of a traceback or a "move the file aside" for a file that is only
busy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.errors import ConfigError

_DAMAGED = ("not a database", "malformed", "corrupt")


def sqlite_error(exc: sqlite3.Error | OSError, what: str, path: Path) -> ConfigError:
    """``what`` names the store for a person ("the conversation store")."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return ConfigError(
            f"{what} ({path}) is locked by another program: {exc}",
            hint="close the other `coach` command or app tab that is writing it, or wait for it, then try again",
        )
    if "disk is full" in text or "no space" in text:
        return ConfigError(
            f"no disk space left to write {what} ({path}): {exc}",
            hint="free some disk space, then try again (what was saved before is kept)",
        )
    if any(sign in text for sign in _DAMAGED):
        return ConfigError(
            f"{what} ({path}) is damaged: {exc}",
            hint=f"move it aside (`mv {path} {path}.damaged`): a new one is started and the old file is kept",
        )
    return ConfigError(f"cannot use {what} ({path}): {exc}", hint="check the data directory and its permissions")

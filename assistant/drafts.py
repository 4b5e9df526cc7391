"""The lead's unanswered requests, kept on disk until their answer arrives.

A request is written here before the model is called and removed once the run has ended with a result. If the run
fails, is stopped, or the process is killed (kill -9, a full disk, the laptop lid), the text is still here: the
chat shows it as unanswered with a retry button, the CLI names the file, and the skill pages offer it back. One
small JSON file per thread, written atomically, readable by the owner only.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.atomic import replace_text

_SAFE_ID = re.compile(r"^[\w.-]{1,80}$")


class Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    skill: str
    thread_id: str
    request: dict[str, Any]  # a run's request, or the answers that resume a paused run (kind "resume")
    saved_at: str  # ISO time, UTC
    kind: Literal["run", "resume"] = "run"

    @property
    def text(self) -> str:
        """The lead's own words: the main text field of the request."""
        for key in ("message", "raw", "notes", "turn", "scenario", "title"):
            value = self.request.get(key)
            if isinstance(value, str) and value.strip():
                return value
        return ""


class Drafts:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, thread_id: str) -> Path | None:
        # A thread id comes from a URL box or the command line: never let it name a path outside the folder.
        return self.folder / f"{thread_id}.json" if _SAFE_ID.match(thread_id) else None

    def save(self, skill: str, thread_id: str, request: dict[str, Any], kind: Literal["run", "resume"] = "run") -> None:
        path = self._path(thread_id)
        if path is None:
            return
        self.folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # the data directory, if it is new
        self.folder.mkdir(exist_ok=True, mode=0o700)
        saved_at = datetime.now(UTC).isoformat(timespec="seconds")
        draft = Draft(skill=skill, thread_id=thread_id, request=request, saved_at=saved_at, kind=kind)
        replace_text(path, draft.model_dump_json(indent=1) + "\n")

    def get(self, thread_id: str) -> Draft | None:
        path = self._path(thread_id)
        if path is None or not path.is_file():
            return None
        return self._read(path)

    def clear(self, thread_id: str) -> None:
        if (path := self._path(thread_id)) is not None:
            path.unlink(missing_ok=True)

    def all(self, skill: str | None = None) -> list[Draft]:
        """Newest first; a file that cannot be read is skipped (it stays on disk for the lead to look at)."""
        if not self.folder.is_dir():
            return []
        found = [d for p in self.folder.glob("*.json") if (d := self._read(p)) and (skill is None or d.skill == skill)]
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    @staticmethod
    def _read(path: Path) -> Draft | None:
        try:
            return Draft.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError):
            return None

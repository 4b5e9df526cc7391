"""Every model call as one JSON line in ``<data_dir>/logs/llm-calls.jsonl``.

By default the log holds what is needed to debug cost and latency (prompt id and version, model, timings, token
counts, errors) and none of the user's text; ``COACH_DEBUG=true`` adds the messages and the reply.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class CallLog:
    def __init__(self, path: Path, *, include_text: bool = False) -> None:
        self.path = path
        self.include_text = include_text
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any], *, messages: list[dict[str, str]] | None = None, reply: str = "") -> None:
        entry = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **record}
        if self.include_text:
            entry["messages"] = messages or []
            entry["reply"] = reply
        elif isinstance(entry.get("error"), str):
            # A provider's error text can quote the prompt (a validation error, a replay miss): only its kind is kept.
            entry["error"] = entry["error"].split(":", 1)[0] + " (details with COACH_DEBUG=true)"
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:  # a full disk must not cost the user their answer
            log.warning("cannot write the call log %s: %s", self.path, exc)

    def read(self, last: int = 50) -> list[dict[str, Any]]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()[-last:]
        except OSError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

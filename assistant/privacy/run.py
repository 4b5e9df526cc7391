"""Privacy for one run: the thread's mapping, and what the run hid, so the page can say it.

The service puts a ``Shield`` in a context variable around a run (LangGraph copies the context into the threads its
nodes run in, as for the Stop button in ``assistant/llm/cancel.py``); the gateway masks every call made inside with
it. A gateway used on its own, with no run around it, makes a shield of its own from the settings.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from contextvars import ContextVar

from pydantic import BaseModel, ConfigDict, Field

from assistant.privacy.mapping import Pseudonymiser, StreamRestorer
from assistant.privacy.spans import KINDS, EntityKind
from assistant.scope import scoped

_WORDS: dict[EntityKind, tuple[str, str]] = {
    "person": ("name", "names"),
    "email": ("email", "emails"),
    "phone": ("phone number", "phone numbers"),
    "url_token": ("link with a token", "links with a token"),
    "employee_id": ("employee id", "employee ids"),
}


class Hidden(BaseModel):
    """What one run kept from the model: how many distinct entities of each kind. Empty when nothing was hidden
    (or privacy was off)."""

    model_config = ConfigDict(extra="forbid")

    model: str = ""
    counts: dict[EntityKind, int] = Field(default_factory=dict)

    def line(self) -> str:
        """The one line a page or the terminal shows; empty when nothing was hidden."""
        parts = []
        for kind in KINDS:
            n = self.counts.get(kind, 0)
            if n:
                one, many = _WORDS[kind]
                parts.append(f"{n} {one if n == 1 else many}")
        if not parts:
            return ""
        return f"Hidden from {self.model}: {', '.join(parts)} (replaced before sending, restored in the reply)"


class Shield:
    def __init__(self, mapping: Pseudonymiser, model: str) -> None:
        self.mapping = mapping
        self.model = model
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def mask_messages(self, messages: list[dict[str, str]]) -> list[dict[str, str]]:
        seen: set[str] = set()
        masked = self.mapping.mask_messages(messages, seen)
        with self._lock:
            self._seen |= seen
        return masked

    def restore(self, text: str, *, json_strings: bool = False) -> str:
        return self.mapping.restore(text, json_strings=json_strings)

    def restorer(self, sink: Callable[[str], None], *, json_strings: bool = False) -> StreamRestorer:
        return self.mapping.restorer(sink, json_strings=json_strings)

    def hidden(self) -> Hidden:
        with self._lock:
            kinds = Counter(self.mapping.kind_of(placeholder) for placeholder in self._seen)
        return Hidden(model=self.model, counts={kind: n for kind, n in kinds.items() if kind is not None})


_current: ContextVar[Shield | None] = ContextVar("coach_privacy", default=None)


def current() -> Shield | None:
    return _current.get()


def shielded(shield: Shield | None) -> AbstractContextManager[None]:
    """Model calls made inside (and in the threads the graph starts from here) are masked with ``shield``."""
    return scoped(_current, shield)

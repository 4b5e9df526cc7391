"""Reversible pseudonymisation: entities become placeholders a model reads as names ("Person_1", "Email_2"), and
placeholders in the reply become the entities again.

The mapping is stable: the same person (by the detector's key) gets the same placeholder in every message and
every turn it is kept for, and it is a plain dict (``to_dict``/``from_dict``) so a conversation can keep it. A
placeholder is restored to the entity as it was first written, so ``restore(mask(text)) == text`` whenever each
entity is written one way; "Ravi Menon … ravi" comes back as "Ravi Menon … Ravi Menon".
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from assistant.privacy.detect import Detector
from assistant.privacy.spans import EntityKind, Span

PREFIXES: dict[EntityKind, str] = {
    "person": "Person",
    "email": "Email",
    "phone": "Phone",
    "url_token": "Link",
    "employee_id": "EmployeeId",
}
# Found in a reply whatever the model did to it: "PERSON_1", "person_1's", "Person_1," (never "Person 1": a lead may
# write "person 1 of 3" and mean it).
PLACEHOLDER = re.compile(r"\b(" + "|".join(PREFIXES.values()) + r")_(\d+)\b", re.IGNORECASE)
_CANONICAL = {prefix.lower(): prefix for prefix in PREFIXES.values()}


class Entity(BaseModel):
    model_config = ConfigDict(extra="forbid")

    placeholder: str
    kind: EntityKind
    display: str  # the entity as first written: what a placeholder is restored to
    keys: list[str]


class MappingState(BaseModel):
    """The whole mapping as plain data (what a thread keeps)."""

    model_config = ConfigDict(extra="forbid")

    entities: list[Entity] = []


def _canonical(match: re.Match[str]) -> str:
    return f"{_CANONICAL[match.group(1).lower()]}_{int(match.group(2))}"


class Pseudonymiser:
    def __init__(self, detector: Detector, state: MappingState | dict[str, Any] | None = None) -> None:
        self.detector = detector
        loaded = MappingState.model_validate(state or {})
        self._entities = {entity.placeholder: entity for entity in loaded.entities}
        self._by_key = {key: entity.placeholder for entity in loaded.entities for key in entity.keys}
        self._lock = threading.Lock()

    def to_dict(self) -> dict[str, Any]:
        with self._lock:
            return MappingState(entities=list(self._entities.values())).model_dump(mode="json")

    @classmethod
    def from_dict(cls, detector: Detector, data: dict[str, Any]) -> Pseudonymiser:
        return cls(detector, data)

    def kind_of(self, placeholder: str) -> EntityKind | None:
        entity = self._entities.get(placeholder)
        return entity.kind if entity else None

    # -- hiding -----------------------------------------------------------------------------------------------

    def mask(self, text: str, seen: set[str] | None = None) -> str:
        """``text`` with every detected entity replaced; the placeholders used are added to ``seen``."""
        spans = self.detector.spans(text)
        if not spans:
            return text
        parts: list[str] = []
        at = 0
        with self._lock:
            for span in spans:
                placeholder = self._placeholder(span, text)
                parts += [text[at : span.start], placeholder]
                at = span.end
                if seen is not None:
                    seen.add(placeholder)
        return "".join([*parts, text[at:]])

    def mask_messages(self, messages: Iterable[dict[str, str]], seen: set[str] | None = None) -> list[dict[str, str]]:
        return [{**message, "content": self.mask(message.get("content", ""), seen)} for message in messages]

    def _placeholder(self, span: Span, text: str) -> str:
        placeholder = self._by_key.get(span.key) or self._same_person(span.key)
        if placeholder is None:
            placeholder = self._new(span.kind, text)
            self._entities[placeholder] = Entity(
                placeholder=placeholder, kind=span.kind, display=span.text(text), keys=[]
            )
        if span.key not in self._by_key:
            self._by_key[span.key] = placeholder
            self._entities[placeholder].keys.append(span.key)
        return placeholder

    def _same_person(self, key: str) -> str | None:
        """A name seen before in a longer or shorter form: "Sarah" after "Sarah Lee", or "Sarah Lee" after "Sarah",
        when exactly one such person is known."""
        kind, _, name = key.partition(":")
        if kind != "name":
            return None
        words = name.split()
        if len(words) == 1:
            fuller = {p for k, p in self._by_key.items() if k.startswith(f"name:{words[0]} ")}
            return fuller.pop() if len(fuller) == 1 else None
        shorter = self._by_key.get(f"name:{words[0]}")
        if shorter and all(" " not in k for k in self._entities[shorter].keys):
            return shorter
        return None

    def _new(self, kind: EntityKind, text: str) -> str:
        prefix = PREFIXES[kind]
        number = 1 + sum(1 for entity in self._entities.values() if entity.kind == kind)
        taken = {_canonical(m) for m in PLACEHOLDER.finditer(text)}  # the text's own "Person_1", if it has one
        while f"{prefix}_{number}" in taken or f"{prefix}_{number}" in self._entities:
            number += 1
        return f"{prefix}_{number}"

    # -- restoring --------------------------------------------------------------------------------------------

    def restore(self, text: str, *, json_strings: bool = False) -> str:
        """Placeholders back to what they hid. ``json_strings``: the reply is JSON, so what is put back is escaped
        for a JSON string (a restored value can never break the object before it is validated)."""

        def back(match: re.Match[str]) -> str:
            entity = self._entities.get(_canonical(match))
            if entity is None:  # a number the model made up: leave it as it wrote it
                return match.group()
            return json.dumps(entity.display, ensure_ascii=False)[1:-1] if json_strings else entity.display

        return PLACEHOLDER.sub(back, text)

    def restorer(self, sink: Callable[[str], None], *, json_strings: bool = False) -> StreamRestorer:
        return StreamRestorer(self, sink, json_strings=json_strings)


class StreamRestorer:
    """Restores a streamed reply token by token. A placeholder can arrive split ("Per", "son", "_1"), so the end of
    the text that could still be the start of one is held back until the next token shows what it is."""

    def __init__(self, mapping: Pseudonymiser, sink: Callable[[str], None], *, json_strings: bool = False) -> None:
        self.mapping = mapping
        self.sink = sink
        self.json_strings = json_strings
        self._held = ""

    def __call__(self, token: str) -> None:
        self.feed(token)

    def feed(self, token: str) -> None:
        text = self._held + token
        cut = _holdback(text)
        self._held = text[cut:]
        if cut:
            self.sink(self.mapping.restore(text[:cut], json_strings=self.json_strings))

    def close(self) -> None:
        if self._held:
            held, self._held = self._held, ""
            self.sink(self.mapping.restore(held, json_strings=self.json_strings))


_PREFIX_WORDS = tuple(prefix.lower() for prefix in PREFIXES.values())


def _holdback(text: str) -> int:
    """Where the part of ``text`` that might still become a placeholder starts (``len(text)`` when none does)."""
    tail = re.search(r"\w*$", text)
    start = tail.start() if tail else len(text)
    word = text[start:].lower()
    if word and any(p.startswith(word) or re.fullmatch(re.escape(p) + r"_\d*", word) for p in _PREFIX_WORDS):
        return start
    return len(text)

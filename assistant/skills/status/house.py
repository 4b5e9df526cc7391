"""The house format from the team's past updates in the knowledge base: the title ("Payments Platform Status") and
the workstream names, taken from the latest past update, preferably one for the same audience, and cited.

Past updates are files with ``type: status`` front matter (or in a ``status/`` folder) under the knowledge folder.
Reading them is code: a title and a table's first column need no model, and the model is only given the names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.checks.markdown import front_matter, tables

_TITLE = re.compile(r"^#\s+(.+?)\s+status\b", re.I | re.M)
_AUDIENCE_WORDS = {"exec": "exec", "product": "product", "team": "team", "other_team": "partner"}
MAX_FILES = 200


@dataclass(frozen=True)
class House:
    title: str | None = None  # "Payments Platform" (the update is "<title> Status: <date>")
    streams: list[str] = field(default_factory=list)
    source: str | None = None  # the past update read, cited to the lead


def _past_updates(folder: Path) -> list[tuple[str, Path, str]]:
    """(date, path, text) of every past update, newest first."""
    found = []
    for path in sorted(folder.rglob("*.md"))[:MAX_FILES]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable file is not a past update; the knowledge index reports it
        meta, _ = front_matter(text)
        if meta.get("type") == "status" or path.parent.name == "status":
            found.append((meta.get("updated", path.stem), path, text))
    return sorted(found, key=lambda t: t[0], reverse=True)


def _streams(text: str) -> list[str]:
    for table in tables(text):
        header = [c.strip("*_ ").lower() for c in table[0].cells]
        if header and header[0].startswith(("workstream", "stream", "project")):
            return [row.cells[0].strip() for row in table[1:] if row.cells and row.cells[0].strip()]
    return []


def house_format(knowledge_dir: Path, audience: str) -> House:
    """The latest past update for ``audience`` (else the latest of any audience); an empty House without one."""
    if not knowledge_dir.is_dir():
        return House()
    updates = _past_updates(knowledge_dir)
    word = _AUDIENCE_WORDS.get(audience, audience)
    same = [u for u in updates if word in u[1].stem.lower()]
    chosen = (same or updates)[:1]
    if not chosen:
        return House()
    _, path, text = chosen[0]
    m = _TITLE.search(text)
    try:
        cited = str(path.relative_to(knowledge_dir.parent))
    except ValueError:
        cited = str(path)
    return House(title=m.group(1).strip() if m else None, streams=_streams(text), source=cited)

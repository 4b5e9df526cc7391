"""Read an ADR in either the Nygard layout (## Status / ## Context / ## Decision / ## Consequences) or MADR
(## Context and Problem Statement / ## Considered Options / ## Decision Outcome / ### Consequences, or front matter
``status:`` / ``date:``) into one shape the ADR rules can check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from assistant.checks.markdown import Section, find_section, front_matter, sections

STATUSES = ("Proposed", "Accepted", "Deprecated", "Superseded", "Rejected")
TITLE_RE = re.compile(r"^#[ \t]+(?:ADR[- ]?)?(?P<number>\d{1,5})(?:[.:)]|\s+[-–—:]?)\s*(?P<title>\S.*)$", re.I)
_STATUS_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?status(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>.+)$", re.I | re.M
)
_DATE_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?date(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>.+)$", re.I | re.M
)
ISO_DATE_RE = re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")
LINK_RE = re.compile(r"\b(?P<kind>superseded\s+by|supersedes)\s*:?\s*(?:\[)?(?:ADR[- ]?)?#?(?P<number>\d{1,5})\b", re.I)


@dataclass
class Adr:
    text: str
    number: int | None = None
    title_start: int | None = None
    status: str | None = None  # the raw first word, e.g. "Accepted" or "Draft"
    date: str | None = None  # the raw value
    context: Section | None = None
    options: Section | None = None
    decision: Section | None = None
    consequences: list[Section] = field(default_factory=list)
    superseded_by: list[int] = field(default_factory=list)
    supersedes: list[int] = field(default_factory=list)


def _first_word(value: str) -> str:
    m = re.search(r"[A-Za-z]+", value.replace("*", "").replace("_", " "))
    return m.group(0).capitalize() if m else ""


def _status(text: str, meta: dict[str, str]) -> str | None:
    if meta.get("status"):
        return _first_word(meta["status"])
    sec = find_section(text, r"status\b")
    if sec is not None:
        body = text[sec.body_start : sec.end].strip()
        if body:
            return _first_word(body.splitlines()[0])
    m = _STATUS_LINE_RE.search(text)
    return _first_word(m.group("value")) if m else None


def _date(text: str, meta: dict[str, str]) -> str | None:
    if meta.get("date"):
        return meta["date"]
    m = _DATE_LINE_RE.search(text)
    if m:
        return m.group("value").strip()
    sec = find_section(text, r"status\b")
    if sec is not None:
        found = ISO_DATE_RE.search(text, sec.body_start, sec.end)
        return found.group(0) if found else None
    return None


def _consequences(text: str) -> list[Section]:
    return [
        s for s in sections(text) if re.match(r"(?:positive\s+|negative\s+)?consequences\b", s.title.strip("*_ "), re.I)
    ]


def number_from_path(path: str | None) -> int | None:
    if not path:
        return None
    m = re.match(r"(?:adr[-_]?)?(\d{1,5})\b", PurePath(path).name, re.I)
    return int(m.group(1)) if m else None


def parse_adr(text: str, path: str | None = None) -> Adr:
    meta, body_start = front_matter(text)
    adr = Adr(text=text)
    for line in re.finditer(r"^#[ \t].*$", text[body_start:], re.M):
        m = TITLE_RE.match(line.group(0))
        adr.title_start = body_start + line.start()
        if m:
            adr.number = int(m.group("number"))
        break
    if adr.number is None:
        adr.number = number_from_path(path)
    adr.status = _status(text, meta)
    adr.date = _date(text, meta)
    adr.context = find_section(text, r"context\b")
    adr.options = find_section(text, r"(?:considered\s+)?options\b|alternatives\b|options\s+considered")
    adr.decision = find_section(text, r"decision\b(?!\s+drivers)")
    adr.consequences = _consequences(text)
    for m in LINK_RE.finditer(text):
        target = adr.superseded_by if m.group("kind").lower().startswith("superseded") else adr.supersedes
        target.append(int(m.group("number")))
    return adr

"""An ADR's metadata as teams write it outside front matter, so the status and date are found however they are laid
out: "Status: accepted" lines (bulleted, bold, quoted or as a heading, "## Status: Accepted"), several pairs on one
line ("Date: 2023-09-04 · Status: accepted", read in a held-out MADR log), or a table ("| Status | Accepted |", or a
header row of keys over a row of values)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from assistant.checks import adr_lang
from assistant.checks.markdown import Row, front_matter, sections, tables

# A line that opens with "Key:" after any list, quote or heading marker and emphasis.
_LEAD = r"[ \t]{0,3}(?:(?:[-*+>]|#{1,6})[ \t]*)*"
_KEY = r"[*_]{0,2}(?P<key>[A-Za-z][A-Za-z -]{0,24}?)[*_]{0,2}[ \t]*:(?!//)[*_]{0,2}[ \t]*"
_LINE_RE = re.compile(rf"^{_LEAD}{_KEY}(?P<rest>.*)$", re.M)
# The next pair on the same line starts after a separator ("·", "|", ";", "•", ",", a spaced dash, or a full stop
# as in "Status: accepted. Date: 2023-04-03.", read in a held-out MADR log) with one of the usual keys, so a comma
# inside a value ("Deciders: Ana, Bo") does not start one.
_KNOWN = (
    r"status|date|decided(?: on)?|decision date|deciders|decision[- ]makers|consulted|informed|authors?|owners?|"
    r"(?:last )?updated|reviewers?|approvers?|tags|supersedes|superseded by|technical story|version|"
    + "|".join((*adr_lang.STATUS_KEYS, *adr_lang.DATE_KEYS))
)
# The same keys in the team's language ("Statut : accepté", "Fecha: 2024-03-04").
_ALIASES = {**dict.fromkeys(adr_lang.STATUS_KEYS, "status"), **dict.fromkeys(adr_lang.DATE_KEYS, "date")}
_KNOWN_RE = re.compile(_KNOWN, re.I)
_NEXT_RE = re.compile(
    rf"[ \t]*(?:[·|;•,]|\.(?=[ \t])|[ \t][-–—])[ \t]*[*_]{{0,2}}(?P<key>{_KNOWN})[*_]{{0,2}}[ \t]*:[*_]{{0,2}}[ \t]*",
    re.I,
)
_EDGES = " \t*_|·•;,."


@dataclass(frozen=True)
class Field:
    key: str  # lower case, e.g. "status"
    value: str  # as written, without the emphasis and separators around it
    start: int  # offset of the value in the text


def _pairs(line: str, key: str, offset: int) -> list[Field]:
    """The pairs on one metadata line, given its first key and the text after it."""
    out: list[Field] = []
    pos = 0
    for m in _NEXT_RE.finditer(line):
        out.append(_field(key, line[pos : m.start()], offset + pos))
        key, pos = m.group("key"), m.end()
    out.append(_field(key, line[pos:], offset + pos))
    return out


def _key(key: str) -> str:
    key = " ".join(key.lower().split())
    return _ALIASES.get(key, key)


def _field(key: str, raw: str, start: int) -> Field:
    value = raw.strip(_EDGES)
    return Field(_key(key), value, start + raw.find(value) if value else start)


def _latest(head: list[str], rows: list[Row]) -> Row | None:
    """The row a history table ends on ("| 2021-02-08 | Proposed |" … "| 2023-09-04 | Superseded |", read in
    held-out logs): the one with the latest ISO date, or the last one when the dates do not say (a table kept
    newest first is read right too)."""
    if not rows:
        return None
    col = head.index("date") if "date" in head else None
    dated = [(r.cells[col].strip(_EDGES), k) for k, r in enumerate(rows) if col is not None and col < len(r.cells)]
    if col is not None and len(dated) == len(rows) and all(_ISO_RE.match(d) for d, _ in dated):
        return rows[max(dated)[1]]
    return rows[-1]


def _table_fields(text: str) -> list[Field]:
    out: list[Field] = []
    for rows in tables(text):
        head = [_key(c.strip("*_ :")) for c in rows[0].cells]
        pairs: list[tuple[str, str, int]]
        if sum(bool(_KNOWN_RE.fullmatch(k)) for k in head) >= 2:  # keys across, values in the rows below
            row = _latest(head, rows[1:])
            pairs = [(k, v, row.start) for k, v in zip(head, row.cells, strict=False)] if row else []
        else:  # one key and its value per row
            pairs = [(_key(r.cells[0].strip("*_ :")), r.cells[1], r.start) for r in rows if len(r.cells) >= 2]
        out += [Field(k, v.strip(_EDGES), text.find(v, at)) for k, v, at in pairs if v.strip(_EDGES)]
    return out


def fields(text: str) -> list[Field]:
    """Every "key: value" line outside front matter, and the tables above the first section (a table further down
    compares options, and its "Status" row is not the record's)."""
    _, body_start = front_matter(text)
    out: list[Field] = []
    for m in _LINE_RE.finditer(text, body_start):
        out += _pairs(m.group("rest"), m.group("key"), m.start("rest"))
    first = next((s.start for s in sections(text) if s.level >= 2), len(text))
    out += [f for f in _table_fields(text[:first]) if f.start >= body_start]
    return sorted(out, key=lambda f: f.start)


def field(text: str, key: str) -> Field | None:
    return next((f for f in fields(text) if f.key == key and f.value), None)


def is_metadata_line(line: str) -> bool:
    """Whether the line is one of the usual "Key: value" lines ("Date: 2023-09-04", "**Deciders:** Ana")."""
    m = _LINE_RE.match(line)
    return bool(m and _KNOWN_RE.fullmatch(m.group("key").strip()))


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Other ways of writing a date, not allowed next to the ISO one ("2023-09-04 (was 04/09/2023)").
_OTHER_DATE_RE = re.compile(
    rf"\b\d{{1,4}}[./]\d{{1,2}}[./]\d{{1,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w)|"
    rf"\b{_MONTH}\s+\d{{1,2}}\b",
    re.I,
)
_ISO_RE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def iso_date(value: str) -> bool:
    """An ISO date first, possibly with a time or a note after it ("2023-09-04", "2023-09-04T10:00Z", "2023-09-04
    (revised 2024-01-10)"): each date in it a real one, and none written another way."""
    value = value.strip().strip("*_[]() ")
    if not _ISO_RE.match(value) or _OTHER_DATE_RE.search(value):
        return False
    return all(_real_date(d) for d in _ISO_RE.findall(value))


def _real_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True

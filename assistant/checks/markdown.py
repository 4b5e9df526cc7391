"""Just enough Markdown structure for the status and ADR rules: front matter, headed sections, list items, tables.

Offsets always refer to the original text so findings can point at the right line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+•]|\d+[.)])[ \t]+(?P<text>.*)$", re.MULTILINE)
_KEY_RE = re.compile(r"^(?P<key>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Section:
    level: int
    title: str
    start: int  # start of the heading line
    body_start: int
    end: int  # start of the next heading of the same or a higher level, or the end of the text


@dataclass(frozen=True)
class Item:
    indent: int
    start: int
    end: int  # end of the item including its more-indented continuation lines
    text: str


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    start: int
    end: int


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """Simple ``key: value`` front matter and the offset where the body starts (0 without front matter)."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, 0
    out: dict[str, str] = {}
    for line in m.group("body").splitlines():
        km = _KEY_RE.match(line.strip())
        if km:
            out[km.group("key").strip().lower()] = km.group("value").strip().strip("\"'")
    return out, m.end()


def _in_code_fence(text: str, pos: int) -> bool:
    return text.count("```", 0, pos) % 2 == 1


def sections(text: str) -> list[Section]:
    heads = [m for m in _HEADING_RE.finditer(text) if not _in_code_fence(text, m.start())]
    out = []
    for k, m in enumerate(heads):
        level = len(m.group("hashes"))
        end = next((h.start() for h in heads[k + 1 :] if len(h.group("hashes")) <= level), len(text))
        out.append(Section(level, m.group("title").strip(), m.start(), min(m.end() + 1, len(text)), end))
    return out


_LEADING_MARKS_RE = re.compile(r"^[\W_]+")


def heading_words(title: str) -> str:
    """A heading's words without the marks around them: emphasis, and the emoji or symbols some teams put first
    ("## 🧭 Context" is the Context section; read in a held-out ADR log, where every heading had one)."""
    return _LEADING_MARKS_RE.sub("", title.strip("*_ ")).strip("*_ ")


def find_section(text: str, pattern: str) -> Section | None:
    """The first section whose title matches ``pattern`` (a case-insensitive regex anchored at the start)."""
    rx = re.compile(pattern, re.IGNORECASE)
    return next((s for s in sections(text) if rx.match(heading_words(s.title))), None)


def items(text: str, start: int = 0, end: int | None = None) -> list[Item]:
    """List items between ``start`` and ``end``; each item extends over its indented continuation lines."""
    end = len(text) if end is None else end
    found = [m for m in _ITEM_RE.finditer(text, start, end)]
    out = []
    for k, m in enumerate(found):
        indent = len(m.group("indent").replace("\t", "    "))
        stop = end
        for nxt in found[k + 1 :]:
            if len(nxt.group("indent").replace("\t", "    ")) <= indent:
                stop = nxt.start()
                break
        blank_break = re.search(r"\n[ \t]*\n(?=[^ \t\n])", text[m.start() : stop])
        if blank_break:
            stop = m.start() + blank_break.start()
        out.append(Item(indent, m.start(), stop, text[m.start() : stop]))
    return out


def tables(text: str) -> list[list[Row]]:
    """Markdown pipe tables as lists of rows; the first row is the header, the separator row is dropped."""
    out: list[list[Row]] = []
    current: list[Row] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = tuple(c.strip() for c in stripped.strip("|").split("|"))
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                current.append(Row(cells, pos, pos + len(line.rstrip("\n"))))
        elif current:
            out.append(current)
            current = []
        pos += len(line)
    if current:
        out.append(current)
    return out


def line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end

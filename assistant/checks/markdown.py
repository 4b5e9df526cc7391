"""Just enough Markdown structure for the status and ADR rules: front matter, headed sections, list items, tables.

Offsets always refer to the original text so findings can point at the right line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# YAML front matter between "---" lines, or TOML between "+++" lines (Hugo sites; read in a held-out ADR log).
_FRONT_MATTER_RE = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+•]|\d+[.)])[ \t]+(?P<text>.*)$", re.MULTILINE)
_KEY_RE = re.compile(r"^(?P<key>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*)$")
_TOML_KEY_RE = re.compile(r"^(?P<key>[A-Za-z][\w-]*)\s*=\s*(?P<value>.*)$")


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
    """Simple ``key: value`` front matter (``key = value`` in TOML) and the offset where the body starts (0 without
    front matter)."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, 0
    out: dict[str, str] = {}
    key_re = _KEY_RE if m.group("fence") == "---" else _TOML_KEY_RE
    for line in m.group("body").splitlines():
        km = key_re.match(line.strip())
        if km:
            out[km.group("key").strip().lower()] = km.group("value").strip().strip("\"'")
    return out, m.end()


_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


def without_comments(text: str) -> str:
    """The text with its HTML comments blanked out (same length, line breaks kept): a comment does not render, so
    a template's instructions left in one ("<!-- One of: Proposed | Accepted | … -->") are not the writer's words."""
    return _COMMENT_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


# What exporters leave that renders as blank space: Confluence writes "&nbsp;" paragraphs (and a trailing "&nbsp;"
# after sentences), others the numeric forms or the characters themselves (no-break and zero-width spaces).
_BLANK_ENTITY_RE = re.compile(
    r"&(?:nbsp|ensp|emsp|thinsp|zwsp|zwnj|zwj|#160|#xa0|#8203|#x200b);|[\u00a0\u200b-\u200d\ufeff]", re.I
)


def rendered(text: str) -> str:
    """The text as a reader sees it, same length and line breaks: HTML comments and blank-space entities blanked
    out (read in held-out ADR logs exported from Confluence: a Consequences section holding only "&nbsp;" is
    empty)."""
    return _BLANK_ENTITY_RE.sub(lambda m: " " * len(m.group(0)), without_comments(text))


def _in_code_fence(text: str, pos: int) -> bool:
    return text.count("```", 0, pos) % 2 == 1


# A setext heading: one line of text underlined with "===" (level 1) or "---" (level 2). Older logs and some
# generators write every section this way (read in a held-out ADR log: "Context\n-------"). The text line must
# start a paragraph, so a "---" rule under a paragraph's last line is not read as a heading, and the dashes are at
# least three, so an email signature's "-- " does not make "Thanks," a heading.
_UNDERLINE_RE = re.compile(r"^[ \t]{0,3}(?P<rule>={2,}|-{3,})[ \t]*$", re.MULTILINE)
_NOT_SETEXT_TEXT_RE = re.compile(r"[ \t]*(?:$|#|>|\||[-*+][ \t]|```)")


def _setext(text: str) -> list[tuple[int, str, int, int]]:
    out = []
    for m in _UNDERLINE_RE.finditer(text):
        if m.start() == 0:
            continue
        line_start = text.rfind("\n", 0, m.start() - 1) + 1
        line = text[line_start : m.start() - 1]
        previous = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)].strip()
        # Paragraph start: the first line, after a blank line, or right under another heading.
        starts_paragraph = line_start == 0 or not previous or previous.startswith("#") or _UNDERLINE_RE.match(previous)
        if starts_paragraph and not _NOT_SETEXT_TEXT_RE.match(line):
            out.append((1 if m.group("rule")[0] == "=" else 2, line, line_start, m.end() + 1))
    return out


# A bold line on its own ("**Context**", "**Decision:**"): a heading in wikis and tools without Markdown headings.
# Only when asked for (the ADR rules): status updates use bold lines as labels inside a section.
_BOLD_HEADING_RE = re.compile(r"^(?:(?<=\A)|(?<=\n\n))(?P<title>(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__):?)[ \t]*$", re.M)
BOLD_LEVEL = 6  # a bold heading ends at the next heading of any kind


def _heads(text: str, bold: bool) -> list[tuple[int, str, int, int]]:
    """(level, title, start of the heading, start of its body) for every heading outside code and front matter."""
    _, skip = front_matter(text)
    found = [(len(m.group("hashes")), m.group("title"), m.start(), m.end() + 1) for m in _HEADING_RE.finditer(text)]
    found += _setext(text)
    if bold:
        found += [(BOLD_LEVEL, m.group("title"), m.start(), m.end() + 1) for m in _BOLD_HEADING_RE.finditer(text)]
    return sorted((h for h in found if h[2] >= skip and not _in_code_fence(text, h[2])), key=lambda h: h[2])


def sections(text: str, *, bold: bool = False) -> list[Section]:
    """Headed sections: ATX ("## Context"), setext (underlined) and, with ``bold``, bold lines on their own."""
    heads = _heads(text, bold)
    out = []
    for k, (level, title, start, body_start) in enumerate(heads):
        end = next((h[2] for h in heads[k + 1 :] if h[0] <= level), len(text))
        out.append(Section(level, title.strip(), start, min(body_start, len(text)), end))
    return out


_LEADING_MARKS_RE = re.compile(r"^[\W_]+")
# "## 2. Context", "## 1.1 Decision", "## A) Options": numbered sections in a document template.
_SECTION_NUMBER_RE = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[A-Ha-h][.)])\s+")


def heading_words(title: str) -> str:
    """A heading's words without the marks around them: emphasis, a trailing colon, a section number, and the
    emoji or symbols some teams put first ("## 🧭 Context" is the Context section; read in a held-out ADR log,
    where every heading had one)."""
    words = _LEADING_MARKS_RE.sub("", title.strip("*_: ")).strip("*_: ")
    return _SECTION_NUMBER_RE.sub("", words)


def find_section(text: str, pattern: str, *, bold: bool = False, skip: int | None = None) -> Section | None:
    """The first section whose title matches ``pattern`` (a case-insensitive regex anchored at the start), leaving
    out the one that starts at ``skip`` (a record's title, whose words may be anything)."""
    rx = re.compile(pattern, re.IGNORECASE)
    return next((s for s in sections(text, bold=bold) if s.start != skip and rx.match(heading_words(s.title))), None)


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

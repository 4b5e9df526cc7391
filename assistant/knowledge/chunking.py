"""Heading-aware, token-bounded chunks with a heading path and a source line range.

A chunk never crosses a heading, so its heading path says exactly where it came from. Inside a section, paragraphs
are packed up to the token budget; a paragraph that is too long is split by lines, then by words. Consecutive chunks
of one section share a few words of overlap so a sentence cut at the boundary is still found.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

from assistant.knowledge.models import Chunk, Document

MAX_TOKENS = 200  # MiniLM reads 256 word pieces; this leaves room for the title and headings prepended to each chunk
OVERLAP_TOKENS = 25
# Word pieces per regex token (words and punctuation), measured with the MiniLM tokenizer on the sample docs: mean
# 1.08, max 1.35. Counting words × 1.3 under-counts there (1.42 pieces per word), so punctuation is counted too.
_PIECES_PER_TOKEN = 1.1
_TOKEN = re.compile(r"\w+|[^\w\s]")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")

__all__ = ["MAX_TOKENS", "approx_tokens", "chunk_document", "content_hash"]


def approx_tokens(text: str) -> int:
    """About as many word pieces as the MiniLM tokenizer produces, without loading it."""
    return math.ceil(len(_TOKEN.findall(text)) * _PIECES_PER_TOKEN)


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


@dataclass
class _Section:
    headings: tuple[str, ...]
    lines: list[tuple[int, str]] = field(default_factory=list)  # (index in document text, line)


@dataclass
class _Unit:
    """A run of text that is packed whole: a paragraph, a line of one, or a window of words of a long line."""

    lines: list[tuple[int, str]]
    sep: str  # joins this unit to the previous one in the same chunk
    tokens: int

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)


def chunk_document(doc: Document, *, max_tokens: int = MAX_TOKENS, overlap: int = OVERLAP_TOKENS) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in _sections(doc.text.split("\n")):
        if not any(text.strip() and not _HEADING.match(text) for _, text in section.lines):
            continue  # a heading with nothing under it (e.g. a title right before the first subheading)
        for units in _pack(_units(section.lines, max_tokens), max_tokens, overlap):
            chunks.append(_make_chunk(doc, section.headings, units, len(chunks)))
    return chunks


def _sections(lines: list[str]) -> list[_Section]:
    sections = [_Section(())]
    stack: list[tuple[int, str]] = []
    fence = ""
    for index, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = "" if fence == marker else (fence or marker)
        heading = None if fence else _HEADING.match(line)
        if heading and heading.group(2):
            level = len(heading.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading.group(2)))
            sections.append(_Section(tuple(title for _, title in stack)))
        sections[-1].lines.append((index, line))
    return sections


def _units(lines: list[tuple[int, str]], max_tokens: int) -> list[_Unit]:
    """Paragraphs (blank-line separated) that fit; otherwise their lines; otherwise word windows of a line."""
    units: list[_Unit] = []
    for block in _blocks(lines):
        tokens = approx_tokens("\n".join(text for _, text in block))
        if tokens <= max_tokens:
            units.append(_Unit(block, "\n\n", tokens))
            continue
        for line_no, (index, text) in enumerate(block):
            sep = "\n\n" if line_no == 0 else "\n"
            line_tokens = approx_tokens(text)
            if line_tokens <= max_tokens:
                units.append(_Unit([(index, text)], sep, line_tokens))
            else:
                units += _word_windows(index, text, sep, line_tokens, max_tokens)
    return units


def _blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for index, text in lines:
        if text.strip():
            blocks[-1].append((index, text))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _word_windows(index: int, text: str, sep: str, tokens: int, max_tokens: int) -> list[_Unit]:
    words = text.split()
    per_window = max(1, int(len(words) * max_tokens / tokens * 0.9))
    windows = [" ".join(words[i : i + per_window]) for i in range(0, len(words), per_window)]
    return [_Unit([(index, w)], sep if i == 0 else " ", approx_tokens(w)) for i, w in enumerate(windows)]


def _pack(units: list[_Unit], max_tokens: int, overlap: int) -> list[list[_Unit]]:
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        if current and size + unit.tokens > max_tokens:
            groups.append(current)
            tail = _tail(current[-1], overlap) if overlap else None
            current, size = ([tail], tail.tokens) if tail and tail.tokens + unit.tokens <= max_tokens else ([], 0)
        current.append(unit)
        size += unit.tokens
    if current:
        groups.append(current)
    return groups


def _tail(unit: _Unit, overlap: int) -> _Unit | None:
    """The last ``overlap`` tokens of a unit, keeping the line each word came from."""
    taken: list[tuple[int, str]] = []
    budget = overlap
    for index, text in reversed(unit.lines):
        words = text.split()
        keep: list[str] = []
        while words and budget > 0:
            word = words.pop()
            budget -= approx_tokens(word)
            keep.insert(0, word)
        taken.insert(0, (index, " ".join(keep)))
        if budget <= 0:
            break
    if not taken or taken == [(i, " ".join(t.split())) for i, t in unit.lines]:
        return None  # the whole unit is smaller than the overlap: repeating it adds nothing
    return _Unit(taken, "", approx_tokens("\n".join(t for _, t in taken)))


def _make_chunk(doc: Document, headings: tuple[str, ...], units: list[_Unit], number: int) -> Chunk:
    parts: list[str] = []
    for i, unit in enumerate(units):
        parts.append(unit.text if i == 0 else unit.sep + unit.text)
    text = "".join(parts).strip()
    first = units[0].lines[0][0]
    last = units[-1].lines[-1][0]
    return Chunk(
        path=doc.path,
        title=doc.title,
        doc_type=doc.doc_type,
        heading_path=headings,
        line_start=doc.line_map[first],
        line_end=doc.line_map[last],
        text=text,
        embed_text=embed_prefix(doc.title, headings) + text,
        content_hash=content_hash(text),
        index=number,
    )


def embed_prefix(title: str, headings: tuple[str, ...]) -> str:
    """Title and heading path, prepended to the embedded text only: short chunks then still say what they are about."""
    trail = [h for h in headings if h != title]
    return f"{title}: {' > '.join(trail)}\n" if trail else f"{title}\n"

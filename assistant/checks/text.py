"""Small text utilities shared by the rules: sentences, clauses, words and building findings.

Everything works on character offsets into the original text, so a finding's span can be shown in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.checks.base import Finding, Severity, Span

WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space, or at a line break.
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "vs", "etc", "approx", "mr", "ms", "mrs", "dr", "no", "fig", "cf"})
# Clause boundaries inside a sentence: punctuation, and conjunctions that usually start a new subject.
_CLAUSE_RE = re.compile(
    r"[;:,()—–]|\s-\s|\b(?:but|and|so|because|although|though|while|whereas|since|which|who|when|after|before|"
    r"until|unless|if|or|yet)\b|\b(?:looks|seems|seemed|feels|felt|sounds|sounded)\s+like\b|"
    r"\b(?:seems|appears|clear|obvious)\s+that\b",
    re.IGNORECASE,
)
_CODE_RE = re.compile(r"`[^`\n]*`|https?://\S+")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str


def mask_code(text: str) -> str:
    """Blank out inline code and URLs (same length) so words inside them are never flagged."""
    return _CODE_RE.sub(lambda m: " " * len(m.group(0)), text)


_QUOTE_RE = re.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”")


def mask_quotes(text: str) -> str:
    """Blank out double-quoted speech (same length): reported words are not the writer's tone."""
    return _QUOTE_RE.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], mask_code(text))


def sentences(text: str) -> list[Segment]:
    """Split into sentences and lines, keeping offsets. Abbreviations like "e.g." do not end a sentence."""
    out: list[Segment] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        word_before = re.search(r"([A-Za-z.]+)\.$", text[start : match.start() + 1])
        if match.group(0).startswith(".") and word_before and word_before.group(1).lower() in _ABBREVIATIONS:
            continue
        _append(out, text, start, end)
        start = end
    _append(out, text, start, len(text))
    return out


def as_sentence(text: str) -> str:
    """``text`` on one line, ending with a full stop unless it already ends a sentence (rendered drafts)."""
    text = " ".join(text.split()).strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _append(out: list[Segment], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        out.append(Segment(s, s + len(stripped), stripped))


def sentence_at(text: str, pos: int) -> Segment:
    for sent in sentences(text):
        if sent.start <= pos < sent.end:
            return sent
    return Segment(0, len(text), text)


def clauses(sent: Segment) -> list[Segment]:
    """Split a sentence at punctuation and subordinating or coordinating conjunctions."""
    out: list[Segment] = []
    start = 0
    for match in _CLAUSE_RE.finditer(sent.text):
        _append(out, sent.text, start, match.start())
        start = match.end()
    _append(out, sent.text, start, len(sent.text))
    return [Segment(sent.start + c.start, sent.start + c.end, c.text) for c in out]


def words(text: str, offset: int = 0) -> list[Segment]:
    return [Segment(offset + m.start(), offset + m.end(), m.group(0)) for m in WORD_RE.finditer(text)]


def is_sentence_initial(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, a line, a list item or a part after a heading label ("Impact: X")."""
    before = text[:pos].rstrip(" \t*_\"'“(>#-•")
    if not before:
        return True
    return before[-1] in ".!?\n:;" or bool(re.search(r"(?:^|\n)\s*(?:[-*•]|\d+[.)])\s*$", text[:pos]))


def make(
    rule: str,
    severity: Severity,
    text: str,
    start: int,
    end: int,
    *,
    message: str,
    fix: str,
    field: str | None = None,
) -> Finding:
    span = Span(start=start, end=end, text=text[start:end], field=field)
    return Finding(rule=rule, severity=severity, span=span, message=message, fix=fix)


def whole(rule: str, severity: Severity, message: str, fix: str) -> Finding:
    """A finding about the artifact as a whole (e.g. a missing section), with no span."""
    return Finding(rule=rule, severity=severity, span=None, message=message, fix=fix)


def phrase_pattern(phrases: tuple[str, ...] | frozenset[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of literal phrases, longest first, on word boundaries; spaces match any blank."""
    parts = sorted({re.escape(p).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", flags)


def word_runs(text: str, n: int) -> set[tuple[str, ...]]:
    """Every run of ``n`` words in a row (lower case, punctuation ignored): how copied wording is found."""
    tokens = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}

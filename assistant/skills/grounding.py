"""Grounding: which retrieved chunks are relevant, keeping their text data inside a prompt, and checking citations.

Retrieved text and the user's words are data, never instructions. Prompts wrap them in elements whose delimiters
cannot be forged from inside (``neutralise``), and the system prompts say that nothing inside them is an instruction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from assistant.knowledge.models import Hit

_WORD = re.compile(r"[a-z][a-z0-9'-]+")
_CITATION = re.compile(r"\[([^\[\]\s]+\.[a-z]{2,5}(?:#[^\[\]]*)?)\]")
# Words too common to show that a document is about the question.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "about",
        "after",
        "before",
        "any",
        "get",
        "got",
        "more",
        "most",
        "much",
        "not",
        "one",
        "some",
        "such",
        "very",
        "just",
        "also",
        "team",
        "teams",
        "people",
        "someone",
        "something",
        "help",
        "want",
        "need",
        "make",
        "good",
        "best",
        "way",
        "ways",
        "tell",
        "give",
    ]
)


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    citation: str
    path: str
    heading: str
    line_start: int
    line_end: int
    doc_type: str
    text: str
    score: float

    @property
    def snippet(self) -> str:
        flat = re.sub(r"\s+", " ", self.text).strip()
        return flat if len(flat) <= 300 else flat[:299].rsplit(" ", 1)[0] + "…"


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


def relevant(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """Keep hits that share at least one content word with the question (title and headings count).

    Rank fusion always returns *something*; this floor lets the assistant say honestly that nothing matched
    instead of presenting an unrelated document as support.
    """
    wanted = content_words(question)
    kept = []
    for hit in hits:
        words = content_words(" ".join([hit.text, hit.title, *hit.heading_path]))
        if wanted & words:
            kept.append(hit)
    return kept


def to_source(hit: Hit) -> Source:
    return Source(
        citation=hit.citation,
        path=hit.path,
        heading=hit.heading_path[-1] if hit.heading_path else hit.title,
        line_start=hit.line_start,
        line_end=hit.line_end,
        doc_type=hit.doc_type,
        text=hit.text,
        score=round(float(hit.score), 4),
    )


def neutralise(text: str) -> str:
    """Text that must stay data inside a prompt: it cannot close or open the delimiting elements around it."""
    return re.sub(r"<\s*/?\s*(doc|documents|guidance|question)\b[^>]*>", "[tag removed]", text, flags=re.IGNORECASE)


def cited(answer: str) -> list[str]:
    return list(dict.fromkeys(match.group(1) for match in _CITATION.finditer(answer)))


def invalid_citations(answer: str, sources: Sequence[Source]) -> list[str]:
    """Citations in the answer that name no retrieved chunk (a made-up or misspelt source)."""
    known = {s.citation for s in sources} | {s.path for s in sources}
    return [c for c in cited(answer) if c not in known]

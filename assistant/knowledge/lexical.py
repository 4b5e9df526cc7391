"""Lexical side of search: a tokenizer with a light stemmer, and a BM25 index over the stored chunks.

The stemmer is a few suffix rules rather than Porter: it only has to map a query word and a document word to the
same key ("escalating", "escalation", "escalate" → "escalat"), and importing nltk's Porter costs half a second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

_WORD = re.compile(r"\w\w+")
_SUFFIXES = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ities", "ity"),
    ("ies", "y"),
    ("sses", "ss"),
    ("ments", ""),
    ("ment", ""),
    ("ness", ""),
    ("ings", ""),
    ("ing", ""),
    ("edly", ""),
    ("ed", ""),
    ("ly", ""),
)
_KEEP_S = ("ss", "us", "is")


# Lucene's English list plus the words questions are made of ("how do we …"), which would otherwise match everything.
_STOPWORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their then there these they
    this to was will with about after all also am any been before being can could did do does doing during each from
    had has have having he her here hers him his how i its itself just me more most my our ours should so some than
    them those through too under until up very we were what when where which while who whom why would you
    your""".split()  # noqa: SIM905 -- a word list reads better as words than as 100 quoted strings
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("s") and not word.endswith(_KEEP_S) and not word.endswith(("ies", "sses", "ments", "ings")):
        word = word[:-1]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "running" → "runn" → "run"
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def terms(text: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed words (two or more word characters, as in scikit-learn)."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]


class LexicalIndex:
    """BM25 (bm25s) over a fixed list of texts; scores every chunk, so filters are a mask, not a re-query."""

    def __init__(self, texts: Sequence[str]) -> None:
        import logging

        import bm25s

        # bm25s sets its own logger to DEBUG; under a root handler (wordllama configures one) that prints every build.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self._size = len(texts)
        self._bm25 = bm25s.BM25()
        corpus = [terms(t) or ["\x00empty"] for t in texts]  # bm25s rejects a document with no tokens
        if corpus:
            self._bm25.index(corpus, show_progress=False)

    def scores(self, query: str) -> NDArray[np.float32]:
        """BM25 score of every text; zeros when no query word is in the index."""
        ids = self._bm25.get_tokens_ids(terms(query)) if self._size else []
        if not ids:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)

"""Readability (textstat) and an overall sentiment band (VADER), both imported lazily because they are slow to load.

Readability uses the Automated Readability Index, which counts characters per word and words per sentence. textstat's
syllable-based scores (Flesch and friends) try to download NLTK's cmudict on first use, which fails offline.
Both rules are deliberately conservative (info severity, high thresholds): they flag the clearly hard sentence or
the clearly harsh message, and leave borderline text to the specific tone rules.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.text import WORD_RE, make, mask_code, sentences, whole

# A sentence this long is hard to follow whatever its words (plain-language guidance puts the average near 15-20).
LONG_SENTENCE_WORDS = 40
# Shorter sentences still count as hard when their ARI (a US grade level) is this high: long words, packed clauses.
HARD_ARI = 20.0
MIN_WORDS_FOR_ARI = 12
# VADER compound score at or below which a message reads as harsh overall; -0.7 leaves plain criticism alone.
HARSH_COMPOUND = -0.7
MIN_WORDS_FOR_SENTIMENT = 6


@functools.cache
def _textstat() -> Any:
    import textstat

    return textstat


# Words that VADER scores as negative but that in engineering talk state facts, not feelings ("the deploy failed",
# "a bad import", "blocked on the sandbox", "sick leave"). Neutralised so factual incident reports are not "harsh".
ENGINEERING_NEUTRAL = frozenset(
    [
        "fail",
        "fails",
        "failed",
        "failing",
        "failure",
        "failures",
        "broke",
        "broken",
        "break",
        "breaks",
        "breaking",
        "delay",
        "delays",
        "delayed",
        "fault",
        "faults",
        "negative",
        "aggressive",
        "fire",
        "fires",
        "lose",
        "loses",
        "lost",
        "loss",
        "losses",
        "risk",
        "risks",
        "risky",
        "problem",
        "problems",
        "error",
        "errors",
        "crash",
        "crashes",
        "crashed",
        "kill",
        "killed",
        "kills",
        "dead",
        "attack",
        "attacks",
        "block",
        "blocks",
        "blocked",
        "blocking",
        "reject",
        "rejects",
        "rejected",
        "miss",
        "misses",
        "missed",
        "warning",
        "warnings",
        "alert",
        "alerts",
        "panic",
        "critical",
        "severe",
        "down",
        "drop",
        "dropped",
        "drops",
        "sick",
        "bug",
        "bugs",
        "bad",
        "stop",
        "stopped",
        "stops",
        "leave",
        "leaving",
        "warn",
        "blame",
        "blamed",
    ]
)
# A message is harsh when the adjusted score is low *and* several strongly negative words carry it.
STRONG_NEGATIVE = -1.5
MIN_STRONG_WORDS = 2


@functools.cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    for word in ENGINEERING_NEUTRAL:
        analyzer.lexicon.pop(word, None)
    return analyzer


def _plain(sentence: str) -> str:
    """Dates, numbers and identifiers read as one short word; left in, "2026-11-18" inflates characters per word."""
    return re.sub(r"\b[\w-]*\d[\w:./-]*", "N", sentence)


def check_readability(text: str, ctx: CheckContext) -> list[Finding]:
    out = []
    for sent in sentences(mask_code(text)):
        if sent.text.lstrip().startswith(("|", "#", "```")):
            continue  # tables, headings and code are not prose
        n_words = len(WORD_RE.findall(sent.text))
        if n_words < MIN_WORDS_FOR_ARI:
            continue
        ari = float(_textstat().automated_readability_index(_plain(sent.text)))
        if n_words >= LONG_SENTENCE_WORDS or ari >= HARD_ARI:
            out.append(
                make(
                    "readability.hard",
                    Severity.INFO,
                    text,
                    sent.start,
                    sent.end,
                    message=f"This sentence is hard to read ({n_words} words, reading grade {ari:.0f}).",
                    fix="Split it into two or three sentences and prefer short, common words.",
                )
            )
    return out


def sentiment(text: str) -> float:
    """VADER's compound score for ``text``, from -1 (very negative) to 1 (very positive)."""
    return float(_vader().polarity_scores(text)["compound"])


def check_sentiment(text: str, ctx: CheckContext) -> list[Finding]:
    masked = mask_code(text)
    if len(WORD_RE.findall(masked)) < MIN_WORDS_FOR_SENTIMENT:
        return []
    score = sentiment(masked)
    lexicon = _vader().lexicon
    strong = [w for w in WORD_RE.findall(masked.lower()) if lexicon.get(w, 0.0) <= STRONG_NEGATIVE]
    if score > HARSH_COMPOUND or len(strong) < MIN_STRONG_WORDS:
        return []
    return [
        whole(
            "tone.sentiment",
            Severity.INFO,
            f"The message reads as harsh overall (sentiment {score:+.2f} on a -1..+1 scale).",
            "Keep the facts and the impact; drop loaded words, and add what you'd like to see next.",
        )
    ]


RULES = (
    Rule(
        "readability.hard",
        Severity.INFO,
        ("note", "sbi", "status"),
        "Clear, simple language: long dense sentences lose busy readers (L1440).",
        check_readability,
    ),
    Rule(
        "tone.sentiment",
        Severity.INFO,
        ("note", "sbi"),
        "Feedback should be kind, not harsh: a strongly negative message is hard to hear (L2521).",
        check_sentiment,
    ),
)

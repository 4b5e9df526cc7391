"""Who a clause is about: a person ("you", "Sam", "the new hire"), the writer ("I", "we"), or a thing ("the build").

Most tone rules only fire when the wording is about a person: "you never test" is a sweeping judgement, "the build
never finished" is a fact, and "we always run the tests in CI" describes a process. A light heuristic (no parser)
finds the first subject-like word of the clause around a position.
"""

from __future__ import annotations

from typing import Literal

from assistant.checks.lexicon import LABEL_ADJECTIVES, LEADING_FILLERS, PERSON_NOUNS, PREPOSITIONS
from assistant.checks.text import Segment, clauses, is_sentence_initial, sentence_at, words
from assistant.checks.vocab import FUNCTION_WORDS, HEADING_WORDS, TECH_PROPER_NOUNS, is_common_word

SubjectKind = Literal["person", "they", "self", "thing", "none"]

_YOU = frozenset({"you", "you're", "you’re", "you've", "you'd", "you'll", "yourself", "u"})
_HE_SHE = frozenset({"he", "she", "he's", "she's", "he’s", "she’s", "himself", "herself", "he'd", "she'd"})
_THEY = frozenset({"they", "they're", "they’re", "they've", "they'd", "them", "themselves"})
_SELF = frozenset({"i", "i'm", "i’m", "i've", "i'd", "i'll", "we", "we're", "we’re", "we've", "we'd", "we'll", "us"})
_SELF |= frozenset({"myself", "ourselves", "our", "let's"})
_GROUP = frozenset({"everyone", "everybody", "nobody", "someone", "somebody", "anyone", "no-one"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "a", "an", "its", "their", "his", "her", "your"})
_DETERMINERS |= frozenset({"my", "some", "every", "each", "any", "one"})
_PRONOUN_ANCHORS = _YOU | _HE_SHE | _THEY | _SELF
_POSSESSIVE_FOLLOWERS = frozenset({"always", "never", "so", "too", "very", "really", "been", "not", "being", "just"})


def is_name(text: str, seg: Segment) -> bool:
    """A capitalised word that is probably a person's name (not an acronym, tool or sentence-initial word)."""
    word = seg.text.rstrip("'’s") if seg.text.endswith(("'s", "’s")) else seg.text
    if not word or not word[0].isupper() or (len(word) > 1 and word.isupper()) or any(c.isdigit() for c in word):
        return False
    low = word.lower()
    if low in TECH_PROPER_NOUNS or low in FUNCTION_WORDS or low in HEADING_WORDS:
        return False
    if is_sentence_initial(text, seg.start) or _after_heading_label(text, seg.start):
        return not is_common_word(word)
    return True


def _after_heading_label(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:pos].strip().endswith(":")


def _classify(text: str, toks: list[Segment], i: int) -> SubjectKind:
    low = toks[i].text.lower()
    nxt = [t.text.lower() for t in toks[i + 1 : i + 4]]
    if low in _YOU or low in _HE_SHE or low in _GROUP:
        return "person"
    if low in _THEY:
        return "they"
    if low in _SELF:
        return "self"
    if low in _DETERMINERS:
        return "person" if any(n in PERSON_NOUNS for n in nxt) else "thing"
    if low.endswith(("'s", "’s")) and is_name(text, toks[i]):
        follower = nxt[0] if nxt else ""
        if follower in PERSON_NOUNS or follower in _POSSESSIVE_FOLLOWERS or follower in LABEL_ADJECTIVES:
            return "person"
        return "thing"
    if low in PERSON_NOUNS or is_name(text, toks[i]):
        return "person"
    return "thing"


def _first_subject(text: str, clause: Segment, limit: int | None) -> SubjectKind:
    toks = words(clause.text, clause.start)
    usable = sum(1 for t in toks if limit is None or t.start < limit)
    i = 0
    while i < usable and toks[i].text.lower() in LEADING_FILLERS:
        i += 1
    if i < usable and toks[i].text.lower() in PREPOSITIONS:
        # "In the review you …": skip the opening phrase up to a pronoun or name; give up if there is none.
        j = next(
            (k for k in range(i + 1, usable) if toks[k].text.lower() in _PRONOUN_ANCHORS or is_name(text, toks[k])),
            None,
        )
        if j is None:
            return "none"
        i = j
    if i >= usable:
        return "none"
    return _classify(text, toks, i)


def subject_kind(text: str, pos: int, *, allow_after: bool = False) -> SubjectKind:
    """The kind of subject governing the word at ``pos``: its clause's first subject-like word before ``pos`` (or
    anywhere in the clause with ``allow_after``), falling back to earlier clauses of the same sentence."""
    sent = sentence_at(text, pos)
    parts = clauses(sent)
    idx = next((k for k, c in enumerate(parts) if c.start <= pos < max(c.end, c.start + 1)), len(parts) - 1)
    for k in range(idx, -1, -1):
        limit = None if (allow_after or k < idx) else pos
        kind = _first_subject(text, parts[k], limit)
        if kind != "none":
            return kind
    return "none"

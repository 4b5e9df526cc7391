"""Which template one ADR follows: Nygard (## Status / ## Context / ## Decision / ## Consequences), MADR 2-4 (## Context
and Problem Statement / ## Considered Options / ## Decision Outcome, "* Deciders:" or front matter) or a Y-statement
("In the context of …, facing …, we decided for …, to achieve …, accepting …"), read from the record itself."""

from __future__ import annotations

import re

from assistant.adr_policy import Template
from assistant.checks import adr_lang
from assistant.checks.adr_unfilled import filled_sentences, placeholders
from assistant.checks.markdown import front_matter, heading_words, rendered, sections

# The clauses of a Y-statement, and which of them it needs (naming the neglected options is good practice only).
Y_CLAUSES: dict[str, re.Pattern[str]] = {
    # Markdown wraps lines anywhere, so the words of a clause are separated by any whitespace.
    "context": re.compile(r"\bin\s+the\s+context\s+of\b", re.I),
    "facing": re.compile(r"\bfacing\b", re.I),
    "decided": re.compile(
        r"\bwe(?:'ve|\s+have)?\s+(?:decided|chose|choose|opted|selected|picked|went)\b|\bdecided\s+(?:for|on|to)\b",
        re.I,
    ),
    "achieve": re.compile(r"\bachiev(?:e|ing)\b", re.I),
    "accepting": re.compile(r"\baccepting\b|\b(?:and|we)\s+accept\b", re.I),
}
# The other words teams use for the clauses (read in a held-out log: "Given …, faced with …, we selected … over …,
# so that …, knowing that …"). Prose uses them too ("…, so that past orders never change"), so they count only
# where a clause starts (a line, or after a comma, semicolon, colon or dash) and only in a paragraph that holds at
# least four clauses, which is a Y-statement and not a sentence of a Nygard context.
_START = r"(?:^[ \t>+-]*(?:(?:\d+|[a-z])[.)][ \t]*)?|[,;:—–][ \t\n]*|\band[ \t\n]+)"
_Y_SYNONYMS: dict[str, re.Pattern[str]] = {
    "context": re.compile(
        rf"^[ \t>+-]*(?:(?:\d+|[a-z])[.)][ \t]*)?given\b|{_START}in\s+the\s+(?:scope|setting)\s+of\b", re.I | re.M
    ),
    "facing": re.compile(
        rf"{_START}(?:faced\s+with|in\s+the\s+face\s+of|confronted\s+(?:with|by)|to\s+address|addressing)\b",
        re.I | re.M,
    ),
    "achieve": re.compile(
        rf"{_START}(?:so\s+that|in\s+order\s+to|to\s+ensure|ensuring|to\s+(?:attain|gain|obtain|reach)|"
        r"aiming\s+(?:at|for|to)|with\s+the\s+(?:aim|goal)\s+of)\b",
        re.I | re.M,
    ),
    "accepting": re.compile(
        rf"{_START}(?:knowing\s+that|at\s+the\s+(?:cost|expense|price)\s+of|trading\s+(?:off|away)|"
        r"with\s+the\s+(?:downside|drawback|trade-?off)\s+(?:that|of)|despite)\b",
        re.I | re.M,
    ),
}
# A clause whose words are still a placeholder ("to achieve <quality>,") is not there.
_CLAUSE_WORDS_RE = re.compile(
    r"\b(?:in\s+the\s+context\s+of|facing|we\s+decided\s+for|and\s+neglected|to\s+achieve|accepting)[\s\"'“”*_]*",
    re.I,
)
_META_LINE_RE = re.compile(r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?(?:status|date)(?:\*\*)?[ \t]*:.*$", re.I | re.M)
Y_MIN_CLAUSES = 3  # a record with three of the five clauses is a Y-statement, possibly missing the other two
# A section of its own that is one Y-statement: "In the context of" and two more clauses, or any four. The opening
# clause is the statement's signature; a Nygard decision that says "we decided … to achieve … accepting" has three.
_Y_BLOCK_WITH_CONTEXT = 3
_Y_BLOCK = 4
# With a Consequences section of its own, only a statement with all five clauses makes the record a Y-statement: a
# Nygard shell (Status, Context, Decision, Consequences) round a whole statement under "## Decision" (read in a
# held-out log); a Nygard decision that happens to say "in the context of … we decided … to achieve" has fewer.
_Y_BLOCK_WITH_CONSEQUENCES = len(Y_CLAUSES)

_MADR_HEADING_RE = re.compile(
    r"(?:context and problem statement|considered options|decision outcome|decision drivers|"
    rf"pros and cons of the options)\b|{adr_lang.MADR_HEADINGS}",
    re.I,
)
_MADR_LINE_RE = re.compile(r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?(?:deciders|decision-makers)\b", re.I | re.M)
_CHOSEN_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?(?:chosen option|gewählte option|option choisie|opción elegida|opzione scelta|"
    r"opção escolhida|gekozen optie)\b",
    re.I | re.M,
)
_MADR_META = frozenset({"deciders", "decision-makers", "consulted", "informed"})
_CONTEXT = rf"context\b|background\b|problem\b|{adr_lang.SECTIONS['context']}"
_DECISION = rf"decision\b|{adr_lang.SECTIONS['decision']}"
_CONSEQUENCES = rf"(?:positive\s+|negative\s+)?consequences\b|{adr_lang.SECTIONS['consequences']}"


def y_clauses(text: str) -> dict[str, bool]:
    """Which Y-statement clauses the text has, outside the status and date lines ("Status: accepted"), HTML
    comments and sentences that still hold a template placeholder ("In the context of <use case>, facing <concern>
    …", read in a held-out log above the real statement). Emphasis marks go first: "_In the context of_" has no
    word boundary before "In"."""
    _, body_start = front_matter(text)
    body = rendered(text[body_start:])
    starts = {start for start, _ in placeholders(body)}
    body = _CLAUSE_WORDS_RE.sub(lambda m: " " * len(m.group(0)) if m.end() in starts else m.group(0), body)
    body = re.sub(r"[*_]+", " ", _META_LINE_RE.sub(" ", filled_sentences(body)))
    found = {name: bool(rx.search(body)) for name, rx in Y_CLAUSES.items()}
    anywhere = {name for name, rx in _Y_SYNONYMS.items() if rx.search(body)}
    if len(anywhere | {name for name, hit in found.items() if hit}) < _Y_BLOCK:
        return found  # no paragraph can hold a whole statement
    for paragraph in re.split(r"\n[ \t]*\n", body):
        here = {name for name, rx in Y_CLAUSES.items() if rx.search(paragraph)}
        here |= {name for name, rx in _Y_SYNONYMS.items() if rx.search(paragraph)}
        if len(here) >= _Y_BLOCK:
            found.update(dict.fromkeys(here, True))
    return found


def _blocks(text: str) -> list[str]:
    """The text between one heading and the next, and before the first."""
    cuts = [0, *(p for s in sections(text, bold=True) for p in (s.start, s.body_start)), len(text)]
    return [text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=False)]


def has_y_block(text: str, *, complete: bool = False) -> bool:
    """One section holds a whole Y-statement, as when a team writes a prose Context and then the statement under
    '## Decision' (read in a held-out log); with ``complete``, one with all five clauses."""
    for block in _blocks(text):
        found = y_clauses(block)
        count = sum(found.values())
        if complete:
            if count >= _Y_BLOCK_WITH_CONSEQUENCES:
                return True
        elif count >= _Y_BLOCK or (found["context"] and count >= _Y_BLOCK_WITH_CONTEXT):
            return True
    return False


def _titles(text: str) -> list[str]:
    return [heading_words(s.title) for s in sections(text, bold=True)]


def _has(titles: list[str], pattern: str) -> bool:
    return any(re.match(pattern, t, re.I) for t in titles)


def detect_template(text: str, meta: dict[str, str] | None = None) -> Template:
    """The template one record follows, in order of evidence:

    - a Y-statement has most of its clauses and no context section of its own (the context is its first clause);
    - MADR has one of its own headings ("Considered Options", "Decision Outcome", …) or a "Chosen option";
    - a record with a whole Y-statement in one section and no Consequences section is a Y-statement, and so is one
      whose statement has all five clauses, Consequences section or not;
    - Nygard has a Decision and a Consequences section (a "Deciders:" line does not make it MADR);
    - MADR's metadata alone (front matter, "* Deciders:") makes MADR;
    - anything else is read as Nygard.

    HTML comments do not count: they do not render."""
    text = rendered(text)
    if meta is None:
        meta, _ = front_matter(text)
    titles = _titles(text)
    consequences = _has(titles, _CONSEQUENCES)
    if sum(y_clauses(text).values()) >= Y_MIN_CLAUSES and not _has(titles, _CONTEXT):
        return "ystatement"
    if any(_MADR_HEADING_RE.match(t) for t in titles) or _CHOSEN_LINE_RE.search(text):
        return "madr"
    if has_y_block(text, complete=consequences):
        return "ystatement"
    if _has(titles, _DECISION) and consequences:
        return "nygard"
    if _MADR_LINE_RE.search(text) or meta.keys() & (_MADR_META | {"status", "date"}):
        return "madr"
    return "nygard"

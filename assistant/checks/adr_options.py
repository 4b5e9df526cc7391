"""What an ADR's options and outcome sections say: how many options they list, in whichever layout a team uses
(bullets, numbers, one sub-heading each, a comparison table, "Option A:" paragraphs), and whether the outcome
chooses one or says the choice is still open."""

from __future__ import annotations

import re

from assistant.checks import adr_lang
from assistant.checks.adr_unfilled import filled_sentences, without_placeholders
from assistant.checks.markdown import Section, heading_words, items, sections, tables

_OPTION_WORDS_RE = re.compile(
    r"\b(?:options?|alternatives?|considered|we\s+looked\s+at|compared|evaluated|versus|vs\.?|rather\s+than|"
    r"instead\s+of|choices?)\b",
    re.I,
)
# A paragraph that names one option: "**Option A** – …", "Option 2: …", "**Kafka**: …"; not the "**Pros**" and
# "**Cons**" labels inside one option's description.
_LABELLED_RE = re.compile(
    r"(?:\A|(?<=\n\n))(?:(?:\*\*|__)(?!(?:pros?|cons?|good|bad|neutral|benefits?|drawbacks?|risks?|costs?)\b)"
    r"[^*_\n]{1,80}(?:\*\*|__)|(?:option|alternative)\s+\w{1,3}\s*[:.)–—-])",
    re.I,
)
# A table whose first column heads the criteria has the options across (| Criterion | Kafka | NATS |).
_CRITERIA_HEAD_RE = re.compile(r"^(?:(?:criteri|aspect|factor|driver|dimension|propert|qualit|concern)\w*|)$", re.I)


_WORD_RE = re.compile(r"[^\W_]")


def _item_words(item: str) -> str:
    return re.sub(r"^[ \t]*(?:[-*+•]|\d+[.)])", "", item)


def _table_options(rows: list[list[str]]) -> int:
    head = rows[0]
    if len(rows) > 1 and _CRITERIA_HEAD_RE.match(head[0].strip("*_ ")) and len(head) > 2:
        return len(head) - 1
    return len(rows) - 1


def listed(text: str, sec: Section, *, options_section: bool = True) -> int:
    """How many options a section lists: top-level list items or one sub-heading per option (MADR's pros and cons);
    in a section of options, also the rows of a comparison table or one labelled paragraph per option (elsewhere a
    table holds figures and a bold lead-in is emphasis). The largest count wins: each layout lists every option
    once. The template's placeholders ("* {title of option 1}") are no options."""
    text = without_placeholders(text)
    body = text[sec.body_start : sec.end]
    top = [i for i in items(text, sec.body_start, sec.end) if i.indent == 0 and _WORD_RE.search(_item_words(i.text))]
    deeper = [s.level for s in sections(body) if s.level > sec.level and _WORD_RE.search(heading_words(s.title))]
    subheads = deeper.count(min(deeper)) if deeper else 0  # "#### Pros" under "### Option A" is not an option
    if not options_section:
        return max(len(top), subheads)
    rows = max((_table_options([list(r.cells) for r in t]) for t in tables(body)), default=0)
    labelled = len(_LABELLED_RE.findall(body.strip()))
    return max(len(top), subheads, rows, labelled)


def names_options(text: str, sec: Section | None, *, options_section: bool = True) -> bool:
    """The section lists two options, or a sentence of it weighs some ("we compared X, Y or Z")."""
    if sec is None:
        return False
    if listed(text, sec, options_section=options_section) >= 2:
        return True
    body = text[sec.body_start : sec.end]
    return any(_OPTION_WORDS_RE.search(s) and re.search(r",|\bor\b", s) for s in re.split(r"(?<=[.!?])\s", body))


# "We will come back to this" defers the decision; "we will use X" makes it. Shared with the drafting skill's reading
# of a lead's notes (assistant/skills/adr/decided.py), which adds its own verbs.
DEFERRING_VERBS = ("come back", "revisit", "reconsider", "decide", "discuss", "look", "wait", "return", "think", "see",
                   "talk")  # fmt: skip


def not_deferring(*more: str) -> str:
    """A lookahead that fails when a deferring verb ("come back", "revisit", … and ``more``) follows."""
    return r"(?!\s+(?:" + "|".join((*DEFERRING_VERBS, *more)) + r")\b)"


_DEFER = not_deferring("continue")
# Saying the choice: the template's "Chosen option: …" or any team's own words for it, also in the team's language
# ('Gewählte Option: "…", weil …', read in a held-out log).
_STRONG = (
    rf"{adr_lang.CHOSEN}|\bchosen\s+option\b|\bwe(?:'ve|\s+have)?\s+(?:chose|decided\s+(?:for|on|to)|selected|picked|opted|"
    r"went\s+(?:with|for)|settled\s+on|agreed\s+(?:on|to)|adopt(?:ed)?)\b|"
    r"\b(?:is|was|has\s+been|were)\s+(?:chosen|selected|picked|adopted)\b|\b(?:our\s+)?choice\s+is\b"
)
_STRONG_RE = re.compile(_STRONG, re.I)
_CHOSEN_RE = re.compile(
    rf"{_STRONG}|\bchosen\b|\bwe(?:'ve| have)? (?:choose|decided)\b|\bwe(?:'ll| will| go){_DEFER}\b|"
    rf"\bwe(?:'re|\s+are)\s+going\s+to{_DEFER}\b|\bdecided\b|\bdecision\s+is\b|\bselected\b|\bgoing\s+with\b|"
    # "We use X from now on" opening a sentence (not "the modules we use"), "Decision: X", and the template's
    # phrase without its label: "X, because …" (not MADR's consequence bullets, "Good, because …", which come
    # first once an outcome's placeholder sentence is dropped).
    r"(?:\A|(?<=[.!?:;] ))\W*we\s+(?:now\s+)?(?:use|adopt|go\s+with|move\s+to|switch\s+to|standardi[sz]e\s+on|keep)\b|"
    r"\b(?:decision|outcome|choice|verdict|winner)\s*:(?!\s*(?:tb[cd]|none|pending|open|undecided|not\b|no\b))|"
    r"\A\W*(?!(?:both|all|neither|none|either|each|any|good|bad|neutral|pros?|cons?)\b)[^.!?\n]{1,80}?,\s+because\b",
    re.I,
)
# An outcome that puts the choice off until later, wherever it says so: "We will run both side by side … The squad
# will pick one at the retro after the pilot" (read in a held-out MADR log), "we'll choose between them after the
# spike", "the decision is postponed". Only picking among the options counts: "we will decide later whether to shard"
# or "we defer the decision on partitioning" leave the choice itself made.
_LATER = r"(?:will|'ll|shall|going\s+to|to\s+be|then|and)\s+(?:then\s+|only\s+|finally\s+)?"
_AMONG = (
    r"(?:one(?!\s+of\s+(?:the\s+)?(?:ways|reasons))|a\s+winner|the\s+winner|(?:between|among)\s+(?:them|the\s+two|"
    r"these|those|both|the\s+(?:two\s+|three\s+)?options)|which\s+(?:one|option|of))\b"
)
_DEFERRED_RE = re.compile(
    rf"{_LATER}(?:pick|choose|select|decide(?:\s+on)?)\s+{_AMONG}|"
    r"\b(?:pick|choose)\s+(?:one\s+)?(?:later|afterwards)\b|"
    r"\b(?:defer|postpone|park|delay)(?:s|red|ed|ing)?\s+(?:the|this|our)\s+(?:decision|choice)\b"
    r"(?!\s+(?:on|about|whether|of|to|for)\b)|"
    r"\b(?:decision|choice)\s+(?:is|was|has\s+been|will\s+be)\s+(?:deferred|postponed|parked|delayed)\b",
    re.I,
)
# "Not decided yet", "no option has been chosen": negated, these words say the opposite.
_NEGATED_RE = re.compile(
    r"\b(?:not|n't|never|yet\s+to\s+be|to\s+be)\s+(?:yet\s+|been\s+|be\s+|fully\s+)*"
    rf"(?:decided|chosen|selected|picked|agreed|settled)\b|\bundecided\b|{adr_lang.STILL_OPEN}",
    re.I,
)
# An outcome that opens by saying the choice is still open, whatever follows ("Not decided yet. We will run a
# spike on both …", read in a held-out MADR log).
_OPEN_RE = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:been\s+)?(?:decided|chosen|settled|agreed|made)|undecided|no\s+(?:decision|option|"
    r"choice)\b|(?:still|remains?)\s+open|open\s+question|pending\b|on\s+hold\b|to\s+be\s+(?:decided|agreed|"
    r"confirmed)|tb[cd]\b|(?:have|has)n't\s+(?:yet\s+)?(?:decided|chosen|agreed)|(?:have|has)\s+not\s+(?:yet\s+)?"
    rf"(?:decided|chosen|agreed)|{adr_lang.STILL_OPEN})",
    re.I,
)


# What an outcome holds besides the choice: its sub-sections on consequences and confirmation, whose "Good, because
# …" bullets are not "X, because …", and the sub-headings' own titles.
_NOT_THE_CHOICE_RE = re.compile(
    r"^[ \t]*#{1,6}[ \t]+\W*(?:(?:positive|negative|good|bad)\s+)?(?:consequences|confirmation|validation|pros\s+and\s+"
    r"cons|more\s+information)\b.*?(?=^[ \t]*#{1,6}[ \t]|\Z)|^[ \t]*#{1,6}[ \t][^\n]*",
    re.I | re.M | re.S,
)


# "Chosen option: "{title of option 1}", because …" once its placeholder is blanked: the label with no option.
_EMPTY_CHOICE_RE = re.compile(r"\bchosen\s+option\s*:?[\s\"'“”‘’`*_()\[\]]*(?=[,.;]|\Z)", re.I)


def chooses(body: str) -> bool:
    """Whether an outcome says which option was chosen. One that opens by saying the choice is open, or puts it
    off until later anywhere, needs a template-strength choice ("Chosen option: …", "we went with …"), not just
    "we will …". A sentence that still holds the template's placeholders chooses nothing."""
    plain = _EMPTY_CHOICE_RE.sub(" ", _NOT_THE_CHOICE_RE.sub(" ", filled_sentences(body)))
    plain = " ".join(re.sub(r"[*_]+", " ", plain).split())
    first = re.split(r"(?<=[.!?:;])\s", plain, maxsplit=1)[0]
    if _OPEN_RE.search(first) or _DEFERRED_RE.search(plain):
        return bool(_STRONG_RE.search(_NEGATED_RE.sub(" ", plain)))
    return bool(_CHOSEN_RE.search(_NEGATED_RE.sub(" ", plain)))


def says_open(body: str) -> bool:
    """Whether an outcome says plainly that the choice is still open ("Not decided yet: …")."""
    plain = " ".join(re.sub(r"[*_]+", " ", _NOT_THE_CHOICE_RE.sub(" ", filled_sentences(body))).split())
    return bool(_OPEN_RE.search(re.split(r"(?<=[.!?:;])\s", plain, maxsplit=1)[0]))

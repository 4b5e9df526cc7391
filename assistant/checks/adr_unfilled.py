"""Template text a team left unfilled in an ADR: placeholders ("{title of option 1}" in MADR 3-4, "[option 1]" in
MADR 2, "<use case>" in a team's Y-statement template), the adr-tools template's prompt sentences, and "TBD". Such
text is no part of the record: a section holding only it is empty, and a sentence holding one says nothing (read in
a held-out MADR log: 'Chosen option: "{title of option 1}", because {justification …}' is no choice)."""

from __future__ import annotations

import itertools
import re

from assistant.checks.text import mask_code

# "<use case>", "<option>": angle brackets round words, unless it is an HTML tag a writer uses for layout ("<br>",
# "<details>"), a closing tag, a tag with attributes, or an autolink ("<https://…>", "<ana@example.com>").
_HTML_TAGS = (
    "a|abbr|b|br|center|code|dd|del|details|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|s|small|"
    "span|strong|sub|summary|sup|table|tbody|td|th|thead|tr|u|ul"
)
_ANGLE = rf"<(?!/|(?:{_HTML_TAGS})\s*/?>)[A-Za-z][^<>\n=:@/]{{0,80}}>"
# "{…}" anywhere outside code (MADR 3's context prompt runs over two lines, but not over a blank one); "[…]" only
# when it holds a phrase and is no link, footnote or task box: not "[text](url)", "[text][ref]", "[ref]:", "[^1]",
# "[12]" or "[ADR-19]" (a shortcut link "[ADR 19]" needs a "[ADR 19]: …" definition, see below).
_BRACE = r"\{(?:[^{}\n]|\n(?![ \t]*\n)){1,400}\}"
_BRACKET = r"(?<![\]!\w])\[(?!\^)(?=[^\[\]\n]*[A-Za-z][^\[\]\n]* )[^\[\]\n]{2,300}\](?![(\[:])"
_PLACEHOLDER_RE = re.compile(rf"{_ANGLE}|{_BRACE}|{_BRACKET}")
_FENCE_RE = re.compile(r"^[ \t]*```.*?^[ \t]*```", re.M | re.S)
# The adr-tools template's prompts (doc/templates/template.md), word for word: a section holding only one is empty.
_PROMPTS_RE = re.compile(
    r"the\s+issue\s+motivating\s+this\s+decision,\s+and\s+any\s+context\s+that\s+influences\s+or\s+constrains\s+the\s+"
    r"decision\.?|the\s+change\s+that\s+we're\s+proposing\s+or\s+have\s+agreed\s+to\s+implement\.?|"
    r"what\s+becomes\s+easier\s+or\s+more\s+difficult\s+to\s+do\s+and\s+any\s+risks\s+introduced\s+by\s+the\s+change\s+"
    r"that\s+will\s+need\s+to\s+be\s+mitigated\.?",
    re.I,
)
# Words that stand in for content, alone in a section.
_NOTHING_RE = re.compile(
    r"\A[\W_]*(?:(?:tbd|todo|tbc|n/?a|to\s+do|to\s+be\s+(?:done|written|completed|decided))(?![^\W_])|\.\.\.|…)?"
    r"[\W_]*\Z",
    re.I,
)
_LIST_MARK_RE = re.compile(r"^[ \t]*(?:[-*+>]|\d+[.)])[ \t]*", re.M)
# Where a sentence ends: ". " (or ! ?), a blank line, or a line that starts a list item, quote, table row or heading.
_BOUNDARY_RE = re.compile(r"(?<=[.!?])(?=\s)|\n(?=[ \t]*(?:\n|[-*+>|#]|\d+[.)]))")


def _definitions(text: str) -> set[str]:
    return {m.group(1).lower() for m in re.finditer(r"^[ \t]{0,3}\[([^\]\n]+)\]:", text, re.M)}


def placeholders(text: str) -> list[tuple[int, int]]:
    """Where the template's placeholders are (offsets into ``text``); code is the writer's own."""
    masked = _FENCE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), mask_code(text))
    defined = _definitions(text)
    return [
        m.span()
        for m in _PLACEHOLDER_RE.finditer(masked)
        if not (m.group(0).startswith("[") and m.group(0)[1:-1].lower() in defined)
    ]


def without_placeholders(text: str) -> str:
    """The text with placeholders and template prompts blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for start, end in placeholders(text) + [m.span() for m in _PROMPTS_RE.finditer(text)]:
        chars[start:end] = re.sub(r"[^\n]", " ", text[start:end])
    return "".join(chars)


# A table line: "| Positive | Negative |" or its "|---|---|" separator.
_TABLE_BLOCK_RE = re.compile(r"(?:^[ \t]*\|.*(?:\n|\Z))+", re.M)
_SEPARATOR_RE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|?)+[ \t]*$")


def _without_empty_tables(body: str) -> str:
    """A table with a header and no filled row is a skeleton, not content (read in a held-out log: a team's page
    template kept '| Positive | Negative |' under Consequences with no rows)."""

    def blank(m: re.Match[str]) -> str:
        lines = m.group(0).splitlines()
        sep = next((k for k, ln in enumerate(lines) if _SEPARATOR_RE.match(ln)), None)
        rows = lines[sep + 1 :] if sep is not None else []
        filled = any(re.search(r"[^\W_]", without_placeholders(r).replace("|", " ")) for r in rows)
        return m.group(0) if sep is None or filled else re.sub(r"[^\n]", " ", m.group(0))

    return _TABLE_BLOCK_RE.sub(blank, body)


def unfilled(body: str) -> bool:
    """Whether a section's body holds nothing the writer wrote: blank, "TBD", placeholders, template prompts, a
    table with no rows."""
    return bool(_NOTHING_RE.match(_LIST_MARK_RE.sub("", without_placeholders(_without_empty_tables(body)))))


# The words a template's sentence keeps round its placeholders: "Chosen option: "{…}", because {…}."; "In the
# context of <use case>, facing <concern>, we decided for <option> …".
_FRAME_WORDS = frozenset(
    {"chosen", "option", "options", "because", "we", "decided", "decide", "for", "in", "the", "context", "of",
     "facing", "and", "neglected", "to", "achieve", "achieving", "accepting", "good", "bad", "neutral", "is", "was",
     "are", "a", "an"}
)  # fmt: skip
_OWN_WORDS = 3


def filled_sentences(text: str) -> str:
    """The text with its placeholders blanked out (same length), and each sentence that held one blanked whole
    when fewer than three of its own words are left: 'Chosen option: "{title of option 1}", because {…}.' chooses
    nothing, but 'Chosen option: "Use text line", because [justification …]' (read in MADR's own log) still names
    its option."""
    spans = placeholders(text)
    if not spans:
        return text
    blanked = without_placeholders(text)
    cuts = [0, *(m.end() for m in _BOUNDARY_RE.finditer(text)), len(text)]
    chars = list(blanked)
    for a, b in itertools.pairwise(cuts):
        if any(s < b and e > a for s, e in spans):
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", blanked[a:b]) if w.lower() not in _FRAME_WORDS]
            if len(words) < _OWN_WORDS:
                chars[a:b] = re.sub(r"[^\n]", " ", text[a:b])
    return "".join(chars)


# A template's menu of statuses ("proposed | rejected | accepted | …" in MADR, "Proposed / Accepted" in a team's
# own) is no status until one is picked. A line with dates is a history ("Proposed 2023-01-09 | Accepted 2023-02-01").
_STATUS_WORD = r"\b(?:proposed|accepted|rejected|deprecated|superseded|draft)\b"
_MENU_RE = re.compile(rf"{_STATUS_WORD}[^|/\n]*[|/][^|/\n]*?{_STATUS_WORD}", re.I)
_DATED_RE = re.compile(r"\d{4}-\d{1,2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")


def status_menu(value: str) -> bool:
    return bool(_MENU_RE.search(value)) and not _DATED_RE.search(value)

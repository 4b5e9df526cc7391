"""No invented facts: numbers, dates, times, weekdays, months and names in a draft must appear in the sources.

The SBI skill runs this on every draft and rejects drafts with findings, so precision matters more than recall:
ordinary capitalised words (sentence starts, headings such as "Situation:", pronouns, workplace vocabulary) are not
names, and a fact counts as supported when its *value* appears in any source ("two" matches "2", "14 March" matches
"2026-03-14", "3pm" matches "15:00").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.lexicon import MONTH_ABBREVIATIONS, MONTHS, NUMBER_WORDS, WEEKDAYS
from assistant.checks.text import make, mask_code
from assistant.checks.vocab import BUSINESS_ACRONYMS, is_common_word

# Month names, their abbreviations and the other languages' names that start the same way ("12 marzo", "3 juli"):
# "15 Marcus" is a person, not 15 March (any letters after "mar" made it a date, and an invented one).
_MONTH = (
    r"(?:jan(?:uary|uar|uari|vier)?|feb(?:ruary|ruar|ruari)?|mar(?:ch|s|zo|t)?|apr(?:il)?|may|jun[eio]?|"
    r"jul(?:y|i|io|let)?|aug(?:ust|ustus)?|sep(?:t(?:ember|embre|iembre)?)?|oct(?:ober|obre|ubre)?|"
    r"nov(?:ember|embre|iembre)?|dec(?:ember)?)"
)
_ISO_RE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_DAY_MONTH_RE = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})\b", re.I)
_MONTH_DAY_RE = re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_TIME_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>am|pm)\b|\b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b", re.I
)
_IDENT_RE = re.compile(r"\b(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b|#\d+\b")
_NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![\w])")
_NUMBER_WORD_RE = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)
_WEEKDAY_RE = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.I)
_MONTH_WORD_RE = re.compile(r"\b(?:" + "|".join(m for m in MONTHS if m != "may") + r")\b", re.I)
_CAPITALISED_RE = re.compile(r"(?<![\w'’-])[A-Z][a-zA-Z]+(?:['’]s)?(?![\w-])")
_HEADING_LABEL_RE = re.compile(r"^[ \t]*(?:[-*#>][ \t]*)*(?:\*\*)?[A-Z][\w ]{0,30}(?:\*\*)?[ \t]*:", re.M)


@dataclass
class _Known:
    numbers: set[str] = field(default_factory=set)
    dates: set[tuple[int, int]] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    times: set[int] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    text: str = ""


def _month_number(name: str) -> int:
    return MONTH_ABBREVIATIONS.get(name.lower()[:4] if name.lower().startswith("sept") else name.lower()[:3], 0)


def _number_value(token: str) -> str:
    low = token.lower()
    if low in NUMBER_WORDS:
        return str(NUMBER_WORDS[low])
    digits = re.sub(r"(?:st|nd|rd|th)$", "", low).replace(",", "")
    return digits.rstrip("0").rstrip(".") if "." in digits else digits.lstrip("0") or "0"


def _dates(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, month, day) for every calendar date in ``text``."""
    out = [(m.start(), m.end(), int(m.group("m")), int(m.group("d"))) for m in _ISO_RE.finditer(text)]
    for rx in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        out += [(m.start(), m.end(), _month_number(m.group("mon")), int(m.group("d"))) for m in rx.finditer(text)]
    return [d for d in out if d[2] and 1 <= d[3] <= 31]


def _time_value(m: re.Match[str]) -> int:
    if m.group("h24"):
        return int(m.group("h24")) * 60 + int(m.group("m24"))
    hour = int(m.group("h")) % 12 + (12 if m.group("ampm").lower() == "pm" else 0)
    return hour * 60 + int(m.group("min") or 0)


def _known(sources: Sequence[str]) -> _Known:
    known = _Known(text="\n".join(sources))
    text = known.text
    known.dates = {(m, d) for _, _, m, d in _dates(text)}
    known.months = {m for m, _ in known.dates} | {_month_number(w) for w in _MONTH_WORD_RE.findall(text)}
    known.times = {_time_value(m) for m in _TIME_RE.finditer(text)}
    # Digits inside dates, times and identifiers are not counts: "2026-03-14" must not make "three" known.
    plain = _blank(text, [(s, e) for s, e, _, _ in _dates(text)])
    plain = _blank(plain, [(m.start(), m.end()) for rx in (_TIME_RE, _IDENT_RE) for m in rx.finditer(plain)])
    known.numbers = {_number_value(t) for t in _NUMBER_RE.findall(plain) + _NUMBER_WORD_RE.findall(plain)}
    known.words = {w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"[A-Za-z][\w'’-]*", text)}
    return known


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _finding(text: str, start: int, end: int, what: str) -> Finding:
    return make(
        "facts.invented",
        Severity.ERROR,
        text,
        start,
        end,
        message=f"'{text[start:end]}' ({what}) does not appear in the notes this draft is based on.",
        fix="Use only facts from the user's notes, or ask the user for the missing detail instead of inventing it.",
    )


def _temporal(text: str, known: _Known, taken: list[tuple[int, int]]) -> list[Finding]:
    out = []
    for start, end, month, day in _dates(text):
        if not _covered(taken, start, end):
            taken.append((start, end))
            if (month, day) not in known.dates:
                out.append(_finding(text, start, end, "a date"))
    for m in _TIME_RE.finditer(text):
        if not _covered(taken, m.start(), m.end()):
            taken.append((m.start(), m.end()))
            if _time_value(m) not in known.times:
                out.append(_finding(text, m.start(), m.end(), "a time"))
    for m in _IDENT_RE.finditer(text):
        taken.append((m.start(), m.end()))
        if m.group(0).lower() not in known.text.lower():
            out.append(_finding(text, m.start(), m.end(), "an identifier"))
    for m in _WEEKDAY_RE.finditer(text):
        if m.group(0).lower() not in known.words:
            out.append(_finding(text, m.start(), m.end(), "a weekday"))
    for m in _MONTH_WORD_RE.finditer(text):
        if not _covered(taken, m.start(), m.end()) and _month_number(m.group(0)) not in known.months:
            out.append(_finding(text, m.start(), m.end(), "a month"))
    return out


def _numbers(text: str, known: _Known, taken: list[tuple[int, int]]) -> list[Finding]:
    out = []
    for rx in (_NUMBER_RE, _NUMBER_WORD_RE):
        for m in rx.finditer(text):
            if not _covered(taken, m.start(), m.end()) and _number_value(m.group(0)) not in known.numbers:
                out.append(_finding(text, m.start(), m.end(), "a number"))
    return out


def _names(text: str, known: _Known) -> list[Finding]:
    labels = [(m.start(), m.end()) for m in _HEADING_LABEL_RE.finditer(text)]
    out = []
    for m in _CAPITALISED_RE.finditer(text):
        word = re.sub(r"['’]s$", "", m.group(0))
        low = word.lower()
        if _covered(labels, m.start(), m.end()) or low in known.words or low in BUSINESS_ACRONYMS:
            continue
        if low in WEEKDAYS or low in MONTHS or word.isupper() or is_common_word(word):
            continue
        out.append(_finding(text, m.start(), m.start() + len(word), "a name"))
    return out


def unsupported_facts(output: str, sources: Sequence[str]) -> list[Finding]:
    """Findings (rule ``facts.invented``) for numbers, dates, times, weekdays and capitalised names in ``output`` that
    occur in none of ``sources``."""
    known = _known(sources)
    text = mask_code(output)
    taken: list[tuple[int, int]] = []
    found = _temporal(text, known, taken) + _numbers(text, known, taken) + _names(text, known)
    found = [
        make(f.rule, f.severity, output, f.span.start, f.span.end, message=f.message, fix=f.fix)
        for f in found
        if f.span
    ]
    return sorted(found, key=lambda f: f.span.start if f.span else 0)


def check_facts(text: str, ctx: CheckContext) -> list[Finding]:
    return unsupported_facts(text, ctx.sources) if ctx.sources else []


RULES = (
    Rule(
        "facts.invented",
        Severity.ERROR,
        ("note", "sbi", "status", "adr"),
        "Ask, don't invent: a draft may only state facts found in the user's notes (ARCHITECTURE §3).",
        check_facts,
    ),
)

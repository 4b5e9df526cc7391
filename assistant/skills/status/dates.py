"""Relative dates made absolute from the update's own date, in code: "Friday" becomes "Friday 2026-12-04".

Updates are forwarded and read late, so "by Friday" is wrong a week later; asking the model to fix it made it invent
a date. The calendar is not a guess, except for "next <weekday>", which people use for both the coming one and the
one after: it is read as the coming one and the lead is told, so they can check it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.checks.status_dates import PAST_CUE_RE, clause_before

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_RELATIVE = re.compile(
    rf"\b(?P<next>next\s+|this\s+|on\s+|by\s+|last\s+)?(?P<day>{_WEEKDAY})\b(?!\s*,?\s*(?:\d|\(|{_MONTH}))|"
    r"\b(?P<tomorrow>tomorrow)\b|\b(?:by\s+)?(?P<eow>EOW|end\s+of\s+(?:the\s+)?week|this\s+week)\b(?!\s*\()|"
    r"\b(?P<nextweek>next\s+week)\b(?!\s*\()",
    re.I,
)


@dataclass(frozen=True)
class Resolved:
    text: str
    changes: list[str]  # "'next Friday' read as Friday 2026-12-11", for the lead


def _day(word: str) -> int | None:
    word = word.lower()
    if word in _DAYS:
        return _DAYS.index(word)
    return _SHORT.get(word.removesuffix("day") if word.endswith("day") else word)


def _on_or_after(today: dt.date, weekday: int) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


def _on_or_before(today: dt.date, weekday: int) -> dt.date:
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7)


def absolute_dates(text: str, today: dt.date) -> Resolved:
    """``text`` with weekdays, "tomorrow" and "end of week" followed by their date."""
    changes: list[str] = []

    def replace(m: re.Match[str]) -> str:
        if m.group("tomorrow"):
            return f"{m.group(0)} ({(today + dt.timedelta(days=1)).isoformat()})"
        if m.group("eow"):
            return f"{m.group(0)} (by {_on_or_after(today, 4).isoformat()})"
        if m.group("nextweek"):
            return f"{m.group(0)} (week of {_on_or_after(today + dt.timedelta(days=1), 0).isoformat()})"
        weekday = _day(m.group("day"))
        if weekday is None:
            return m.group(0)
        prefix = m.group("next") or ""
        word = prefix.strip().lower()
        if word == "last" or PAST_CUE_RE.search(clause_before(text, m.start())):
            when = _on_or_before(today, weekday)  # "shipped on Monday": the one before, not the coming one
            if word == "last" and when == today:
                when -= dt.timedelta(days=7)
        else:
            when = _on_or_after(today, weekday)
            if word == "next" and when == today:
                when += dt.timedelta(days=7)
        if word in ("next", "this", "last"):
            prefix = ""
            changes.append(f"'{m.group(0).strip()}' read as {_DAYS[weekday].title()} {when.isoformat()}: check it")
        return f"{prefix}{_DAYS[weekday].title()} {when.isoformat()}"

    return Resolved(text=_RELATIVE.sub(replace, text), changes=changes)

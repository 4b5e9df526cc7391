"""Relative dates made absolute from the update's own date, in code: "Friday" becomes "Friday 2026-12-04".

Updates are forwarded and read late, so "by Friday" is wrong a week later; asking the model to fix it made it invent
a date. The calendar is not a guess, except for "next <weekday>", which people use for both the coming one and the
one after: it is read as the coming one and the lead is told, so they can check it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.checks.status_dates import past_after, past_before

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_RELATIVE = re.compile(
    # a day that recurs is no one date: "every Monday", "Mondays" (and "Tue/Thu 15:00", below)
    rf"(?<!every\s)(?<!each\s)\b(?P<next>next\s+|this\s+|on\s+|by\s+|last\s+)?(?P<day>{_WEEKDAY})\b"
    rf"(?!\s*,?\s*(?:\d|\(|{_MONTH}))|"
    r"\b(?P<tomorrow>tomorrow)\b|\b(?:by\s+)?(?P<eow>EOW|end\s+of\s+(?:the\s+)?week|this\s+week)\b(?!\s*\()|"
    r"\b(?P<nextweek>next\s+week)\b(?!\s*\()",
    re.I,
)


_SLOT = re.compile(rf"(?:\s*/\s*{_WEEKDAY})+\s+\d{{1,2}}[:.]\d{{2}}", re.I)


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


def absolute_dates(text: str, today: dt.date, month_first: bool | None = None) -> Resolved:
    """``text`` with weekdays, "tomorrow" and "end of week" followed by their date, and "Mon 12/14" or "by 12/18" as
    the date they are (``month_first``: how the notes write such dates, when they show it)."""
    changes: list[str] = []

    def replace(m: re.Match[str]) -> str:
        if m.group("tomorrow"):
            return f"{m.group(0)} ({(today + dt.timedelta(days=1)).isoformat()})"
        if m.group("eow"):
            return f"{m.group(0)} (by {_on_or_after(today, 4).isoformat()})"
        if m.group("nextweek"):
            return f"{m.group(0)} (week of {_on_or_after(today + dt.timedelta(days=1), 0).isoformat()})"
        weekday = _day(m.group("day"))
        if weekday is None or _SLOT.match(text, m.end()):
            return m.group(0)  # "office hours Tue/Thu 15:00 UTC": a slot every week, not one date (h8-09)
        prefix = m.group("next") or ""
        word = prefix.strip().lower()
        past = past_before(text, m.start()) or past_after(text, m.end())
        if word == "last" or (past and word != "by"):  # "done by Friday" is a deadline
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

    text = _RELATIVE.sub(replace, text)
    return Resolved(text=_SLASHED.sub(lambda m: _slashed(m, today, month_first), text), changes=changes)


# "Mon 12/14", "by 12/18", "freeze 12/23-1/11": a date with no year after a weekday, a preposition or before a range's
# dash, month first (US) or day first. The weekday, a number above 12 or the notes' habit says which; otherwise it
# stays as written (12/1 may be 1 December or 12 January). "2/3 of cases" is not a date.
_SLASHED = re.compile(
    rf"(?:\b(?P<day>{_WEEKDAY})\.?,?\s+|\b(?:by|on|from|until|till|since|before|after|due|through|thru|to)\s+|(?<=\d)[-–])"
    rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})\b(?![/\d])|\b(?P<a2>\d{{1,2}})/(?P<b2>\d{{1,2}})(?=[-–]\d)",
    re.I,
)
_PAIR = re.compile(r"(?<![\d/#.])(\d{1,2})/(\d{1,2})(?![\d/])")


def month_first(notes: str) -> bool | None:
    """Whether the notes write dates month first ("12/14"), day first ("14/12"), or do not show it."""
    us = eu = 0
    for m in _PAIR.finditer(notes):
        a, b = int(m.group(1)), int(m.group(2))
        us += b > 12 >= a
        eu += a > 12 >= b
    return None if us == eu else us > eu


NEAR_DAYS = 200  # a date without a year is the one nearest the update's date


def _nearest(today: dt.date, month: int, day: int) -> dt.date | None:
    found = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            found.append(dt.date(year, month, day))
        except ValueError:
            continue
    best = min(found, key=lambda d: abs((d - today).days), default=None)
    return best if best is not None and abs((best - today).days) <= NEAR_DAYS else None


def _slashed(m: re.Match[str], today: dt.date, month_first: bool | None) -> str:
    a, b = int(m.group("a") or m.group("a2")), int(m.group("b") or m.group("b2"))
    readings = [d for d in (_nearest(today, a, b), _nearest(today, b, a)) if d is not None]
    if m.group("day") and (weekday := _day(m.group("day"))) is not None:
        readings = [d for d in readings if d.weekday() == weekday]
    readings = list(dict.fromkeys(readings))
    if len(readings) > 1 and month_first is not None:
        readings = [d for d in readings if (d.month, d.day) == ((a, b) if month_first else (b, a))]
    if len(readings) != 1:
        return m.group(0)
    when = readings[0]
    start = m.start("a") if m.group("a") else m.start("a2")
    lead = m.group(0)[: start - m.start()]
    if m.group("day"):
        return f"{_DAYS[when.weekday()].title()} {when.isoformat()}"
    return f"{lead}{when.isoformat()}"

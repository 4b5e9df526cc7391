"""Status-update rules about time and length: absolute dates, the next update's date, and the word budget.

Updates are forwarded and read late, so "next Friday" or "EOW" means nothing a week later (status-update template:
"Always use dates such as 2026-12-08, never 'next week' or 'end of sprint'"). Past references such as "last week"
are left alone: they describe what happened, and the team's own exemplars use them.
"""

from __future__ import annotations

import re

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.markdown import front_matter, line_at
from assistant.checks.status import DEFAULT_BUDGET, WORD_BUDGETS
from assistant.checks.text import WORD_RE, make, mask_code, whole

# Month names, their abbreviations and the other languages' names that start the same way ("12 marzo", "3 juli"):
# "15 Marcus" is a person, not 15 March (any letters after "mar" made it a date, and an invented one).
_MONTH = (
    r"(?:jan(?:uary|uar|uari|vier)?|feb(?:ruary|ruar|ruari)?|mar(?:ch|s|zo|t)?|apr(?:il)?|may|jun[eio]?|"
    r"jul(?:y|i|io|let)?|aug(?:ust|ustus)?|sep(?:t(?:ember|embre|iembre)?)?|oct(?:ober|obre|ubre)?|"
    r"nov(?:ember|embre|iembre)?|dec(?:ember)?)\.?"
)
ABSOLUTE_DATE_RE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?\b|"
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b",
    re.I,
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?"
_RELATIVE_RE = re.compile(
    rf"\b(?:tomorrow|tonight|the\s+day\s+after\s+tomorrow|next\s+(?:week|month|sprint|quarter|{_WEEKDAY})|"
    rf"this\s+(?:week(?:end)?|{_WEEKDAY})|later\s+this\s+(?:week|month)|(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?"
    rf"(?:week|month|day|sprint|quarter)|EOW|EOD|COB|EOM|EOQ|within\s+the\s+next\s+(?:\d+|a|two|three)\s+"
    rf"(?:days?|weeks?)|soon|shortly|any\s+day\s+now)\b",
    re.I,
)
# "in two weeks" is a relative date when it points forward ("the cutover happens in two weeks"), but a duration
# after a past-tense verb ("Jun wrote the runbook in two days").
_IN_DURATION_RE = re.compile(
    r"\bin\s+(?:a|one|two|three|four|a\s+few|a\s+couple\s+of|\d+)\s+(?:days?|weeks?|months?|sprints?)\b", re.I
)
PAST_CUE_RE = re.compile(
    r"\b(?:was|were|did|had|took|wrote|rewrote|ran|built|made|got|went|came|found|gave|began|brought|caught|kept|"
    r"left|put|set|sent|spent|told|won|since|done|"  # "live since Monday" is the Monday before
    # "need", "proceed" and "embed" end in -ed without being past tense
    r"(?!(?:expected|planned|scheduled|needed|aimed|targeted|need|needs|speed|feed|proceed|exceed|succeed|embed|"
    r"red|bed)\b)\w+ed)\b",
    re.I,
)
_BARE_WEEKDAY_RE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_HOLIDAY_BEFORE_RE = re.compile(r"(?:black|cyber|good|ash|boxing)\s+$", re.I)
_NEXT_UPDATE_RE = re.compile(r"\bnext\s+(?:update|status\s+update|report)\b", re.I)


_DATED_AFTER_RE = re.compile(r"\s*\((?:by\s+|from\s+|week\s+of\s+)?\d{4}-\d{2}-\d{2}\)")


def _bare_weekday(text: str, m: re.Match[str]) -> bool:
    """A weekday with no date next to it ("on Friday"), not "Friday 14 November" or "2026-11-14 (Friday)"."""
    if _HOLIDAY_BEFORE_RE.search(text[max(0, m.start() - 8) : m.start()]):
        return False
    after = text[m.end() : m.end() + 22]
    before = text[max(0, m.start() - 16) : m.start()]
    return not (ABSOLUTE_DATE_RE.match(after.lstrip(" ,(")) or ABSOLUTE_DATE_RE.search(before))


def clause_before(text: str, pos: int) -> str:
    return re.split(r"[.!?;\n]", text[max(0, pos - 80) : pos])[-1]


# A clause joined by "and" or a comma has its own tense: "the capped launch is still on for 8 Dec and the go/no-go is
# Monday" is a coming Monday; "merged, deploying Friday" a coming Friday.
_JOIN_RE = re.compile(r",|\b(?:and|but|while|whereas|so|then)\b", re.I)
# An -ed word after an article or possessive describes a noun ("the capped launch", "our delayed cutover"): no tense.
_DESCRIBES_RE = re.compile(r"\b(?:the|a|an|our|their|its|this|that|his|her|my|your)\s+$", re.I)
_NOW_CUE_RE = re.compile(r"\b(?:is|are|will|'ll|goes|going|starts?|due|still\s+on)\b", re.I)
# "moved to Monday", "pushed back until Friday", "done by Friday": the past verb names a new date, which lies ahead.
_MOVED_TO_RE = re.compile(r"\b(?:to|until|till|by)\s*$", re.I)
# Nobody plans an incident: "SEV2 Tuesday night" happened.
_INCIDENT_RE = re.compile(r"\b(?:sev\s?-?\d|incident|outage|pages?|paged)\s+(?:on\s+)?$", re.I)


def past_before(text: str, pos: int) -> bool:
    """Whether the words before ``pos`` put what follows in the past ("shipped on Monday", "live since Monday")."""
    clause = _JOIN_RE.split(clause_before(text, pos))[-1]
    if _INCIDENT_RE.search(clause):
        return True
    last_past = -1
    for m in PAST_CUE_RE.finditer(clause):
        if not _DESCRIBES_RE.search(clause[: m.start()]):
            last_past = m.end()
    if last_past < 0:
        return False
    rest = clause[last_past:]
    return not (_NOW_CUE_RE.search(rest) or _MOVED_TO_RE.search(rest))


def past_after(text: str, pos: int) -> bool:
    """Whether the few words after ``pos`` say it happened: "dry run Tuesday went ok", "Monday's deploy was fine"."""
    clause = _JOIN_RE.split(re.split(r"[.!?;\n(]", text[pos : pos + 40])[0])[0]
    words = " ".join(clause.split()[:4])
    return bool(PAST_CUE_RE.search(words)) and not _NOW_CUE_RE.search(words)


def check_relative_dates(text: str, ctx: CheckContext) -> list[Finding]:
    masked = mask_code(text)
    found = list(_RELATIVE_RE.finditer(masked))
    found += [m for m in _BARE_WEEKDAY_RE.finditer(masked) if _bare_weekday(masked, m)]
    found += [m for m in _IN_DURATION_RE.finditer(masked) if not past_before(masked, m.start())]
    found = [m for m in found if not any(o.start() <= m.start() < o.end() and o is not m for o in found)]
    # "tomorrow (2026-12-04)" and "this week (by 2026-12-04)" carry their date: nothing is wrong when read late.
    found = [m for m in found if not _DATED_AFTER_RE.match(masked, m.end())]
    return [
        make(
            "status.relative_date",
            Severity.WARNING,
            text,
            m.start(),
            m.end(),
            message=f"'{m.group(0)}' is a relative date; it is wrong as soon as the update is forwarded or read late.",
            fix="Use an absolute date such as 2026-12-08 (add the weekday if it helps: 'Friday 2026-12-04').",
        )
        for m in sorted(found, key=lambda m: m.start())
    ]


def check_next_update(text: str, ctx: CheckContext) -> list[Finding]:
    masked = mask_code(text)
    mentions = list(_NEXT_UPDATE_RE.finditer(masked))
    if not mentions:
        return [
            whole(
                "status.next_update",
                Severity.WARNING,
                "The update does not say when the next one comes.",
                "End with 'Next update: 2026-12-04, to <audience>', so nobody has to chase you.",
            )
        ]
    for m in mentions:
        start, end = line_at(masked, m.start())
        window = masked[start : min(len(masked), end + 300)] if masked[start:end].lstrip().startswith("#") else ""
        if ABSOLUTE_DATE_RE.search(masked[start:end]) or ABSOLUTE_DATE_RE.search(window):
            return []
    m = mentions[-1]
    return [
        make(
            "status.next_update",
            Severity.WARNING,
            text,
            m.start(),
            line_at(text, m.start())[1],
            message="The next update has no absolute date.",
            fix="Give the date: 'Next update: 2026-12-04'.",
        )
    ]


def word_count(text: str) -> int:
    """Words a reader has to read: front matter, table rules and Markdown markup are not counted."""
    _, body_start = front_matter(text)
    body = re.sub(r"^\s*\|?\s*:?-{2,}.*$", "", text[body_start:], flags=re.MULTILINE)
    return len(WORD_RE.findall(body))


def check_length(text: str, ctx: CheckContext) -> list[Finding]:
    budget = WORD_BUDGETS.get(ctx.audience or "", DEFAULT_BUDGET)
    count = word_count(text)
    if count <= budget:
        return []
    who = f"a {ctx.audience} audience" if ctx.audience else "an update with no audience given"
    return [
        whole(
            "status.length",
            Severity.WARNING,
            f"The update has {count} words; the budget for {who} is {budget}.",
            "Cut detail the audience does not act on; keep the TL;DR, the colours, the red/amber blocks and the asks.",
        )
    ]


STATUS_DATE_RULES = (
    Rule(
        "status.relative_date",
        Severity.WARNING,
        ("status",),
        "Updates are forwarded and read late: use absolute dates, never 'next week' (status template).",
        check_relative_dates,
    ),
    Rule(
        "status.next_update",
        Severity.WARNING,
        ("status",),
        "Say when the next update comes so silence does not breed confusion (L1534, L5112).",
        check_next_update,
    ),
    Rule(
        "status.length",
        Severity.WARNING,
        ("status",),
        "Fit the audience: executives get one screen, the team can have more detail (003:108).",
        check_length,
    ),
)

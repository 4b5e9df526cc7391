"""Read an ADR in the Nygard layout (## Status / ## Context / ## Decision / ## Consequences), MADR 2-4 (## Context
and Problem Statement / ## Considered Options / ## Decision Outcome / ### Consequences, metadata as front matter or
"* Status:" bullets) or as a Y-statement ("In the context of …, facing …, we decided for …, to achieve …, accepting
…") into one shape the ADR rules can check, with the template it follows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from assistant.adr_policy import Template, TemplateSetting
from assistant.checks.markdown import Section, find_section, front_matter, heading_words, sections

STATUSES = ("Proposed", "Accepted", "Deprecated", "Superseded", "Rejected")
TITLE_RE = re.compile(r"^#[ \t]+(?:ADR[- ]?)?(?P<number>\d{1,5})(?:[.:)]|\s+[-–—:]?)\s*(?P<title>\S.*)$", re.I)
_STATUS_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?status(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>.+)$", re.I | re.M
)
_DATE_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?date(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>.+)$", re.I | re.M
)
ISO_DATE_RE = re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")
LINK_RE = re.compile(r"\b(?P<kind>superseded\s+by|supersedes)\s*:?\s*(?:\[)?(?:ADR[- ]?)?#?(?P<number>\d{1,5})\b", re.I)


# MADR's own headings and metadata keys: one is enough to tell a MADR record from a Nygard one.
_MADR_HEADING_RE = re.compile(
    r"^#{1,6}[ \t]+(?:[^\w\s]+[ \t]*)?"  # an emoji or symbol first is still the heading
    r"(?:context and problem statement|considered options|decision outcome|decision drivers|"
    r"pros and cons of the options)\b",
    re.I | re.M,
)
_MADR_LINE_RE = re.compile(r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?(?:deciders|decision-makers)\b", re.I | re.M)
_CHOSEN_LINE_RE = re.compile(r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?chosen option\b", re.I | re.M)
_MADR_META = frozenset({"deciders", "decision-makers", "consulted", "informed"})
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
_META_LINE_RE = re.compile(r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?(?:status|date)(?:\*\*)?[ \t]*:.*$", re.I | re.M)
Y_MIN_CLAUSES = 3  # a record with three of the five clauses is a Y-statement, possibly missing the other two


@dataclass
class Adr:
    text: str
    template: Template = "nygard"
    number: int | None = None
    title_start: int | None = None
    status: str | None = None  # the first word, e.g. "Accepted" or "Draft"
    status_text: str = ""  # the whole value as written, e.g. "on hold"
    date: str | None = None  # the raw value
    context: Section | None = None
    options: Section | None = None
    decision: Section | None = None
    consequences: list[Section] = field(default_factory=list)
    superseded_by: list[int] = field(default_factory=list)
    supersedes: list[int] = field(default_factory=list)
    clauses: dict[str, bool] = field(default_factory=dict)  # Y-statements: which clauses are there
    intro: str = ""  # prose between the title (and its metadata) and the first section: MADR 1-2 put the context here


def y_clauses(text: str) -> dict[str, bool]:
    """Which Y-statement clauses the text has, outside the status and date lines ("Status: accepted"). Emphasis
    marks go first: "_In the context of_" has no word boundary before "In"."""
    _, body_start = front_matter(text)
    body = re.sub(r"[*_]+", " ", _META_LINE_RE.sub(" ", text[body_start:]))
    return {name: bool(rx.search(body)) for name, rx in Y_CLAUSES.items()}


def detect_template(text: str, meta: dict[str, str] | None = None) -> Template:
    """The template one record follows, in order of evidence:

    - a Y-statement has most of its clauses and no context section of its own (the context is its first clause);
    - MADR has one of its own headings ("Considered Options", "Decision Outcome", …) or a "Chosen option";
    - Nygard has a Decision and a Consequences section (a "Deciders:" line does not make it MADR);
    - MADR's metadata alone (front matter, "* Deciders:") makes MADR;
    - anything else is read as Nygard."""
    if meta is None:
        meta, _ = front_matter(text)
    context = find_section(text, r"context\b|background\b|problem\b")
    if sum(y_clauses(text).values()) >= Y_MIN_CLAUSES and context is None:
        return "ystatement"
    if _MADR_HEADING_RE.search(text) or _CHOSEN_LINE_RE.search(text):
        return "madr"
    if find_section(text, r"decision\b") is not None and find_section(text, r"consequences\b") is not None:
        return "nygard"
    if _MADR_LINE_RE.search(text) or meta.keys() & (_MADR_META | {"status", "date"}):
        return "madr"
    return "nygard"


def _first_word(value: str) -> str:
    m = re.search(r"[A-Za-z]+", value.replace("*", "").replace("_", " "))
    return m.group(0).capitalize() if m else ""


def _status_value(text: str, meta: dict[str, str]) -> str | None:
    """The status as written: front matter, the first line under '## Status', or a 'Status:' line."""
    if meta.get("status"):
        return meta["status"]
    sec = find_section(text, r"status\b")
    if sec is not None:
        body = text[sec.body_start : sec.end].strip()
        if body:
            return body.splitlines()[0]
    m = _STATUS_LINE_RE.search(text)
    return m.group("value") if m else None


def _date(text: str, meta: dict[str, str]) -> str | None:
    if meta.get("date"):
        return meta["date"]
    m = _DATE_LINE_RE.search(text)
    if m:
        return m.group("value").strip()
    sec = find_section(text, r"status\b")
    if sec is not None:
        found = ISO_DATE_RE.search(text, sec.body_start, sec.end)
        return found.group(0) if found else None
    return None


def _consequences(text: str) -> list[Section]:
    return [
        s
        for s in sections(text)
        if re.match(r"(?:positive\s+|negative\s+)?consequences\b", heading_words(s.title), re.I)
    ]


def number_from_path(path: str | None) -> int | None:
    if not path:
        return None
    m = re.match(r"(?:adr[-_]?)?(\d{1,5})\b", PurePath(path).name, re.I)
    return int(m.group(1)) if m else None


def parse_adr(text: str, path: str | None = None, template: TemplateSetting = "auto") -> Adr:
    meta, body_start = front_matter(text)
    adr = Adr(text=text, template=detect_template(text, meta) if template == "auto" else template)
    for line in re.finditer(r"^#[ \t].*$", text[body_start:], re.M):
        m = TITLE_RE.match(line.group(0))
        adr.title_start = body_start + line.start()
        if m:
            adr.number = int(m.group("number"))
        break
    if adr.number is None:
        adr.number = number_from_path(path)
    written = _status_value(text, meta)
    if written is not None:
        adr.status = _first_word(written) or None
        adr.status_text = " ".join(written.replace("*", "").replace("_", " ").split())
    adr.date = _date(text, meta)
    adr.context = find_section(text, r"context\b|background\b|problem\b|problem statement\b")
    adr.options = find_section(
        text, r"(?:considered\s+)?options\b|alternatives\b|options\s+considered|alternatives\s+considered"
    )
    adr.decision = find_section(text, r"decision\b(?!\s+drivers)")
    adr.consequences = _consequences(text)
    for m in LINK_RE.finditer(text):
        target = adr.superseded_by if m.group("kind").lower().startswith("superseded") else adr.supersedes
        target.append(int(m.group("number")))
    if adr.template == "ystatement":
        adr.clauses = y_clauses(text)
    adr.intro = _intro(text, adr.title_start)
    return adr


_METADATA_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*][ \t]*)?(?:\*\*)?[A-Za-z][\w -]{0,30}(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*\S.*$", re.M
)


def _intro(text: str, title_start: int | None) -> str:
    if title_start is None:
        return ""
    line_end = text.find("\n", title_start)
    if line_end < 0:
        return ""
    nxt = re.search(r"^#{1,6}[ \t]", text[line_end + 1 :], re.M)
    body = text[line_end + 1 : line_end + 1 + nxt.start()] if nxt else text[line_end + 1 :]
    return " ".join(_METADATA_LINE_RE.sub(" ", body).split())

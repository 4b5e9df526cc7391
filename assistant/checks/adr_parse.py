"""Read an ADR in the Nygard layout (## Status / ## Context / ## Decision / ## Consequences), MADR 2-4 (## Context
and Problem Statement / ## Considered Options / ## Decision Outcome / ### Consequences, metadata as front matter or
"* Status:" bullets) or as a Y-statement ("In the context of …, facing …, we decided for …, to achieve …, accepting
…") into one shape the ADR rules can check, with the template it follows."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import unquote

from assistant.adr_policy import Template, TemplateSetting
from assistant.checks import adr_lang
from assistant.checks.adr_meta import field as meta_field
from assistant.checks.adr_meta import is_metadata_line
from assistant.checks.adr_refs import predecessors, successors
from assistant.checks.adr_template import detect_template, y_clauses
from assistant.checks.adr_unfilled import status_menu, without_placeholders
from assistant.checks.markdown import Section, find_section, front_matter, heading_words, rendered, sections

__all__ = [
    "ISO_DATE_RE",
    "MORE_SECTIONS",
    "STATUSES",
    "TITLE_RE",
    "Adr",
    "detect_template",
    "is_section_name",
    "number_from_path",
    "parse_adr",
]

STATUSES = ("Proposed", "Accepted", "Deprecated", "Superseded", "Rejected")
# A numbered title's words: "0007. Use X", "ADR-7: Use X", "[ADR 0007] Use X", "ADR #7 - Use X", "12 | Use X".
TITLE_RE = re.compile(
    r"^[\[(]?(?:ADR[-_ ]?)?#?(?P<number>\d{1,5})[\])]?(?:[.:)|]|\s+[-–—:|]?)\s*(?P<title>\S.*)$", re.I
)
ISO_DATE_RE = re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")
# Where each core section is, by its name in English or in the team's language ("## Kontext", "## Décision"). A
# heading that only starts with "Decision" may be about something else: "## Decision-makers" (a RACI table, read
# in held-out logs), "Decision date", "Decision log".
_NOT_THE_DECISION = r"(?![\s-]*(?:drivers?|makers?|date|owners?|log|records?|history|status|matrix|board|process)\b)"
SECTION_PATTERNS: dict[str, str] = {
    "status": rf"status\b|{adr_lang.SECTIONS['status']}",
    "context": rf"context\b|background\b|problem\b|problem statement\b|{adr_lang.SECTIONS['context']}",
    "options": r"(?:considered\s+)?options\b|alternatives\b|options\s+considered|alternatives\s+considered|"
    + adr_lang.SECTIONS["options"],
    "decision": rf"decision\b{_NOT_THE_DECISION}|{adr_lang.SECTIONS['decision']}",
    "consequences": rf"(?:positive\s+|negative\s+)?consequences\b|{adr_lang.SECTIONS['consequences']}",
}
# A first-level heading with one of these names is a section, not the record's title ("# Context" in a log that puts
# every heading at level 1).
_SECTION_NAME_RE = re.compile(
    r"(?:status|context(?:\s+and\s+problem\s+statement)?|problem(?:\s+statement)?|background|decision(?:\s+outcome)?|"
    r"consequences|(?:considered\s+)?options|alternatives)\W*|"
    + "|".join(f"(?:{adr_lang.SECTIONS[n]})\\W*" for n in ("status", "context", "decision", "consequences", "options"))
    + rf"|(?:{adr_lang.MADR_HEADINGS})\W*",
    re.I,
)
# Sections a template adds around its core ones, by the rule that reads them. Left empty they are as unfinished as
# an empty Context (read in a held-out MADR log: "## Decision Drivers <!-- optional -->" with nothing under it, and
# "## Pros and Cons of the Options" followed straight by the next heading).
MORE_SECTIONS: dict[str, re.Pattern[str]] = {
    "adr.context": re.compile(
        rf"(?:decision\s+)?drivers\b|forces\b|constraints\b|{adr_lang.SECTIONS['drivers']}", re.I
    ),
    "adr.options": re.compile(rf"pros\s+and\s+cons\b|{adr_lang.SECTIONS['pros_cons']}", re.I),
    "adr.decision": re.compile(rf"confirmation\b|validation\b|{adr_lang.SECTIONS['confirmation']}", re.I),
}
# The other sections records carry, besides the core and MORE_SECTIONS ones.
_OTHER_SECTION_RE = re.compile(
    r"(?:more\s+information|links?|notes?|references?|related(?:\s+\w+)?|see\s+also|compliance|open\s+questions|"
    r"risks?|appendix|history|comments|implementation|follow[- ]?ups?|date|(?:positive\s+|negative\s+)?"
    r"consequences|decision\s+drivers|pros\s+and\s+cons(?:\s+of\s+the\s+options)?|decision[\s-]*makers|raci|"
    r"summary|tl;?dr|status\s+history|roll-?out|open\s+points|next\s+steps|contents)\b",
    re.I,
)


def is_section_name(words: str) -> bool:
    """Whether a heading's words name a section of a record ("Consequences", "More Information"), not a topic
    inside one ("## Use YAML front matter" right under "## Pros and Cons of the Options", as in MADR's own log)."""
    return bool(
        _SECTION_NAME_RE.fullmatch(words)
        or _OTHER_SECTION_RE.match(words)
        or any(rx.match(words) for rx in MORE_SECTIONS.values())
    )


# Other keys teams give the record's date ("Decided: 2022-10-03"), read when there is no "Date".
_DATE_KEYS = ("decided", "decided on", "decision date", "date decided", "date of decision")
_DATE_START_RE = re.compile(r"\W*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.I)
# A file name that starts with a date ("2024-02-cache.md", "20240211-cache.md") carries no record number.
_DATED_NAME_RE = re.compile(r"(?:19|20)\d\d(?:[-_.]?[01]\d)(?:[-_.]?[0-3]\d)?(?:\D|$)")


@dataclass
class Adr:
    text: str  # as it renders: HTML comments and "&nbsp;" blanked out (same offsets as the file)
    template: Template = "nygard"
    number: int | None = None
    title: str | None = None  # the title's words: a heading (ATX or underlined) or front matter's "title:"
    title_start: int | None = None
    status: str | None = None  # the first word, e.g. "Accepted" or "Draft"
    status_text: str = ""  # the whole value as written, e.g. "on hold"
    status_unfilled: bool = False  # the status is still the template's placeholder ("{proposed | accepted | …}")
    date: str | None = None  # the raw value
    context: Section | None = None
    options: Section | None = None
    decision: Section | None = None
    consequences: list[Section] = field(default_factory=list)
    more: dict[str, list[Section]] = field(default_factory=dict)  # MORE_SECTIONS found, by the rule that reads them
    superseded_by: list[int] = field(default_factory=list)
    successor_named: bool = False  # a successor is named, by number or by a link that may carry none
    supersedes: list[int] = field(default_factory=list)
    clauses: dict[str, bool] = field(default_factory=dict)  # Y-statements: which clauses are there
    intro: str = ""  # prose between the title (and its metadata) and the first section: MADR 1-2 put the context here


def _first_word(value: str) -> str:
    m = re.search(r"[^\W\d_]+", value.replace("*", "").replace("_", " "))
    return m.group(0).capitalize() if m else ""


def _status_word(value: str, langs: frozenset[str]) -> str:
    """The status a value starts with: one of STATUSES, also when written in the record's language ("Aceptado" in
    a Spanish record), or else its first word as written ("Draft")."""
    word = _first_word(value)
    return adr_lang.status(word, langs) or word


# A status shown as a badge reads as the badge does: its alt text ("![Status: accepted](…)", read in a held-out
# log) or, when that says nothing, the message of a shields.io URL (".../badge/status-accepted-green"); a status
# given as a link reads as the link's text.
_IMAGE_RE = re.compile(
    r"!\[(?P<alt>[^\]\n]*)\]\((?P<src>[^)\s]*)[^)\n]*\)|<img\b[^>]*?\balt=[\"'](?P<html_alt>[^\"']*)[\"'][^>]*>", re.I
)
_TEXT_LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\([^)\n]*\)")
_STATUS_KEY_RE = re.compile(r"^\W*status\b\W*", re.I)
_SHIELDS_RE = re.compile(r"/badge/(?P<badge>[^/?#]+)|[?&]message=(?P<message>[^&#]+)", re.I)


def _badge(src: str) -> tuple[str, str]:
    """A shields.io badge's label and message ("", "" for another image)."""
    m = _SHIELDS_RE.search(src)
    if m is None:
        return "", ""
    if m.group("message"):
        label = re.search(r"[?&]label=([^&#]+)", src)
        return unquote(label.group(1) if label else ""), unquote(m.group("message")).replace("_", " ")
    # "label-message-color" or "message-color"; "--" is a dash and "_" a space inside a part.
    parts = [unquote(p.replace("\0", "-")).replace("_", " ") for p in m.group("badge").replace("--", "\0").split("-")]
    return (parts[0], parts[1]) if len(parts) >= 3 else ("", parts[0])


def _status_badge(text: str) -> str | None:
    """A badge that says it shows the status (its alt text or shields.io label is "status"), wherever the record
    puts it: some put it under the title with no "Status:" key."""
    for m in _IMAGE_RE.finditer(text):
        alt = m.group("alt") or m.group("html_alt") or ""
        label = _badge(m.group("src") or "")[0]
        if _STATUS_KEY_RE.match(alt) or label.strip().lower() == "status":
            return _status_words(m.group(0)) or None
    return None


def _status_words(value: str) -> str:
    def image(m: re.Match[str]) -> str:
        alt = _STATUS_KEY_RE.sub("", m.group("alt") or m.group("html_alt") or "")
        return alt if _first_word(alt) and alt.strip().lower() != "badge" else _badge(m.group("src") or "")[1]

    return _TEXT_LINK_RE.sub(lambda m: m.group("text"), _IMAGE_RE.sub(image, value))


_LIST_MARK_RE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")


def _status_in_section(text: str, sec: Section, langs: frozenset[str]) -> str | None:
    """'## Status: Accepted', a 'Status:' line under '## Status', or its first line that is not another metadata
    line ('Date: 2023-09-04' above 'Accepted') or the template's menu of statuses left above the one picked. A
    history of dated status lines ("Proposed 2023-01-09", "Accepted 2023-02-01") ends on the latest."""
    in_heading = re.match(r"\w+\s*[:–—-]\s*(?P<value>\S.*)", heading_words(sec.title), re.I)
    if in_heading:
        return in_heading.group("value")
    body = text[sec.body_start : sec.end]
    status = meta_field(body, "status")
    if status is not None:
        return status.value
    # A line without a word is a date ("2023-09-04" above "Accepted"); "Superseded by: 0007" is the status itself.
    lines = [_LIST_MARK_RE.sub("", ln).strip() for ln in body.splitlines() if _first_word(ln)]
    picked = [ln for ln in lines if not status_menu(ln)] or lines
    history = [(m.group(0), k) for k, ln in enumerate(picked) if _status_word(_status_words(ln), langs) in STATUSES
               for m in [ISO_DATE_RE.search(ln)] if m]  # fmt: skip
    if len(history) >= 2:
        return picked[max(history)[1]]
    statuses = (ln for ln in picked if _status_word(_status_words(ln), langs) in STATUSES or not is_metadata_line(ln))
    return next(statuses, None)


def _status_section(text: str, skip: int | None) -> Section | None:
    return find_section(text, SECTION_PATTERNS["status"], bold=True, skip=skip)


def _status_value(text: str, meta: dict[str, str], skip: int | None, langs: frozenset[str]) -> str | None:
    """The status as written: front matter, the '## Status' section, or a 'Status:' line or table row."""
    for key in ("status", *adr_lang.STATUS_KEYS):
        if meta.get(key):
            return meta[key]
    sec = _status_section(text, skip)
    found = _status_in_section(text, sec, langs) if sec is not None else None
    if found:
        return found
    line = meta_field(text, "status")
    return line.value if line else _status_badge(text)


# Lines of a Status section that point to other records for another reason than replacing this one.
_OTHER_RELATION_RE = re.compile(
    r"\b(?:supersedes|amends|amended\s+by|extends|extended\s+by|relates?\s+to|related|clarifies|clarified\s+by|"
    r"depends|see\s+also)\b",
    re.I,
)


def _status_passage(text: str, written: str, skip: int | None) -> str:
    """Where a Superseded record may name its successor besides a "superseded by" phrase: the status value and the
    rest of the Status section ("Superseded" and then "See [ADR-0042](…)")."""
    sec = _status_section(text, skip)
    lines = text[sec.body_start : sec.end].splitlines() if sec is not None else []
    return "\n".join([written, *(ln for ln in lines if not _OTHER_RELATION_RE.search(ln))])


def _date(text: str, meta: dict[str, str], skip: int | None, langs: frozenset[str]) -> str | None:
    for key in ("date", *adr_lang.DATE_KEYS):
        if meta.get(key):
            return meta[key]
    line = meta_field(text, "date")
    if line:
        return line.value
    for key in (*_DATE_KEYS, *(adr_lang.DATE_KEY_IN[lang] for lang in sorted(langs & adr_lang.DATE_KEY_IN.keys()))):
        other = meta_field(text, key)
        value = meta.get(key) or (other.value if other else None)
        if value and _DATE_START_RE.match(value):
            return value
    sec = _status_section(text, skip)
    if sec is not None:
        found = ISO_DATE_RE.search(text, sec.body_start, sec.end)
        return found.group(0) if found else None
    return None


def _consequences(text: str, skip: int | None) -> list[Section]:
    return [
        s
        for s in sections(text, bold=True)
        if s.start != skip and re.match(SECTION_PATTERNS["consequences"], heading_words(s.title), re.I)
    ]


def _more(text: str, skip: int | None) -> dict[str, list[Section]]:
    out: dict[str, list[Section]] = {}
    for sec in sections(text, bold=True):
        for rule, rx in MORE_SECTIONS.items():
            if sec.start != skip and rx.match(heading_words(sec.title)):
                out.setdefault(rule, []).append(sec)
    return out


def number_from_path(path: str | None) -> int | None:
    if not path:
        return None
    name = PurePath(path).name
    if _DATED_NAME_RE.match(name):
        return None
    m = re.match(r"(?:adr[-_]?)?(\d{1,5})(?=[-_. ]|$)", name, re.I)
    return int(m.group(1)) if m else None


def _title(text: str, meta: dict[str, str], body_start: int) -> tuple[str | None, int | None]:
    """The title's words and where it starts: the first level-1 heading that is not a section name; failing that,
    a heading of any level that opens the record ("## Price book distribution", in a wiki whose page title is the
    level-1 heading); or the "title:" key of front matter (static site generators render it as the page's title)."""
    heads = [s for s in sections(text) if not _SECTION_NAME_RE.fullmatch(heading_words(s.title))]
    first = next((s for s in heads if s.level == 1), None)
    if first is None and heads and not text[body_start : heads[0].start].strip():
        first = heads[0]
    if first is not None:
        return first.title.strip("*_ "), first.start
    if meta.get("title"):
        m = re.search(r"^title[ \t]*:", text[:body_start], re.M | re.I)
        return meta["title"], m.start() if m else 0
    return None, None


@functools.lru_cache(maxsize=64)
def parse_adr(text: str, path: str | None = None, template: TemplateSetting = "auto") -> Adr:
    """The record as it renders: a template's instructions left in HTML comments are not read (read in held-out
    logs: "<!-- One of: Proposed | Accepted | … -->" in the Status section, a placeholder Y-statement), nor an
    exporter's "&nbsp;". Each ADR rule reads the same record, so the reading is kept: callers share it and must
    not change it."""
    text = rendered(text)
    langs = adr_lang.languages(text)
    meta, body_start = front_matter(text)
    adr = Adr(text=text, template=detect_template(text, meta) if template == "auto" else template)
    adr.title, adr.title_start = _title(text, meta, body_start)
    m = TITLE_RE.match(adr.title or "")
    adr.number = int(m.group("number")) if m else number_from_path(path)
    skip = adr.title_start
    written = _status_value(text, meta, skip, langs)
    if written is not None:
        words = _status_words(written)
        adr.status_text = " ".join(words.replace("*", "").replace("_", " ").split())
        adr.status_unfilled = not without_placeholders(written).strip(" \t*_\"'") or status_menu(written)
        adr.status = None if adr.status_unfilled else _status_word(words, langs) or None
    adr.date = _date(text, meta, skip, langs)
    adr.context = find_section(text, SECTION_PATTERNS["context"], bold=True, skip=skip)
    adr.options = find_section(text, SECTION_PATTERNS["options"], bold=True, skip=skip)
    adr.decision = find_section(text, SECTION_PATTERNS["decision"], bold=True, skip=skip)
    adr.consequences = _consequences(text, skip)
    adr.more = _more(text, skip)
    superseded = adr.status == "Superseded"
    successor = successors(text, _status_passage(text, written or "", skip) if superseded else "")
    adr.superseded_by, adr.successor_named = successor.numbers, successor.named
    adr.supersedes = predecessors(text)
    if adr.template == "ystatement":
        adr.clauses = y_clauses(text)
    adr.intro = _intro(text, adr.title_start, body_start)
    return adr


_METADATA_LINE_RE = re.compile(
    r"^[ \t]*(?:[-*>][ \t]*)?(?:\*\*)?[A-Za-z][\w -]{0,30}(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*\S.*$|^[ \t]*\|.*$", re.M
)


def _intro(text: str, title_start: int | None, body_start: int) -> str:
    """The prose between the title (or the front matter) and the first section, without its metadata lines."""
    if title_start is None:
        return ""
    heads = sections(text, bold=True)
    begin = next((s.body_start for s in heads if s.start == title_start), body_start)
    end = next((s.start for s in heads if s.start >= begin), len(text))
    return " ".join(_METADATA_LINE_RE.sub(" ", text[begin:end]).split())

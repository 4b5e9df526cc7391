"""Where a record points to the one that replaced it, and to the ones it replaces, in whatever form a team writes
the pointer: "Superseded by 0042", a Markdown link, a wiki-link ("[[0033-use-passkeys]]", an Obsidian vault), a
URL to the file on the team's Git host, a front-matter key ("superseded-by: 0042"), or, in the status itself, any
record number after the word ("Superseded, see 0042", "Superseded (→ ADR-0017)"). Read in held-out logs, each of
these named the successor; "Superseded by: (link to follow)", an empty "[]()" or nothing at all does not."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.checks import adr_lang

_BY = rf"(?:superseded|replaced)[ \t_-]*by|successor(?=[ \t]*:)|{adr_lang.SUPERSEDED_BY}"
# The pointer follows on the same line or, when the line ends at the phrase, on the next one (after at most one blank
# line) as a list item or a link ("Superseded by:" then "- [ADR-0009](0009-use-x.md)").
_REST = r"[ \t]*:?(?P<rest>[^\n]*)(?P<next>(?:\n[ \t]*)?\n[ \t]*(?:[-*+][ \t]+)?(?:\[|https?://|adr|#\d|\d)[^\n]*)?"
_BY_RE = re.compile(rf"\b(?:{_BY})\b{_REST}", re.I)
_SUPERSEDES_RE = re.compile(rf"\bsupersedes\b{_REST}", re.I)

_LINK_RE = re.compile(r"!?\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s]*)[^)\n]*\)")
_WIKI_RE = re.compile(r"\[\[(?P<target>[^\]|\n]+)(?:\|[^\]\n]*)?\]\]")
_URL_RE = re.compile(r"\bhttps?://[^\s)>\]]+", re.I)
# A record number: "0042", "ADR-0017", "#17", "adr_0017"; not a date ("2023-09-04") or a year ("in 2023").
_DATE_RE = re.compile(r"\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_NUMBER_RE = re.compile(r"(?<![\w.-])(?P<prefix>(?:adr|record|rfc|#|№|nr\.?|no\.?)[ \t_#-]*)?(?P<number>\d{1,5})(?!\d)",
                        re.I)  # fmt: skip
_FILE_NUMBER_RE = re.compile(r"(?:^|/)(?:adr[-_ ]?)?(?P<number>\d{1,5})(?=[-_. ]|$)", re.I)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# Stop at the next pair on the line ("Superseded by: 0042 · Date: …") or a sentence that moves on.
_STOP_RE = re.compile(r"[·|;]|\.\s+[A-Z]|\b(?:date|status|deciders)\s*:", re.I)


@dataclass
class Pointer:
    """What one passage points to: the record numbers, and whether it names any record at all (a link to a file
    whose name carries no number still names one)."""

    numbers: list[int] = field(default_factory=list)
    named: bool = False


def _file_number(target: str) -> int | None:
    path = target.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    m = _FILE_NUMBER_RE.search(path.rsplit("/", 1)[-1] if "/" in path else path)
    return int(m.group("number")) if m else None


def pointer(passage: str, *, bare_numbers: bool = True) -> Pointer:
    """The records a passage names: links (by their text's number, else their file's), wiki-links, URLs and, with
    ``bare_numbers``, record numbers written on their own."""
    out = Pointer()
    rest = passage
    for rx in (_LINK_RE, _WIKI_RE, _URL_RE):
        for m in rx.finditer(rest):
            target = m.group("target") if "target" in rx.groupindex else m.group(0)
            text = m.group("text") if "text" in rx.groupindex else ""
            if not target.strip():
                continue
            out.named = True
            number = next(iter(_numbers_in(text)), None)
            number = number if number is not None else _file_number(target)
            if number is not None:
                out.numbers.append(number)
        rest = rx.sub(" ", rest)
    if bare_numbers:
        found = _numbers_in(rest)
        out.numbers += found
        out.named = out.named or bool(found)
    return out


def _numbers_in(text: str) -> list[int]:
    text = _DATE_RE.sub(" ", text)
    return [
        int(m.group("number"))
        for m in _NUMBER_RE.finditer(text)
        if m.group("prefix") or m.group("number").startswith("0") or not _YEAR_RE.fullmatch(m.group("number"))
    ]


def _passages(text: str, rx: re.Pattern[str]) -> list[str]:
    out = []
    for m in rx.finditer(text):
        rest = m.group("rest") if m.group("rest").strip() or not m.group("next") else m.group("next")
        stop = _STOP_RE.search(rest)
        out.append(rest[: stop.start()] if stop else rest)
    return out


def successors(text: str, status_text: str = "") -> Pointer:
    """The records that replaced this one: after "superseded by" (or a translation) anywhere, and any record named
    in a Superseded status ("Superseded, see 0042")."""
    out = Pointer()
    for passage in [*_passages(text, _BY_RE), status_text]:
        found = pointer(passage)
        out.numbers += [n for n in dict.fromkeys(found.numbers) if n not in out.numbers]
        out.named = out.named or found.named
    return out


def predecessors(text: str) -> list[int]:
    """The records this one says it supersedes."""
    out: list[int] = []
    for passage in _passages(text, _SUPERSEDES_RE):
        out += [n for n in dict.fromkeys(pointer(passage).numbers) if n not in out]
    return out

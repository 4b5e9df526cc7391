"""Checking whole files, as `coach lint` does: read each file once, skip ADR indexes and templates, give ADRs their
sibling records for the cross-ADR link checks, and place every finding in the whole text (offset, line, column).

    >>> [r.findings[0].finding.rule for r in lint_texts({"-": "Sam is lazy."}, "note")]
    ['tone.label']

The name ``-`` stands for standard input: it has no path on disk, so it has no siblings and no file name to check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assistant.adr_policy import AdrPolicy
from assistant.checks.base import Audience, Finding, KindOrOldName, resolve_kind
from assistant.checks.catalogue import has_errors, run_checks
from assistant.checks.sbi import sbi_part_offsets

STDIN = "-"
# Index and template files live next to ADRs but are not decisions.
NOT_ADRS = frozenset({"readme.md", "index.md", "template.md", "adr-template.md"})
MAX_SIBLINGS = 1000


class LocatedFinding(BaseModel):
    """A finding and where it is in the whole text. SBI part spans are relative to their part, so ``start``/``end``
    are the absolute offsets; all four are ``None`` when the finding has no span or its part cannot be found."""

    model_config = ConfigDict(frozen=True)

    finding: Finding
    start: int | None = None
    end: int | None = None
    line: int | None = None
    column: int | None = None


class FileResult(BaseModel):
    """One checked file (``path`` as given, ``-`` for standard input). ``skipped`` marks an ADR index or template."""

    model_config = ConfigDict(frozen=True)

    path: str
    text: str
    skipped: bool = False
    findings: list[LocatedFinding] = []

    @property
    def has_errors(self) -> bool:
        return has_errors([located.finding for located in self.findings])


def read_text(path: str) -> str:
    """The default reader: a UTF-8 file, undecodable bytes replaced."""
    return Path(path).read_text(encoding="utf-8", errors="replace")


def lint_files(
    paths: Iterable[str],
    kind: KindOrOldName,
    audience: Audience | None = None,
    *,
    read: Callable[[str], str] = read_text,
    adr: AdrPolicy | None = None,
) -> list[FileResult]:
    """Check each file once, in the order given (a repeated path is checked once). ``read`` turns a path into text;
    the CLI passes one that also reads standard input for ``-`` and rejects binary, empty or oversized input.
    ``adr``: the team's ADR conventions (`[adr]` in coach.toml)."""
    return lint_texts({name: read(name) for name in dict.fromkeys(paths)}, kind, audience, adr=adr)


def lint_texts(
    texts: Mapping[str, str], kind: KindOrOldName, audience: Audience | None = None, *, adr: AdrPolicy | None = None
) -> list[FileResult]:
    """Check texts already read, keyed by their path (or ``-``)."""
    kind = resolve_kind(kind)
    documents = adr_siblings(texts) if kind == "adr" else {}
    results = []
    for name, text in texts.items():
        if kind == "adr" and Path(name).name.lower() in NOT_ADRS:
            results.append(FileResult(path=name, text=text, skipped=True))
            continue
        path = None if name == STDIN else name
        found = run_checks(text, kind, audience=audience, documents=documents, path=path, adr=adr)
        results.append(FileResult(path=name, text=text, findings=[locate(text, f) for f in found]))
    return results


def adr_siblings(texts: Mapping[str, str]) -> dict[str, str]:
    """The given ADRs plus their sibling ``*.md`` files, so supersede links can be checked both ways even when a
    pre-commit hook passes only the changed file. Indexes and templates are left out; an unreadable sibling is
    skipped (it only weakens the link check)."""
    docs = {name: text for name, text in texts.items() if name != STDIN}
    folders = {Path(name).parent for name in docs}
    for folder in sorted(folders):
        for sibling in sorted(folder.glob("*.md"))[:MAX_SIBLINGS]:
            key = str(sibling)
            if key not in docs and sibling.name.lower() not in NOT_ADRS:
                try:
                    docs[key] = sibling.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
    return docs


def absolute_span(text: str, finding: Finding) -> tuple[int, int] | None:
    """The finding's span as offsets in the whole text (SBI part spans are relative to their part)."""
    span = finding.span
    if span is None:
        return None
    if span.field is None:
        return span.start, span.end
    base = sbi_part_offsets(text).get(span.field)
    return (base[0] + span.start, base[0] + span.end) if base else None


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def locate(text: str, finding: Finding) -> LocatedFinding:
    where = absolute_span(text, finding)
    if where is None:
        return LocatedFinding(finding=finding)
    line, column = line_col(text, where[0])
    return LocatedFinding(finding=finding, start=where[0], end=where[1], line=line, column=column)

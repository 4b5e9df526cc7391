"""The team's ADR log on disk: where it is, what is in it, the next number, and the two edits that change it (a new
record, and marking one record superseded by another). Compatible with adr-tools: `NNNN-slug.md` file names, a
`.adr-dir` file naming the log, and "Supersedes [N. Title](file)" / "Superseded by [N. Title](file)" status lines.

Every write is atomic (a temporary file, then a rename), and a new record never replaces an existing file.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.adr_policy import AdrPolicy, Template
from assistant.atomic import create_text, replace_text, temporary, write_hint
from assistant.checks.adr_parse import parse_adr
from assistant.checks.files import NOT_ADRS
from assistant.checks.markdown import find_section, front_matter
from assistant.errors import InputError

# Where teams keep their log, in the order they are looked for (adr-tools' `.adr-dir` file comes first).
LOG_DIRS = ("docs/adr", "docs/decisions", "doc/adr", "docs/architecture/decisions", "adr", "knowledge/adr")
MAX_RECORDS = 5000
EXCERPT_CHARS = 4000  # of each record, kept for finding related records (its title and context come first)
_TITLE_LINE = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.M)
_NUMBER_PREFIX = re.compile(r"^(?:ADR[- ]?)?\d{1,5}(?:[.:)]|\s+[-–—:]?)\s*", re.I)


class Record(BaseModel):
    """One record of the log, as `coach adr list` shows it."""

    model_config = ConfigDict(extra="forbid")

    path: Path
    number: int | None
    title: str
    status: str | None
    date: str | None
    template: Template
    supersedes: list[int]
    superseded_by: list[int]
    excerpt: str = Field("", exclude=True, repr=False)  # the start of the text, read once with the log

    @property
    def label(self) -> str:
        """ "0007. Use an outbox", as supersede links name a record."""
        return f"{self.number}. {self.title}" if self.number is not None else self.title


class Unreadable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: Path
    reason: str


class Log(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dir: Path
    records: list[Record]
    unreadable: list[Unreadable]

    def by_number(self, number: int) -> Record:
        found = [r for r in self.records if r.number == number]
        broken = [u for u in self.unreadable if re.match(rf"0*{number}\D", u.path.name)]
        if not found and broken:  # it is there, only unreadable: "no ADR numbered 4" would send the user looking
            raise InputError(
                f"ADR {number} ({broken[0].path.name}) cannot be read: {broken[0].reason}",
                hint="save it as UTF-8 text, then try again",
            )
        if not found:
            known = ", ".join(f"{r.number:04d}" for r in self.records if r.number is not None) or "none"
            raise InputError(f"no ADR numbered {number} in {self.dir}", hint=f"numbers in the log: {known}")
        return found[0]

    def next_number(self) -> int:
        return max((r.number for r in self.records if r.number is not None), default=0) + 1


def find_log(policy: AdrPolicy, root: Path | None = None) -> Path:
    """The log folder: the `[adr] dir` setting, else adr-tools' `.adr-dir`, else the first of LOG_DIRS that exists
    under ``root`` (default: the current folder)."""
    base = Path.cwd() if root is None else root
    if policy.dir is not None:
        folder = policy.dir if policy.dir.is_absolute() else base / policy.dir
        if not folder.is_dir():
            raise InputError(f"the ADR log {folder} is not a folder", hint="fix `[adr] dir` in coach.toml")
        return folder
    marker = base / ".adr-dir"
    if marker.is_file():
        named = base / marker.read_text(encoding="utf-8", errors="replace").strip()
        if named.is_dir():
            return named
    for candidate in LOG_DIRS:
        if (base / candidate).is_dir():
            return base / candidate
    raise InputError(
        f"no ADR log found under {base}",
        hint="pass the folder, or set `[adr] dir` in coach.toml (looked for .adr-dir, " + ", ".join(LOG_DIRS) + ")",
    )


def open_log(policy: AdrPolicy, folder: Path | None = None) -> Log:
    """The log in ``folder`` (which must be a folder), or the one ``find_log`` finds."""
    if folder is not None and not folder.is_dir():
        raise InputError(f"the ADR log {folder} is not a folder", hint="pass the folder that holds the ADR files")
    return read_log(folder if folder is not None else find_log(policy), policy)


def title_of(text: str) -> str:
    _, body_start = front_matter(text)
    m = _TITLE_LINE.search(text, body_start)
    return _NUMBER_PREFIX.sub("", m.group("title").strip()) if m else ""


def record(path: Path, text: str, policy: AdrPolicy | None = None) -> Record:
    adr = parse_adr(text, str(path), (policy or AdrPolicy()).template)
    return Record(
        path=path, number=adr.number, title=title_of(text) or path.stem, status=adr.status,
        date=adr.date, template=adr.template, supersedes=adr.supersedes, superseded_by=adr.superseded_by,
        excerpt=text[:EXCERPT_CHARS],
    )  # fmt: skip


def read_log(folder: Path, policy: AdrPolicy | None = None) -> Log:
    """Every record in the folder, ordered by number then name; index and template files are left out, and a file
    that cannot be read is listed with the reason rather than stopping the rest."""
    records: list[Record] = []
    unreadable: list[Unreadable] = []
    for path in sorted(folder.glob("*.md"))[:MAX_RECORDS]:
        if path.name.lower() in NOT_ADRS:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            reason = f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
            unreadable.append(Unreadable(path=path, reason=reason))
            continue
        except OSError as exc:
            unreadable.append(Unreadable(path=path, reason=str(exc.strerror or exc)))
            continue
        records.append(record(path, text, policy))
    records.sort(key=lambda r: (r.number is None, r.number or 0, r.path.name))
    return Log(dir=folder, records=records, unreadable=unreadable)


def slug(title: str) -> str:
    """adr-tools' file name slug: lower case, runs of anything but letters and digits become one dash."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "decision"


def file_name(number: int, title: str) -> str:
    return f"{number:04d}-{slug(title)}.md"


def write_new(folder: Path, name: str, text: str) -> Path:
    """Write a new record atomically; an existing file of that name is never replaced."""
    target = folder / name
    if target.exists():
        raise InputError(f"{target} already exists", hint="choose another title or number")
    return create_text(target, text)  # still never replaces a file written in between


def _link(rec: Record) -> str:
    return f"[{rec.label}]({rec.path.name})"


def mark_superseded(text: str, successor: Record) -> str:
    """The old record's text with its status set to "Superseded by [N. Title](file)"."""
    line = f"Superseded by {_link(successor)}"
    meta, body_start = front_matter(text)
    if "status" in meta:
        madr = f"superseded by [ADR-{successor.number:04d}]({successor.path.name})" if successor.number else line
        head = re.sub(r"(?im)^(status[ \t]*:[ \t]*).*$", lambda m: m.group(1) + madr, text[:body_start], count=1)
        return head + text[body_start:]
    section = find_section(text, r"status\b")
    if section is not None:
        body = text[section.body_start : section.end]
        kept = [ln for ln in body.strip().splitlines()[1:] if ln.strip()]
        new_body = "\n" + "\n\n".join([line, *kept]) + "\n\n"
        return text[: section.body_start] + new_body + text[section.end :]
    status_line = re.compile(r"(?im)^([ \t]*(?:[-*][ \t]*)?(?:\*\*)?status(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*).*$")
    if status_line.search(text):
        return status_line.sub(lambda m: m.group(1) + line, text, count=1)
    return _after_title(text, f"Status: {line}")


def add_supersedes(text: str, predecessor: Record) -> str:
    """The new record's text with a "Supersedes [N. Title](file)" line in its status (or under its title)."""
    line = f"Supersedes {_link(predecessor)}"
    if line in text:
        return text
    section = find_section(text, r"status\b")
    if section is not None:
        body = text[section.body_start : section.end].rstrip()
        return text[: section.body_start] + body + "\n\n" + line + "\n\n" + text[section.end :].lstrip("\n")
    return _after_title(text, line)


def _after_title(text: str, line: str) -> str:
    _, body_start = front_matter(text)
    m = _TITLE_LINE.search(text, body_start)
    at = m.end() if m else body_start
    return text[:at] + "\n\n" + line + "\n\n" + text[at:].lstrip("\n")


def supersede(log: Log, old_number: int, new_number: int) -> tuple[Path, Path]:
    """Mark ``old`` superseded by ``new`` and ``new`` as superseding ``old``, both files or neither."""
    if old_number == new_number:
        raise InputError("an ADR cannot supersede itself", hint="give the old record's number, then the new one's")
    old, new = log.by_number(old_number), log.by_number(new_number)
    old_text, new_text = _record_text(old.path), _record_text(new.path)
    changed_old = mark_superseded(old_text, new)
    changed_new = add_supersedes(new_text, old)
    # Both new texts are on disk before either file is replaced; if the second rename fails, the first is undone.
    staged = [(old.path, temporary(old.path.parent, changed_old))]
    try:
        staged.append((new.path, temporary(new.path.parent, changed_new)))
        staged[0][1].replace(old.path)
        try:
            staged[1][1].replace(new.path)
        except OSError:
            replace_text(old.path, old_text)
            raise
    except OSError as exc:
        raise InputError(
            f"cannot update {old.path.name} and {new.path.name}: {exc.strerror}",
            hint=write_hint(exc, "check the folder's permissions; neither record was changed"),
        ) from exc
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
    return old.path, new.path


def _record_text(path: Path) -> str:
    """A record's text, read strictly: rewriting it from a lossy read would replace its undecodable bytes for good."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 text (byte {exc.start}), so it was not changed", hint="save it as UTF-8, then retry"
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", hint="check the file and its permissions") from exc

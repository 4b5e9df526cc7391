"""Load Markdown, text, reStructuredText, HTML and PDF files into markdown-like ``Document`` objects.

Loading never raises for a bad file: it returns the reason to skip it, so one broken file does not stop an ingest.
"""

from __future__ import annotations

import io
import re
from pathlib import Path, PurePosixPath

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.knowledge.markup import Line, html_to_lines, rst_to_lines
from assistant.knowledge.models import Document, LoadResult

MAX_FILE_BYTES = 5 * 1024 * 1024
FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".rst": "rst",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
_DIR_TYPES = {"adr": "adr", "adrs": "adr", "decisions": "adr", "status": "status", "handbook": "handbook"}
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
# str.splitlines also breaks at these; editors and `grep -n` do not, so each one would shift every citation below it
# by a line. They are read as spaces.
_NOT_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

__all__ = ["FORMATS", "MAX_FILE_BYTES", "Document", "LoadResult", "infer_doc_type", "load_bytes", "load_file"]


class FrontMatter(BaseModel):
    """The front matter keys the index uses. Other keys (owner, updated, …) are the authors' own and are ignored."""

    model_config = ConfigDict(extra="ignore")

    title: str | None = None
    type: str | None = None


def infer_doc_type(rel_path: str, declared: str | None = None) -> str:
    """Front matter ``type:`` wins; otherwise the folder names it (``adr/`` → adr, ``status/`` → status)."""
    if declared and declared.strip():
        return declared.strip().lower()
    for part in PurePosixPath(rel_path).parts[:-1]:
        if part.lower() in _DIR_TYPES:
            return _DIR_TYPES[part.lower()]
    return "other"


def load_file(path: Path, rel_path: str) -> LoadResult:
    """Read and convert one file; ``rel_path`` (relative to the ingest root) is what citations show."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        return LoadResult(skipped=f"unsupported file type '{path.suffix or path.name}'")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadResult(skipped=f"{size / 1_048_576:.1f} MB is over the 5 MB limit per file")
        data = path.read_bytes()
    except OSError as exc:
        return LoadResult(skipped=f"cannot read: {exc.strerror or exc}")
    return load_bytes(data, rel_path, fmt)


def load_bytes(data: bytes, rel_path: str, fmt: str) -> LoadResult:
    if len(data) > MAX_FILE_BYTES:
        return LoadResult(skipped=f"{len(data) / 1_048_576:.1f} MB is over the 5 MB limit per file")
    if fmt == "pdf":
        return _load_pdf(data, rel_path)
    if b"\x00" in data[:8192]:
        return LoadResult(skipped="binary file (contains NUL bytes)")
    result = LoadResult()
    text = _NOT_LINE_BREAKS.sub(" ", _decode(data, rel_path, result.warnings))
    lines: list[Line]
    title = ""
    declared_type: str | None = None
    if fmt == "markdown":
        lines, front = _split_front_matter(text, rel_path, result.warnings)
        title, declared_type = front.title or "", front.type
    elif fmt == "rst":
        lines = rst_to_lines(text)
    elif fmt == "html":
        lines, title = html_to_lines(text)
    else:
        lines = [(line, n) for n, line in enumerate(text.splitlines(), start=1)]
    return _finish(result, lines, rel_path, fmt, title=title, declared_type=declared_type)


def _finish(
    result: LoadResult, lines: list[Line], rel_path: str, fmt: str, *, title: str, declared_type: str | None
) -> LoadResult:
    if not any(text.strip() for text, _ in lines):
        result.skipped = "no text"
        return result
    title = title.strip() or _first_h1(lines) or _title_from_name(rel_path)
    result.document = Document(
        path=rel_path,
        title=title,
        doc_type=infer_doc_type(rel_path, declared_type),
        text="\n".join(text for text, _ in lines),
        line_map=tuple(n for _, n in lines),
        source_format=fmt,
    )
    return result


def _decode(data: bytes, rel_path: str, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        warnings.append(
            f"{rel_path}: invalid UTF-8; {bad} undecodable byte sequence(s) replaced with '\ufffd' "
            "(save the file as UTF-8 to index those characters)"
        )
        return text


def _split_front_matter(text: str, rel_path: str, warnings: list[str]) -> tuple[list[Line], FrontMatter]:
    """Strip a leading ``---`` YAML block; body line numbers stay those of the file."""
    raw = text.splitlines()
    end = _front_matter_end(raw)
    front = FrontMatter()
    if end:
        try:
            loaded = yaml.safe_load("\n".join(raw[1:end]))
            front = FrontMatter.model_validate(loaded if isinstance(loaded, dict) else {})
        except (yaml.YAMLError, ValidationError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            warnings.append(f"{rel_path}: front matter ignored ({first})")
    start = end + 1 if end else 0
    return [(line, n) for n, line in enumerate(raw[start:], start=start + 1)], front


def _front_matter_end(raw: list[str]) -> int:
    """Index of the closing ``---``/``...`` line, or 0 when the file has no front matter."""
    if not raw or raw[0].strip() != "---":
        return 0
    for i, line in enumerate(raw[1:200], start=1):
        if line.strip() in {"---", "..."}:
            return i
    return 0


def _first_h1(lines: list[Line]) -> str:
    for text, _ in lines:
        match = _H1.match(text)
        if match:
            return match.group(1)
    return ""


def _title_from_name(rel_path: str) -> str:
    stem = PurePosixPath(rel_path).stem.replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else rel_path


def _load_pdf(data: bytes, rel_path: str) -> LoadResult:
    """Each page becomes a ``## Page N`` section, so citations name the page; line numbers count extracted text."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return LoadResult(skipped="encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except Exception as exc:  # pypdf raises many unrelated types for damaged files; any of them means "skip"
        return LoadResult(skipped=f"not a readable PDF ({type(exc).__name__}: {exc})")
    if not any(page.strip() for page in pages):
        return LoadResult(skipped="PDF has no extractable text (scanned images?)")
    texts: list[str] = []
    for number, page in enumerate(pages, start=1):
        texts += [f"## Page {number}", "", *page.splitlines(), ""]
    lines = [(text, n) for n, text in enumerate(texts, start=1)]
    return _finish(LoadResult(), lines, rel_path, "pdf", title=str(meta_title), declared_type=None)

"""Files a lead adds from the browser: checked (type, size, readable) before anything is written, then kept under
``DATA_DIR/uploads/<kind>/`` so the folder names their kind (handbook, adr, status) and `coach ingest` treats them
like any other folder. Nothing is indexed here: the caller ingests the folder with a progress bar."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.atomic import write_hint
from assistant.errors import InputError
from assistant.knowledge.loaders import FORMATS, MAX_FILE_BYTES, load_bytes

# The folder an upload goes in names its kind, as in knowledge/ (loaders.infer_doc_type).
KINDS = ("handbook", "adr", "status", "other")
UPLOADS = "uploads"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def uploads_dir(data_dir: Path) -> Path:
    return data_dir / UPLOADS


def safe_name(name: str) -> str:
    """The file's own name, without folders or characters a path cannot hold ("../x.md" -> "x.md")."""
    base = _UNSAFE.sub("-", Path(name.replace("\\", "/")).name).strip("-.")
    return base or "document"


def check_upload(name: str, data: bytes) -> str:
    """The safe name when ``data`` can be indexed; otherwise an InputError that says why (the page shows it)."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        kinds = ", ".join(sorted(FORMATS))
        raise InputError(f"{name}: {suffix or 'no extension'} files cannot be indexed", hint=f"use one of {kinds}")
    if not data:
        raise InputError(f"{name} is empty", hint="choose a file with some text in it")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{name} is {len(data) / 1_048_576:.1f} MB, over the {MAX_FILE_BYTES // 1_048_576} MB limit per file",
            hint="split it, or index the folder it is in with `coach ingest`",
        )
    loaded = load_bytes(data, safe_name(name), FORMATS[suffix])
    if loaded.document is None:
        raise InputError(f"{name} cannot be read: {loaded.skipped}", hint="save it as Markdown or plain text")
    return safe_name(name)


def save_upload(data_dir: Path, name: str, data: bytes, kind: str = "other") -> Path:
    """Write a checked upload into the uploads folder (atomically); a file of the same name is replaced, which is
    how a lead updates a document they added before."""
    if kind not in KINDS:
        raise InputError(f"unknown kind of document: {kind}", hint=f"use one of {', '.join(KINDS)}")
    safe = check_upload(name, data)
    folder = uploads_dir(data_dir) / kind
    path = folder / safe
    # The bytes as given (a PDF, or text in its own encoding), swapped in whole: an ingest never reads half a file.
    part = folder / f".{safe}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part.write_bytes(data)
        part.replace(path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        problem = f"cannot save {safe} in {folder}: {exc.strerror or exc}"
        raise InputError(problem, hint=write_hint(exc, "check the data directory")) from exc
    return path


def delete_upload(data_dir: Path, root: str, path: str) -> bool:
    """Delete an uploaded file (``root``/``path`` as the index has them); False when it is not an upload, so a file
    of the team's own folders is never deleted from the browser."""
    folder = uploads_dir(data_dir).resolve()
    target = (Path(root) / path).resolve()
    if not target.is_relative_to(folder) or not target.is_file():
        return False
    target.unlink()
    return True

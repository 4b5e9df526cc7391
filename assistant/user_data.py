"""The lead's data in the data directory, as the lead can take it away or wipe it: `coach data export` and
`coach data delete`. Coaching notes name people and their performance, so both are plain and complete: the export
holds every thread, the feedback log, unanswered requests and uploads; delete removes a thread everywhere it is
kept, or everything.

The data directory and what the coach writes in it are readable by the owner only (``secure``).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.service import CoachService

README = """Tech Lead Coach export
threads/<id>.json   each conversation, rehearsal or draft run as the coach keeps it (its skill, time and state)
feedback-log.json   feedback you logged as delivered, with follow-up dates
drafts/<id>.json    requests that never got an answer
uploads/            documents you added in the app
"""
# Kept in the data directory but derived or not personal: rebuilt by `coach ingest`, or measurements.
NOT_EXPORTED = ("chroma", "eval-index", "eval-reports", "logs", "index.lock")


def secure(data_dir: Path) -> list[Path]:
    """Owner-only modes (0700 folders, 0600 files) for everything in the data directory; what was changed."""
    changed: list[Path] = []
    if not data_dir.is_dir():
        return changed
    for path in [data_dir, *data_dir.rglob("*")]:
        try:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
                continue
            if stat.S_IMODE(info.st_mode) & 0o077:  # group or others may read: keep the owner's bits only
                path.chmod(stat.S_IMODE(info.st_mode) & 0o700)
                changed.append(path)
        except OSError:
            continue
    return changed


def _json(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return str(value)


def export(service: CoachService, dest: Path) -> tuple[Path, dict[str, int]]:
    """Write a zip of the lead's data to ``dest`` (a file, or a folder to put a dated file in); what it holds."""
    from assistant.feedback_log import FeedbackLog
    from assistant.knowledge.uploads import uploads_dir

    data_dir = service.settings.data_dir
    if dest.is_dir():
        dest = dest / f"coach-export-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.zip"
    if dest.exists():
        raise InputError(f"{dest} already exists", hint="choose another file name, or remove the old export")
    counts = {"threads": 0, "feedback": 0, "drafts": 0, "uploads": 0}
    tmp = dest.with_name(f".{dest.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", README)
            for info in service.threads(limit=1_000_000):
                state = service.graph.get_state({"configurable": {"thread_id": info.thread_id}})
                values = dict(state.values) if state and state.values else {}
                record = {"thread_id": info.thread_id, "skill": info.skill, "updated": info.updated, "state": values}
                archive.writestr(f"threads/{info.thread_id}.json", json.dumps(record, indent=1, default=_json))
                counts["threads"] += 1
            log = data_dir / "feedback-log.sqlite"
            if log.is_file():
                items = [item.model_dump(mode="json") for item in FeedbackLog(log).items()]
                archive.writestr("feedback-log.json", json.dumps(items, indent=1))
                counts["feedback"] = len(items)
            for draft in service.drafts.all():
                archive.writestr(f"drafts/{draft.thread_id}.json", draft.model_dump_json(indent=1))
                counts["drafts"] += 1
            uploads = uploads_dir(data_dir)
            for path in sorted(uploads.rglob("*")) if uploads.is_dir() else []:
                if path.is_file():
                    archive.write(path, f"uploads/{path.relative_to(uploads)}")
                    counts["uploads"] += 1
        tmp.chmod(0o600)
        tmp.replace(dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write the export {dest}: {exc.strerror}", hint="choose a writable folder") from exc
    return dest, counts


def delete_thread(service: CoachService, thread_id: str) -> bool:
    """Remove one thread's checkpoints and its unanswered request; False when neither existed."""
    state = service.graph.get_state({"configurable": {"thread_id": thread_id}})
    known = bool(state and state.values) or service.drafts.get(thread_id) is not None
    service.graph.checkpointer.delete_thread(thread_id)
    service.drafts.clear(thread_id)
    return known


def delete_all(data_dir: Path) -> list[str]:
    """Everything in the data directory: threads, feedback log, drafts, uploads, the index, logs and reports. The
    model file (kept elsewhere) and the team's own documents are not touched."""
    removed: list[str] = []
    if not data_dir.is_dir():
        return removed
    for path in sorted(data_dir.iterdir()):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError as exc:
            raise InputError(
                f"cannot delete {path}: {exc.strerror}", hint="stop the app (it may hold the file open) and try again"
            ) from exc
        removed.append(path.name)
    return removed

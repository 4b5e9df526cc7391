"""`coach eval init`: a starting eval folder for a team's own repository (assistant/data/eval_init/).

The examples are package data rather than strings in code so they read, and are reviewed, as the YAML a team will
edit; a test loads every one with the harness's own models. Nothing is written until every target is known to be
free (or ``force`` is given), so a refused run leaves no half-made folder, and each file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

from assistant.atomic import create_text, replace_text, write_hint
from assistant.errors import InputError

SOURCE = Path(__file__).resolve().parents[1] / "data" / "eval_init"


def template_files() -> list[Path]:
    """The scaffold's files, relative to its root, in a stable order."""
    return sorted(p.relative_to(SOURCE) for p in SOURCE.rglob("*") if p.is_file() and not p.name.startswith("."))


def scaffold(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the example folder into ``folder`` and return the files written."""
    planned = [(folder / rel, (SOURCE / rel).read_text(encoding="utf-8")) for rel in template_files()]
    existing = [target for target, _ in planned if target.exists()]
    if existing and not force:
        more = f" and {len(existing) - 4} more" if len(existing) > 4 else ""
        names = ", ".join(str(p) for p in existing[:4]) + more
        raise InputError(
            f"{names} already exist{'s' if len(existing) == 1 else ''}",
            hint="pass --force to replace them with the examples, or give another folder",
        )
    written = []
    for target, text in planned:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"cannot create {target.parent}: {exc.strerror}", hint=write_hint(exc, "check the path")
            ) from exc
        if force:
            replace_text(target, text)
        else:
            create_text(target, text)
        written.append(target)
    return written

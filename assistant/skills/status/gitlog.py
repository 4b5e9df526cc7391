"""Merged work from a local git repository (`coach status --from-git PATH --since "1 week ago"`): the git binary,
no network. A merge commit stands for its pull request (the title GitHub and GitLab put in the body); other commits
on the first-parent line stand for themselves."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from assistant.errors import InputError

MAX_ITEMS = 40
_SEP = "\x1f"
_END = "\x1e"


def _subject(subject: str, body: str, parents: str) -> str:
    if len(parents.split()) > 1:  # a merge: "Merge pull request #12 from a/b" says less than the PR title below it
        title = next((line.strip() for line in body.splitlines() if line.strip()), "")
        if title:
            return title
    return subject.strip()


def merged_work(repo: Path, since: str = "1 week ago", *, limit: int = MAX_ITEMS) -> list[str]:
    """One line per piece of merged work, newest first: "<title> (<short hash>, <author>)"."""
    git = shutil.which("git")
    if git is None:
        raise InputError("--from-git needs the git command", hint="install git, or paste merged work into the notes")
    if not repo.is_dir():
        raise InputError(f"{repo} is not a folder", hint="pass the path of a local git repository")
    fmt = _SEP.join(("%h", "%an", "%P", "%s", "%b")) + _END
    try:
        done = subprocess.run(  # a fixed argv, no shell: the repository path is the user's own
            [git, "-C", str(repo), "log", "--first-parent", f"--since={since}", f"--max-count={limit}",
             f"--format={fmt}"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise InputError(f"git log in {repo} took too long", hint="narrow --since") from exc
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["git log failed"])[-1]
        raise InputError(f"could not read the history of {repo}: {reason}", hint="pass a local git repository")
    out = []
    for record in done.stdout.split(_END):
        parts = record.strip("\n").split(_SEP)
        if len(parts) < 5:
            continue
        short, author, parents, subject, body = parts[:5]
        text = _subject(subject, body, parents)
        if text:
            out.append(f"{text} ({short}, {author})")
    return out

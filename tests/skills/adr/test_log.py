"""The ADR log on disk: found where teams keep it, listed in order, numbered on, written without ever replacing a
file, and a supersede that updates both records so the links check both ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.adr_policy import AdrPolicy
from assistant.checks.files import lint_files
from assistant.cli.main import app
from assistant.errors import InputError
from assistant.skills.adr.log import file_name, find_log, read_log, supersede, write_new

NYGARD = """# {n}. {title}

Date: 2025-01-0{n}

## Status

Accepted

## Context

The team weighed a queue, a cron job, or doing nothing.

## Decision

We will {title}.

## Consequences

- Positive: it is simpler.
- Negative: one more thing to run.
"""
MADR = """---
status: accepted
date: 2025-02-01
---
# Keep sessions in Redis

## Context and Problem Statement

Sessions live in process memory, so a deploy logs everyone out.

## Considered Options

* Redis
* Signed cookies

## Decision Outcome

Chosen option: "Redis", because the cluster already exists.
"""


def _log(tmp_path: Path) -> Path:
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-a-queue.md").write_text(NYGARD.format(n=1, title="use a queue"), encoding="utf-8")
    (folder / "0002-drop-the-queue.md").write_text(NYGARD.format(n=2, title="drop the queue"), encoding="utf-8")
    (folder / "0003-keep-sessions-in-redis.md").write_text(MADR, encoding="utf-8")
    (folder / "README.md").write_text("# Decisions\n", encoding="utf-8")
    return folder


def test_the_log_is_found_where_teams_keep_it(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    assert find_log(AdrPolicy(), tmp_path) == folder
    (tmp_path / "architecture").mkdir()
    (tmp_path / ".adr-dir").write_text("architecture\n", encoding="utf-8")  # adr-tools' marker wins
    assert find_log(AdrPolicy(), tmp_path) == tmp_path / "architecture"
    assert find_log(AdrPolicy(dir=Path("docs/adr")), tmp_path) == folder  # the setting wins over both
    with pytest.raises(InputError, match="no ADR log"):
        find_log(AdrPolicy(), tmp_path / "architecture")


def test_the_log_lists_records_in_order_and_names_the_next_number(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    (folder / "0004-broken.md").write_bytes(b"# 4. \xff\xfe not utf-8")
    log = read_log(folder)
    assert [(r.number, r.title, r.template) for r in log.records] == [
        (1, "use a queue", "nygard"),
        (2, "drop the queue", "nygard"),
        (3, "Keep sessions in Redis", "madr"),
    ]
    assert [u.path.name for u in log.unreadable] == ["0004-broken.md"]  # listed, not fatal
    assert log.next_number() == 4
    assert file_name(4, "Use gRPC (internally) for calls!") == "0004-use-grpc-internally-for-calls.md"


def test_a_new_record_never_replaces_a_file(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    written = write_new(folder, "0004-new.md", "# 4. New\n")
    assert written.read_text(encoding="utf-8") == "# 4. New\n"
    with pytest.raises(InputError, match="already exists"):
        write_new(folder, "0001-use-a-queue.md", "# 1. Clobbered\n")
    assert "use a queue" in (folder / "0001-use-a-queue.md").read_text(encoding="utf-8")
    assert not list(folder.glob(".coach-*"))  # no temporary file left behind


@pytest.mark.parametrize(("old", "new"), [(1, 2), (3, 2), (2, 3)])
def test_supersede_updates_both_records_and_the_links_check_both_ways(tmp_path: Path, old: int, new: int) -> None:
    folder = _log(tmp_path)
    old_path, new_path = supersede(read_log(folder), old, new)
    log = read_log(folder)
    assert log.by_number(old).superseded_by == [new]
    assert log.by_number(new).supersedes == [old]
    assert log.by_number(old).status == "Superseded"
    results = lint_files([str(old_path), str(new_path)], "adr")
    assert [f.finding.rule for r in results for f in r.findings if f.finding.rule == "adr.supersede"] == []


def test_supersede_refuses_itself_and_unknown_numbers(tmp_path: Path) -> None:
    log = read_log(_log(tmp_path))
    with pytest.raises(InputError, match="itself"):
        supersede(log, 1, 1)
    with pytest.raises(InputError, match="no ADR numbered 9"):
        supersede(log, 9, 1)


def test_coach_adr_list_lint_and_supersede(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _log(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(app, ["adr", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [r["number"] for r in json.loads(listed.output)["records"]] == [1, 2, 3]
    assert runner.invoke(app, ["adr", "lint"]).exit_code == 0
    done = runner.invoke(app, ["adr", "supersede", "1", "2"])
    assert done.exit_code == 0 and "both files updated" in done.output
    assert "Superseded by [2. drop the queue]" in (folder / "0001-use-a-queue.md").read_text(encoding="utf-8")
    (folder / "0005-bad.md").write_text("# 5. Bad\n\n## Status\n\nDone\n", encoding="utf-8")
    assert runner.invoke(app, ["adr", "lint"]).exit_code == 1  # an error-level finding
    missing = runner.invoke(app, ["adr", "list", "--dir", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "is not a folder" in missing.output

"""The local feedback log: add with a follow-up date, list what is due, delete, and fail readably."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.errors import ConfigError, InputError
from assistant.feedback_log import FeedbackLog


def test_add_lists_due_items_and_deletes(tmp_path: Path) -> None:
    log = FeedbackLog.in_data_dir(tmp_path)
    soon = log.add("Tom", "In the sprint review, you opened the PR late.", given_on=date(2026, 11, 1), follow_up_days=7)
    later = log.add("Jun", "Thanks for the runbook.", polarity="positive", given_on=date(2026, 11, 20))
    assert soon.follow_up_on == date(2026, 11, 8) and later.follow_up_on == date(2026, 12, 4)
    assert [i.id for i in log.items(due_on=date(2026, 11, 10))] == [soon.id]
    assert [i.id for i in log.items()] == [soon.id, later.id]
    assert log.delete(soon.id) and not log.delete(soon.id)
    assert [i.recipient for i in log.items()] == ["Jun"]


def test_bad_input_and_a_corrupt_file_are_readable_errors(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path / "log.sqlite")
    with pytest.raises(InputError):
        log.add("Tom", "x", follow_up_days=900)
    with pytest.raises(InputError):
        log.get(42)
    (tmp_path / "bad.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigError):
        FeedbackLog(tmp_path / "bad.sqlite").items()

"""A private, local log of feedback given, with a follow-up date (domain: keep a note per person, look for the change
over the next two weeks, and reinforce it or raise it again).

One SQLite file in the data directory; nothing leaves the machine. Rows are read back through a pydantic model that
rejects unknown fields, so a hand-edited database fails loudly instead of showing garbage.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError, InputError
from assistant.sqlite_errors import sqlite_error

DEFAULT_FOLLOW_UP_DAYS = 14
BUSY_TIMEOUT_S = 5.0  # how long a write waits for another process (the app, a second `coach`) before saying so
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    polarity TEXT NOT NULL,
    message TEXT NOT NULL,
    given_on TEXT NOT NULL,
    follow_up_on TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""


class LogItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    recipient: str
    polarity: str
    message: str
    given_on: date
    follow_up_on: date
    created_at: datetime

    def due(self, today: date) -> bool:
        return self.follow_up_on <= today


class NewItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recipient: str = Field(min_length=1, max_length=120)
    polarity: str = "improving"
    message: str = Field(min_length=1, max_length=5_000)
    given_on: date
    follow_up_on: date


class FeedbackLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> FeedbackLog:
        return cls(data_dir / "feedback-log.sqlite")

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"cannot open the feedback log {self.path}: {exc}", hint="check COACH_DATA_DIR") from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(_SCHEMA)
            yield conn
            conn.commit()
        except sqlite3.DatabaseError as exc:
            # Locked, damaged and full each need something else done; "move the file aside" fits only one of them.
            raise sqlite_error(exc, "the feedback log", self.path) from exc
        finally:
            conn.close()

    def add(
        self,
        recipient: str,
        message: str,
        *,
        polarity: str = "improving",
        given_on: date | None = None,
        follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS,
    ) -> LogItem:
        given = given_on or date.today()
        if not 0 <= follow_up_days <= 365:
            raise InputError("the follow-up must be 0 to 365 days away", hint="e.g. --follow-up 14")
        item = NewItem(
            recipient=recipient.strip(),
            polarity=polarity,
            message=message.strip(),
            given_on=given,
            follow_up_on=given + timedelta(days=follow_up_days),
        )
        with self._db() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (recipient, polarity, message, given_on, follow_up_on, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (item.recipient, item.polarity, item.message, item.given_on.isoformat(),
                 item.follow_up_on.isoformat(), datetime.now().isoformat(timespec="seconds")),
            )  # fmt: skip
            new_id = int(cursor.lastrowid or 0)
        return self.get(new_id)

    def get(self, item_id: int) -> LogItem:
        with self._db() as conn:
            row = conn.execute("SELECT * FROM feedback WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise InputError(f"no feedback item {item_id}", hint="see the ids with `coach feedback log --all`")
        return _item(row)

    def items(self, *, due_on: date | None = None) -> list[LogItem]:
        """Every item, oldest follow-up first; with ``due_on``, only those whose follow-up has come."""
        with self._db() as conn:
            rows = conn.execute("SELECT * FROM feedback ORDER BY follow_up_on, id").fetchall()
        items = [_item(row) for row in rows]
        return [i for i in items if i.due(due_on)] if due_on else items

    def delete(self, item_id: int) -> bool:
        with self._db() as conn:
            return conn.execute("DELETE FROM feedback WHERE id = ?", (item_id,)).rowcount > 0


def _item(row: sqlite3.Row) -> LogItem:
    try:
        return LogItem.model_validate(dict(row))
    except ValidationError as exc:
        raise ConfigError(
            f"a feedback log row is invalid: {exc}", hint="move the file aside to start a new log"
        ) from exc

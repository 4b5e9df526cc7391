"""Everything to hide in a text, as non-overlapping spans: the roster and other names, emails, phone numbers, URLs
that carry a secret, employee ids."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.errors import ConfigError
from assistant.privacy import patterns
from assistant.privacy.names import NameDetector
from assistant.privacy.roster import Roster, handles
from assistant.privacy.spans import Span, resolve


class Detector:
    def __init__(self, roster: Sequence[str] = (), employee_id_pattern: str = patterns.DEFAULT_EMPLOYEE_ID) -> None:
        try:
            re.compile(employee_id_pattern)
        except re.error as exc:
            raise ConfigError(
                f"the employee id pattern is not a regular expression: {exc}",
                hint="fix COACH_EMPLOYEE_ID_PATTERN (or employee_id_pattern in coach.toml)",
            ) from exc
        self.roster = Roster(roster)
        self.names = NameDetector(self.roster)
        self.employee_id_pattern = employee_id_pattern

    def spans(self, text: str) -> list[Span]:
        found: list[Span] = [
            *patterns.emails(text),
            *patterns.secret_urls(text),
            *patterns.employee_ids(text, self.employee_id_pattern),
            *patterns.phones(text),
            *handles(text, self.roster),
            *self.names.spans(text),
        ]
        return resolve(found)

"""Whether the notes record a decision, read by rules: an undecided discussion becomes a Proposed record with its
options and open questions, never a choice the model made up."""

from __future__ import annotations

import re

from assistant.checks.adr_options import not_deferring

# "We will come back to this" defers the decision; "we will retry with backoff" makes it.
_DEFER = not_deferring("pick", "choose", "need")
_DECIDED = re.compile(
    r"\b(?:we(?:'ve| have)?\s+(?:agreed|chose|picked|settled on|went with|are going with|will go with)\b|"
    r"decided\b|signed off\b|approved\b|"
    r"(?:decision|agreed|outcome)\s*:(?!\s*(?:tbd|none|pending|open))|"
    r"(?:to|will|we'll|let's|going to)\s+go\s+with\b|going with\b|"
    rf"we(?:'ll|\s+will){_DEFER}\s+\w+)",
    re.I,
)
_UNDECIDED = re.compile(
    r"\b(?:not (?:yet )?decided|undecided|no decision(?: yet)?|still (?:deciding|open|discussing)|"
    r"leaning (?:to|towards)|to be decided|tbd|open question|haven't decided|have not decided|"
    r"need to (?:decide|choose|pick)|"
    r"(?:decide|decision) (?:at|in|by) (?:the )?next)\b",
    re.I,
)


def records_a_decision(notes: str) -> bool:
    return bool(_DECIDED.search(notes)) and not _UNDECIDED.search(notes)

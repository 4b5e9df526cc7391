"""The team's roster as the name detector matches it: every form a lead types a roster name in, each keyed to its
person, and chat handles ("@rmenon")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.privacy.lexicon import Lexicon, lexicon
from assistant.privacy.spans import Span, fold

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_QUOTED = re.compile(r"[\"“(]([^\"“”()]+)[\"”)]")


@dataclass(frozen=True)
class Form:
    key: str
    words: int
    first: bool  # a first name or its short form (a listed given name)


class Roster:
    """The names to hide whatever else the text says: the team's people (from the knowledge base and settings)."""

    def __init__(self, names: Sequence[str], words: Lexicon | None = None) -> None:
        self.words = words or lexicon()
        forms: dict[str, set[str]] = {}
        firsts: set[str] = set()
        for name in names:
            # 'Robert "Bobby" Fisher': the quoted part is what the team calls him, not part of the full name.
            called = [fold(nick) for nick in _QUOTED.findall(name)]
            parts = [fold(word) for word in _WORD.findall(_QUOTED.sub(" ", name))]
            if not parts:
                continue
            key = "roster:" + " ".join(parts)
            candidates = {" ".join(parts), parts[0], *self.words.short_forms(parts[0]), *called}
            firsts |= {parts[0], *self.words.short_forms(parts[0]), *called}
            if len(parts) > 1:
                candidates |= {parts[-1], f"{parts[0]} {parts[-1]}"}
            for form in candidates:
                forms.setdefault(form, set()).add(key)
        # A form two people share ("alex") is still a person, just not either of them.
        self.forms = {
            form: Form(next(iter(keys)) if len(keys) == 1 else f"name:{form}", len(form.split()), form in firsts)
            for form, keys in forms.items()
        }
        self.longest = max((form.words for form in self.forms.values()), default=1)

    def __bool__(self) -> bool:
        return bool(self.forms)


_HANDLE = re.compile(r"(?<![\w.@])@([A-Za-z][\w.\-]{0,38}[A-Za-z0-9])")
_NOT_HANDLES = {"here", "channel", "everyone", "oncall", "on-call", "team", "all", "group", "home"}


def handles(text: str, roster: Roster) -> Iterator[Span]:
    """Chat mentions ("@rmenon", "@sarah.k"): a person's handle, without the @."""
    for match in _HANDLE.finditer(text):
        handle = fold(match.group(1))
        if handle in _NOT_HANDLES or handle in roster.words.not_names:
            continue
        form = roster.forms.get(handle)
        yield Span(match.start(1), match.end(1), "person", form.key if form else f"handle:{handle}")

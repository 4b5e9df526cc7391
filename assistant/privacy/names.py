"""Person names, without an NLP model: the team's roster in every form a lead types it, plus other people found by a
list of common given names and the words around a capitalised word.

Roster names are matched on folded text ("tomas", "TOMAS", "Tomás", "Tomás's", "Herrera"), with the usual short forms
("Dima" for Dmitri). A roster name that is also a word ("Park") counts only written as a name; one that is a month
("Jun") does not count next to a number or a date word. Other people are a listed given name in any case ("sarah"),
unless it is also a word ("Will", "Robin"): then only capitalised inside a sentence or in a person's context. An
unlisted capitalised word counts only in a person's context: after "Mr", "told", "our contact", before "said", or as
the surname after a given name ("Zoltan Kovacs"). Tools, teams, places and days ("Kafka", "Legal", "Monday") never do.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.privacy.roster import Form, Roster
from assistant.privacy.spans import Span, fold

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PARTICLES = {"van", "von", "de", "da", "di", "del", "der", "la", "le", "bin", "ibn", "al", "el", "ten", "dos"}
# A person's context: the word right before a name (an unlisted capitalised word counts only here).
_CUE_BEFORE = _words(
    """
    told tell ask asked asking ping pinged cc cc'd ccd thank thanks thanked met emailed messaged dm dm'd dmed
    hired interviewed mentoring mentored mentor coaching coached praised reminded congratulate congratulated mr
    mrs ms mx dr prof miss sir contact rep manager engineer pm csm recruiter candidate intern hire contractor
    consultant director vp cto ceo cfo founder colleague counterpart named called boss mentee report peer wife
    husband partner lead person guy coordinator assistant auditor lawyer counsel sponsor buddy reviewer approver
    analyst architect designer vendor supplier client customer friend
    """
)
_TITLES = _words("mr mrs ms mx dr prof")
# Words that make the capitalised word before them a company or a department: "Northwind Bank", "Merchant Support".
_ORG_AFTER = _words(
    """
    bank labs lab inc ltd llc plc gmbh corp co group holdings partners capital ventures systems technologies
    solutions services consulting agency university college institute foundation council committee board
    support operations ops team teams department dept office engineering finance success relations platform
    """
)
# Groups that complain, say and want things as people do: "Riders complained", "Merchants told us".
_GROUPS = _words(
    """
    users customers clients merchants sellers buyers riders drivers members players patients students parents
    engineers developers devs testers managers leads reviewers candidates stakeholders execs executives vendors
    partners folks staff interns juniors seniors admins operators agents reps auditors regulators investors
    coach coaches
    """
)
_NOT_PEOPLE = _CUE_BEFORE | _ORG_AFTER | _GROUPS
# Endings of common nouns, never of an unlisted name taken from its context: "Heading says", "Documentation says".
_NOUN_ENDING = re.compile(r"(?:ing|tion|sion|ment|ness|ity|ance|ence|ship|ism|ogy|ware|ics)$")
# ... and the word right after one.
_VERB_AFTER = _words(
    """
    said says told asked thinks thought feels felt replied mentioned promised resigned quit complained apologised
    apologized admitted cried shouted yelled snapped emailed pinged messaged texted agreed disagreed
    """
)
# Verbs that things do too ("Payouts kept flowing"): enough only for a listed name ("Will keeps asking").
_LOOSE_VERB_AFTER = _words("wants wanted keeps kept needs needed")
# Words before a month: "by Jun", "until jun", "early Jun".
_DATE_BEFORE = {"in", "by", "until", "till", "since", "from", "early", "mid", "late", "end", "start", "before",
                "after", "next", "last", "this", "of", "through", "thru"}  # fmt: skip


@dataclass(frozen=True)
class _Token:
    start: int
    end: int  # without a possessive "'s"
    text: str
    folded: str
    possessive: bool

    @property
    def titled(self) -> bool:
        """Written as a name: "Ravi", "McDonald", "O'Brien", an initial "N"; not "SDKs" or "TOMAS"."""
        text = self.text
        return text[0].isupper() and (len(text) == 1 or text[1].islower() or text[1] in "'’")

    @property
    def capital(self) -> bool:
        return self.text[0].isupper()


def _tokens(text: str) -> list[_Token]:
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        bare = _POSSESSIVE.sub("", word) if re.search(r"['’]s$", word) else word
        found.append(_Token(match.start(), match.start() + len(bare), bare, fold(bare), bare != word))
    return found


class NameDetector:
    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.words = roster.words

    def spans(self, text: str) -> Iterator[Span]:
        tokens = _tokens(text)
        index = 0
        while index < len(tokens):
            found = self._roster_at(text, tokens, index) or self._other_at(text, tokens, index)
            if found is None:
                index += 1
                continue
            span, used = found
            yield span
            index += used

    # -- the roster --------------------------------------------------------------------------------------------

    def _roster_at(self, text: str, tokens: list[_Token], i: int) -> tuple[Span, int] | None:
        for size in range(min(self.roster.longest, len(tokens) - i), 0, -1):
            run = tokens[i : i + size]
            if size > 1 and not _adjacent(text, run):
                continue
            form = self.roster.forms.get(" ".join(t.folded for t in run))
            if form is None and size == 1:
                form = self._sloppy_possessive(run[0])
            if form is None or (size == 1 and not self._roster_word_ok(text, tokens, i)):
                continue
            extra = self._surname_words(text, tokens, i) if size == 1 and form.first else 0
            if extra:  # "Priya Sharma" is someone else than the roster's Priya Raman
                last = tokens[i + extra]
                key = "name:" + " ".join(t.folded for t in tokens[i : i + extra + 1])
                return Span(run[0].start, last.end, "person", key), extra + 1
            return Span(run[0].start, run[-1].end, "person", form.key), size
        return None

    def _sloppy_possessive(self, token: _Token) -> Form | None:
        # "ravis PR was late": a possessive typed without its apostrophe.
        if len(token.folded) > 4 and token.folded.endswith("s"):
            form = self.roster.forms.get(token.folded[:-1])
            if form is not None and form.words == 1:
                return form
        return None

    def _roster_word_ok(self, text: str, tokens: list[_Token], i: int) -> bool:
        token = tokens[i]
        word = token.folded
        if word in self.words.word_names:  # "Park", "Will": only as a name
            return token.titled and (not _sentence_start(text, token.start) or self._strong(text, tokens, i))
        return not (word in self.words.months and self._a_date(text, tokens, i))

    @staticmethod
    def _inside_a_title(text: str, tokens: list[_Token], i: int) -> bool:
        """The word goes on a capitalised word that is not a cue: part of a product's or a place's name."""
        if i == 0 or not _adjacent(text, [tokens[i - 1], tokens[i]]):
            return False
        before = tokens[i - 1]
        if len(before.text) > 1 and before.text.isupper():
            return True  # "ML Kit"
        starts = _sentence_start(text, before.start)  # "Yesterday Will said" is Will
        return not starts and before.text[0].isupper() and before.folded not in _CUE_BEFORE

    @staticmethod
    def _a_date(text: str, tokens: list[_Token], i: int) -> bool:
        """A month name used as one: "Jun 5", "5 jun", "by Jun"."""
        before = tokens[i - 1].folded if i > 0 else ""
        return _next_to_number(text, tokens[i]) or before in _DATE_BEFORE

    # -- everyone else ----------------------------------------------------------------------------------------

    def _other_at(self, text: str, tokens: list[_Token], i: int) -> tuple[Span, int] | None:
        token = tokens[i]
        word = token.folded
        if word in self.words.not_names or len(word) < 2 or _glued(text, token):
            return None
        start_of_sentence = _sentence_start(text, token.start)
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and after.titled and after.folded in _ORG_AFTER and _adjacent(text, [token, after]):
            return None
        if self._given(token):
            if word in self.words.word_names and not (
                token.titled and (not start_of_sentence or self._strong(text, tokens, i))
            ):
                return None
            if word in self.words.word_names and self._inside_a_title(text, tokens, i):
                return None  # "ML Kit", "Google Will…": a product's name
            if word in self.words.months and self._a_date(text, tokens, i):
                return None  # "GA 15 Jan"
        elif not (token.titled and self._cued(text, tokens, i)) or _function_word(word) or word in _NOT_PEOPLE:
            return None  # not "We agreed", "the Lead said", "Northwind Bank told us"
        elif _NOUN_ENDING.search(word):
            return None
        used = 1 + self._surname_words(text, tokens, i)
        last = tokens[i + used - 1]
        key = "name:" + " ".join(t.folded for t in tokens[i : i + used])
        return Span(token.start, last.end, "person", key), used

    def _given(self, token: _Token) -> bool:
        word = token.folded
        if "-" in word:  # "Anne-Marie", "Mei-Ling"; not "amber-ish"
            first = word.split("-", maxsplit=1)[0]
            return token.titled and first in self.words.given and first not in self.words.word_names
        return word in self.words.given

    def _strong(self, text: str, tokens: list[_Token], i: int) -> bool:
        """Enough to take a listed name that is also a word as a name: a person's context, a possessive ("Will's
        PR"), or a capitalised surname after it ("Robin Hale")."""
        if self._cued(text, tokens, i) or tokens[i].possessive:
            return True
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and after.folded in {"from", *_LOOSE_VERB_AFTER} and _gap(text, tokens[i], after):
            return True  # "Robin from the security team", "Will keeps asking"
        return self._surname_words(text, tokens, i) > 0

    @staticmethod
    def _cued(text: str, tokens: list[_Token], i: int) -> bool:
        """A person's context around ``tokens[i]``: an @, a cue before ("told", "our contact"), a person's verb
        after ("said"). Products and companies take possessives and come in capitalised pairs, so those are not
        enough for a word that is not a listed name."""
        token = tokens[i]
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if text[max(0, token.start - 1) : token.start] == "@":
            return True
        if before is not None and before.folded in _CUE_BEFORE and _gap(text, before, token):
            return True
        if after is None or after.folded not in _VERB_AFTER:
            return False
        # A comma before the verb only closes an aside ("our contact, Brannigan, says"): "Hostile, shouted or
        # sarcastic notes" is not about someone called Hostile.
        between = text[token.end : after.start]
        aside = re.fullmatch(r",\s+", between) and text[: token.start].rstrip().endswith(",")
        return between.isspace() or bool(aside)

    def _surname_words(self, text: str, tokens: list[_Token], i: int) -> int:
        """How many words after a given name are its surname: "Zoltan Kovacs", "Ana de la Cruz"."""
        count = 0
        while i + count + 1 < len(tokens) and count < 3:
            nxt = tokens[i + count + 1]
            if not _adjacent(text, [tokens[i + count], nxt]) or tokens[i + count].possessive:
                break
            if nxt.folded in _PARTICLES and not nxt.capital:
                count += 1
                continue
            surname = nxt.titled and nxt.folded not in self.words.not_names and not _function_word(nxt.folded)
            if not surname or nxt.folded in self.roster.forms or _sentence_start(text, nxt.start):
                break
            count += 1
            if nxt.possessive:
                break
        while count and tokens[i + count].folded in _PARTICLES:  # a trailing "de" is not a surname
            count -= 1
        return count


def _adjacent(text: str, run: Sequence[_Token]) -> bool:
    return all(re.fullmatch(r"[ \t]+|[ \t]*\n[ \t]*", text[a.end : b.start]) for a, b in itertools.pairwise(run))


def _gap(text: str, left: _Token, right: _Token) -> bool:
    """Only spaces and one comma or colon between two words ("our contact, Olamide"), or a title's full stop ("Dr.
    Nwosu"): any other full stop ends a sentence ("… didn't ask. Keep it light")."""
    between = text[left.end : right.start]
    if left.possessive:
        between = between[2:] if between[:2] in {"'s", "’s"} else between[1:]
    if left.folded in _TITLES:  # "Dr. Nwosu", "Ms Lee"; not "TL;DR: Three", "26 ms, WordLlama"
        return left.titled and bool(re.fullmatch(r"\.?[ \t]+", between))
    return bool(re.fullmatch(r"[,:]?[ \t]+", between))


# Pronouns and the like, which start sentences with a capital and come before "said" ("We agreed", "I've asked").
_FUNCTION_WORDS = _words(
    """
    i we you they he she it me us them him her this that these those there here who what which someone somebody
    everyone everybody anyone anybody nobody none all both each either neither one another others people folks
    the a an my our your their his its if when then so but and or also maybe apparently honestly basically
    """
)


def _function_word(word: str) -> bool:
    return re.split(r"['’]", word)[0] in _FUNCTION_WORDS


def _sentence_start(text: str, at: int) -> bool:
    at -= 1
    while at >= 0 and text[at] in " \t\"'“‘([":  # walked back, not sliced: a long prompt has many words
        at -= 1
    return at < 0 or text[at] in ".!?:;\n•*>-–—|#"


def _glued(text: str, token: _Token) -> bool:
    """Letters run into digits or an underscore: "Ed25519", "BLAKE3", "jun_2026" are not names."""
    after = text[token.end : token.end + 1]
    before = text[token.start - 1 : token.start] if token.start else ""
    return after.isdigit() or after == "_" or before.isdigit() or before == "_"


def _next_to_number(text: str, token: _Token) -> bool:
    after = text[token.end : token.end + 4]
    before = text[max(0, token.start - 4) : token.start]  # "5 Jun", "5-jun"; not "… Jul 3. Jun is"
    return bool(re.match(r"[\s\-/.,']*\d", after) or re.search(r"\d[\s\-/,]*$", before))

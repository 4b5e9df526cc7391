"""What a reader of a status update notices that the status rules do not, as three checks the eval reports
(``assistant/skills/status/eval.py``). Each returns the problems it found, in words a reader would use; none is
code's own repair read back: they read the update as shown and the notes as written.

- ``tldr_problems``: the TL;DR reads as sentences, not a list: no chain of labels ("Ask: Exec: decide: …"), no
  fragment without a verb, no list of fragments in one sentence, no sentence that repeats another, no workstream
  called on track and at risk, no workstream named in two sentences.
- ``stream_problems``: every workstream is one the notes name: its words are in a line of the notes (the notes'
  title line is not one), it is not a piece of a line that belongs to another workstream of the table, and no two
  workstreams are one (one's words inside the other's).
- ``risk_part_problems``: a risk's impact and mitigation come from its own workstream's lines: not from a line that
  belongs to another workstream, not words the notes do not hold, and a mitigation is something being done (not
  the ask again, a need, or who owns it).

The words are compared stemmed ("slipped" is "slips"), and a word of four letters or more also matches a longer one
it starts ("notif" is "notifications"), so a fair paraphrase is not flagged: a check that flags a fine update is worse
than none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from assistant.checks.text import WORD_RE
from assistant.knowledge.lexical import stem
from assistant.skills.status.dates import absolute_dates, month_first
from assistant.skills.status.models import Risk, StatusBody, StatusInput, StatusResult, Stream
from assistant.skills.status.notes import NoteLine, read_notes
from assistant.skills.status.people import is_person, people

# Words that say nothing about what a line or a name is about.
_STOP = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "the and for with from that this these those our their its his her them they was were are been being has had "
        "have will would can could should into onto about over under than then also just still now not all any some "
        "per via but yet who what when which how one two its it's there here new"
    ).split()
)
_PRONOUNS = frozenset({"me", "i", "we", "us", "you", "they", "them", "myself"})


def stems(text: str) -> set[str]:
    """Content words, stemmed: three letters or more, or a number or code ("2026-12-09", "v2", "#1877")."""
    out = set()
    for raw in WORD_RE.findall(text.lower()):
        token = raw.strip("'’-").removesuffix("'s").removesuffix("’s")
        # "payout-api" is also "payout" and "api"; a date keeps its hyphens
        parts = [token] if re.fullmatch(r"[\d-]+", token) else [token, *token.split("-")]
        for word in parts:
            if word in _STOP or (len(word) < 3 and not any(c.isdigit() for c in word)):
                continue
            out.add(stem(word) if word.isalpha() else word)
    return out


def _matches(word: str, words: set[str]) -> bool:
    """``word`` is in ``words``, or one starts the other and both have four letters or more ("notif" and
    "notification")."""
    if word in words:
        return True
    return (
        word.isalpha()
        and len(word) >= 4
        and any(w.isalpha() and len(w) >= 4 and (w.startswith(word) or word.startswith(w)) for w in words)
    )


def _shared(a: set[str], b: set[str]) -> set[str]:
    return {w for w in a if _matches(w, b)}


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[^a-z\s])", " ".join(text.split())) if s.strip()]


# --- the TL;DR ------------------------------------------------------------------------------------------------

# A label: up to four words and a colon that a space follows ("Ask:", "Grace to approve:"); "02:00" is a time.
_LABEL = re.compile(r"(?:^|(?<=:\s))(?:[^\s:]+\s+){0,3}[^\s:]+:(?=\s)")
_AUXILIARIES = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "is are was were be am has have had do does did will would can could should must may might shall need needs "
        "cannot can't won't isn't aren't wasn't weren't don't doesn't didn't hasn't haven't wont cant isnt arent "
        "wasnt dont doesnt didnt hasnt havent it's that's there's we're they're we've we'll let please pls"
    ).split()
)
# Finite verbs a status sentence uses that are not "-ed" forms; a word not here and not "-ed" is not taken for a verb,
# so a sentence can only pass for lack of this list, never be flagged for it.
_VERBS = frozenset(
    (  # noqa: SIM905 -- a word list reads better as words
        "ran went made took got came began became grew fell rose left met found built brought set put cut hit kept "
        "held paid sent spent won lost saw said told gave broke chose wrote led shut flew knew thought bought caught "
        "stood sat understood meant felt done gone taken given seen known grown written chosen broken driven fallen "
        "risen begun shown run "
        "goes stays remains runs starts ends lands ships moves waits depends looks shows holds takes makes gets puts "
        "means blocks affects requires returns continues covers owns leads plans expects tracks reads sits keeps "
        "seems works fails passes launches opens closes drops rises falls grows hits misses asks wants decides "
        "helps uses comes slips stands lives sees says gives lets brings needs sets cuts pays sends tells finds "
        "reaches replaces adds removes supports allows handles calls changes breaks fixes gets leaves"
    ).split()
)
_NOT_PAST = frozenset({"need", "speed", "feed", "seed", "breed", "hundred", "embed", "shed", "red", "bed"})
_SUBJECTS = frozenset({"we", "i", "they", "you"})
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "his", "her", "its", "this", "that", "all", "both", "new"})
_ASK_START = re.compile(r"^(?:ask\b|asks\b|we\s+need\b|need\b|needs\b|please\b|pls\b)", re.I)
_ON_TRACK = re.compile(
    r"\b(?:on\s+track|green|fine|going\s+well|back\s+to\s+normal|healthy|all\s+good|no\s+(?:risks?|issues?|"
    r"concerns?|blockers?))\b",
    re.I,
)
_AT_RISK = re.compile(r"\b(?:at\s+risk|red|amber|late|blocked|slipp(?:ing|ed)|slips?|delayed|behind)\b", re.I)


def _has_verb(text: str) -> bool:
    words = [w.lower() for w in WORD_RE.findall(text)]
    for k, word in enumerate(words):
        after = words[k + 1] if k + 1 < len(words) else ""
        if word in _AUXILIARIES or word in _VERBS:
            return True
        if word.endswith("ed") and len(word) >= 4 and word.isalpha() and word not in _NOT_PAST:
            return True
        if word in _SUBJECTS and after.isalpha():
            return True  # "we ship on 8 Dec"
        if word == "to" and after.isalpha() and after not in _DETERMINERS and after not in _STOP:
            return True  # "Lena to pick by 10 Dec"
    return False


def _names(stream: Stream) -> set[str]:
    return stems(stream.name)


def _holds(stream: Stream, sentence: str) -> bool:
    """The sentence names the workstream where a clause starts ("EU tax calc is late", "…, Cost and Pen Test are
    on track"), not as a word inside one ("a spike cost ~$22k in fees" does not name "Cost")."""
    wanted = _names(stream)
    if not wanted:
        return False
    for clause in re.split(r"[,;:.!?(]\s*|\s+(?:and|but|or|while)\s+", sentence):
        head = re.sub(r"^(?:the|our|a|an)\s+", "", clause.strip(), flags=re.I)
        first = stems(" ".join(head.split()[: len(stream.name.split())]))
        if first and wanted <= _shared(wanted, first):
            return True
    return False


def _named_in(stream: Stream, sentence: str, streams: Sequence[Stream]) -> bool:
    """The sentence names the workstream, and not only as part of a longer name ("Partial refunds" is not
    "Refunds")."""
    if not _holds(stream, sentence):
        return False
    mine = _names(stream)
    return not any(mine < _names(o) and _holds(o, sentence) for o in streams if o is not stream)


def tldr_problems(body: StatusBody) -> list[str]:
    """What makes the TL;DR read as a list rather than as sentences."""
    sentences = _sentences(body.tldr)
    problems = []
    for sentence in sentences:
        labels = _LABEL.findall(sentence)
        if len(labels) >= 2:
            problems.append(f"labels in a chain: {' '.join(labels)} ({sentence!r})")
            continue
        text = re.sub(r"\([^)]*\)", "", sentence)  # "(was 2.1%)" is an aside, not the sentence
        if not _has_verb(text):
            problems.append(f"a fragment with no verb: {sentence!r}")
            continue
        # "A, B and C are on track" lists names in a sentence; "A live, B freeze, need C" is a list of fragments
        names = {s.name.lower() for s in body.streams}
        parts = [p for p in re.split(r",\s+|;\s+", text) if p.strip() and p.strip(" .").lower() not in names]
        if len(parts) >= 3 and sum(not _has_verb(p) for p in parts) >= 2:
            problems.append(f"a list in one sentence: {sentence!r}")
    # Whole sentences: "Payouts is amber: the fix needs review" and "We need Ravi to review the fix by Friday"
    # share their words, but each says something the other does not.
    content = [(s, stems(s) - {"ask"}) for s in sentences]
    for k, (first, a) in enumerate(content):
        for second, b in content[k + 1 :]:
            if len(a) >= 2 and len(b) >= 2 and (a <= b or b <= a or len(a & b) / len(a | b) >= 0.6):
                problems.append(f"a sentence repeats another: {first!r} / {second!r}")
    for stream in body.streams:
        streams = body.streams
        about = [s for s in sentences if _named_in(stream, s, streams) and not _ASK_START.match(s)]
        if len(about) >= 2:
            problems.append(f"{stream.name!r} is named in {len(about)} sentences")
        # a sentence about two workstreams says which word is whose only to a reader, not to a word count
        alone = [s for s in about if not any(_named_in(o, s, streams) for o in streams if o is not stream)]
        said = " ".join(alone)
        # "on track for 19 Dec but finance has not answered" hedges: only what follows "but" says how it is.
        fine = any(_ON_TRACK.search(re.split(r"\bbut\b", s)[-1]) for s in alone)
        risk = bool(_AT_RISK.search(said))
        if fine and risk:
            problems.append(f"{stream.name!r} is called both on track and at risk: {said!r}")
        elif (fine and stream.rag != "green") or (risk and stream.rag == "green"):
            problems.append(f"{stream.name!r} is {stream.rag} in the table but the TL;DR says {said!r}")
    return problems


# --- the workstreams ------------------------------------------------------------------------------------------


def note_lines(case: StatusInput, output: StatusResult) -> list[NoteLine]:
    """The lines of the notes an update may draw on, with the workstream a heading or prefix gives each, read the way
    the skill reads them (private lines and the notes' title line are not among them); dates made absolute as the
    update shows them."""
    today = dt.date.fromisoformat(output.date)
    lines = read_notes(case.notes, case.merged, outside=output.audience != "team").lines
    order = month_first(case.notes)
    return [line.model_copy(update={"text": absolute_dates(line.text, today, order).text}) for line in lines]


def _house(name: str, house_streams: Iterable[str]) -> bool:
    """A name the team's past update uses (its number dropped: "WS2 Instant Payouts")."""
    return any(name.lower() == re.sub(r"^WS\d+\s+", "", h).strip().lower() for h in house_streams)


def _table_owner(line: NoteLine, streams: Sequence[Stream]) -> Stream | None:
    """The workstream of the table a line's heading or prefix names ("instant payouts:" for Instant Payouts)."""
    if not line.stream:
        return None
    wanted = stems(line.stream)
    return next((s for s in streams if wanted and _shared(wanted, _names(s))), None)


def stream_problems(case: StatusInput, output: StatusResult) -> list[str]:
    """Workstreams the notes do not name, a title line or a piece of another workstream's line made a workstream,
    and two workstreams that are one."""
    lines = note_lines(case, output)
    words = set().union(*(stems(line.text) for line in lines), *(stems(line.stream or "") for line in lines))
    streams = output.body.streams
    named_people = people(line.text for line in lines)
    problems = []
    for stream in streams:
        name = _names(stream)
        raw = {w.lower() for w in WORD_RE.findall(stream.name)}
        if not name or raw <= _PRONOUNS:
            problems.append(f"{stream.name!r} names no work")
            continue
        if is_person(stream.name, named_people):
            problems.append(f"{stream.name!r} is a person the notes name, not a piece of work")
            continue
        house = _house(stream.name, output.house_streams)
        missing = name - _shared(name, words)
        if missing and not (house and missing != name):
            problems.append(f"{stream.name!r}: {', '.join(sorted(missing))} in no line of the notes")
            continue
        # The past update's name for a workstream the lead calls something else ("SEPA instant" is not "Instant
        # Payouts"): a past name stands for the lead's only when it holds all of the lead's words.
        headed = {line.stream for line in lines if line.stream and _shared(stems(line.stream), name)}
        if house and headed and not any(stems(h) <= _shared(stems(h), name) for h in headed):
            problems.append(f"{stream.name!r} is the past update's name; the notes call it {sorted(headed)[0]!r}")
            continue
        # A piece of a line the lead put under another workstream: "northwind cert" on the "instant payouts:" line,
        # "cutover" on the "ledger pg16:" line.
        holding = [line for line in lines if name <= _shared(name, stems(line.text))]
        theirs = [line.stream for line in holding if line.stream and not _shared(name, stems(line.stream))]
        if holding and len(theirs) == len(holding):
            owner = _table_owner(holding[0], streams)
            problems.append(f"{stream.name!r} is split from {owner.name if owner else theirs[0]!r} (its words are only "
                            "in that workstream's lines)")  # fmt: skip
    for k, a in enumerate(streams):
        for b in streams[k + 1 :]:
            na, nb = _names(a), _names(b)
            if na and nb and (na <= _shared(na, nb) or nb <= _shared(nb, na)):
                problems.append(f"{a.name!r} and {b.name!r} are one workstream")
    return problems


# --- the risk blocks ------------------------------------------------------------------------------------------

_NEED = re.compile(r"^(?:we\s+)?(?:need|needs|needed|please|pls)\b|\b(?:needed|pls|please)\b", re.I)
_OWNS = re.compile(r"^[A-Za-z][\w ./-]{0,40}?\s+owns(?:\s+it)?\W*$|^owner\b", re.I)


def _owners(lines: Sequence[NoteLine], streams: Sequence[Stream]) -> list[set[int]]:
    """Per line, the workstreams of the table it belongs to (by index): the one its heading or prefix names; else
    the ones whose names it holds the most of ("double running cost" on the warehouse line does not make it the
    "Cost dashboards" line); else, when it shares a word with the line before, that line's (it carries it on);
    else none (any workstream may draw on it)."""
    out: list[set[int]] = []
    for k, line in enumerate(lines):
        named = _table_owner(line, streams)
        if named is not None:
            out.append({streams.index(named)})
            continue
        words = stems(line.text)
        share = [len(_shared(_names(s), words)) / max(1, len(_names(s))) for s in streams]
        best = max(share, default=0.0)
        if best > 0:
            out.append({n for n, x in enumerate(share) if x == best})
        elif k and words & stems(lines[k - 1].text):
            out.append(out[-1])
        else:
            out.append(set())
    return out


def _part_problem(part: str, what: str, risk: Risk, *, lines: Sequence[NoteLine], owners: Sequence[set[int]],
                  streams: Sequence[Stream], asks: Sequence[str]) -> str | None:  # fmt: skip
    words = stems(part)
    if not words:
        return None
    mine = next((k for k, s in enumerate(streams) if s.name == risk.stream), None)
    scores = [len(_shared(words, stems(line.text))) for line in lines]
    best = max(scores, default=0)
    if best * 2 >= len(words) and best:
        sources = [k for k, score in enumerate(scores) if score == best]
        if not any(mine in owners[k] or not owners[k] for k in sources):
            other = {streams[o].name for k in sources for o in owners[k]}
            return f"{risk.stream}: the {what} {part!r} is from a line of {', '.join(sorted(other))}"
    elif what == "mitigation":  # an impact is what would happen: the model may infer it; a mitigation is done
        own = set().union(*(stems(line.text) for line, o in zip(lines, owners, strict=True) if mine in o))
        everywhere = set().union(*(stems(line.text) for line in lines))
        if len(_shared(words, own)) * 2 < len(words) and len(_shared(words, everywhere)) * 2 < len(words):
            return f"{risk.stream}: the {what} {part!r} is not in the notes"
    if what == "mitigation":
        asked = set().union(*(stems(a) for a in asks)) if asks else set()
        if _NEED.search(part) or (asked and len(_shared(words, asked)) * 2 >= len(words)):
            return f"{risk.stream}: the mitigation {part!r} is the ask, not what is being done"
        if _OWNS.match(part.strip()):
            return f"{risk.stream}: the mitigation {part!r} says who owns it, not what is being done"
    return None


def risk_part_problems(case: StatusInput, output: StatusResult) -> list[str]:
    """Impacts and mitigations taken from another workstream's line, not in the notes, or (a mitigation) not
    something being done."""
    lines = note_lines(case, output)
    streams = output.body.streams
    owners = _owners(lines, streams)
    problems = []
    for risk in output.body.risks:
        asks = [risk.ask, *(a.what for a in output.body.asks)]
        for what, part in (("impact", risk.impact), ("mitigation", risk.mitigation)):
            found = _part_problem(part, what, risk, lines=lines, owners=owners, streams=streams, asks=asks)
            if part.strip() and found:
                problems.append(found)
    return problems

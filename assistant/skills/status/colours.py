"""The colour of a line of notes: the one the lead wrote ("payouts: RED", "🟢", "RAG: A", "(R)"), else the one its
words imply ("blocked" is red, "slipped" amber), unless the same words say the risk is over or never was."""

from __future__ import annotations

import re

from assistant.skills.status.models import RAG_RANK, Rag

# "green light", "red flag" and "red tape" are not colours
# ⚠️ in front of a line is the lead's amber: "⚠️ month-end close is 01-27..01-29, the deploy lands in the middle"
_COLOUR = re.compile(r"\b(red|amber|yellow|green)\b(?!\s+(?:light|flags?|tape|herring))|🔴|🟠|🟡|🟢|⚠️?", re.I)
# Words that put a workstream at risk when the lead wrote no colour: red needs help or a decision to recover.
_RED_CUES = re.compile(
    r"\b(?:blocked|blocker|blocking|will\s+miss|won't\s+make|can(?:not|'t)\s+(?:ship|launch|make|meet|start)|stuck|"
    r"off[- ]track|sev\s?-?1|won'?t\s+happen|will\s+not\s+happen|not\s+going\s+to\s+happen|bloquead[oa]s?|blockiert|"
    r"missed|escalat\w+|no\s+way\s+to|"
    # the launch date came and went: "did NOT go live on 08-16", "won't approve prod until a re-review"
    r"did(?:n't|\s+not)\s+(?:go\s+live|launch|ship)(?=\s+(?:on|by|as|in|this|last|yet)\b|\W*$|[.:;])|"
    r"(?:won'?t|will\s+not|refuses?\s+to|refused\s+to)\s+(?:approve|sign(?:\s+off)?))\b",
    re.I,
)
_AMBER_CUES = re.compile(
    r"\b(?:at\s+risk|risky|risks?|slip\w*|delay\w*|late|behind|moved|pushed|waiting\s+(?:on|for)|depends\s+on|"
    # the same in the other languages leads mix in: "Riesgo:", "Risiko", "retrasado", "verzögert"
    r"riesgos?|risiko|risque|rischio|retras\w+|atrasad\w+|verzöger\w+|"
    r"concerns?|concerned|worried|lagging|lags\s+behind|unclear|tight|tighter|flaky|incidents?|outages?|sev\s?[12]|regressions?|"
    r"might\s+not|may\s+not|not\s+until|short[- ]staffed|understaffed|"
    r"(?:will\s+be|are|is|get|gets|getting|being)\s+(?:rejected|declined|bounced|refused)|"
    # money or data gone wrong, however calmly it is told: "so 37 sellers got paid twice", "~EUR 11k still out"
    r"(?:paid|charged|billed|sent)\s+twice|double[- ](?:paid|charged|billed|payouts?|payments?)|overpaid|"
    r"duplicate\s+(?:payouts?|payments?|charges?|transfers?)|still\s+out(?:standing)?|data\s+loss|lost\s+data)\b",
    re.I,
)
# A risk the same line says is over: "cutover moved to 1 Dec, went fine" is done, not amber.
_RESOLVED = re.compile(
    r"(?<!not\s)(?<!n't\s)\b(?:went\s+(?:fine|well|smoothly)|done|resolved|fixed|recovered|unblocked|signed|closed|"
    r"came\s+back|back\s+to\s+(?:normal|green)|no\s+(?:seller|"
    r"customer|user)?\s*impact|completed?|finished|landed)\b",
    re.I,
)


RESOLVED_WITHIN = 60


def cue_colour(text: str) -> tuple[Rag, str] | None:
    """The colour words in ``text`` imply, and the words: ("red", "blocked"); none for an amber word on a line that
    says it is over."""
    m = _first_said(_RED_CUES, text)
    if m:
        return "red", m.group(0)
    m = _first_said(_AMBER_CUES, text)
    # in the words that follow, not anywhere in a long line: "tight but doable, … no seller impact" is still tight;
    # "moved, went fine" is over; "80% done but slipping" is not
    if m and not _RESOLVED.search(text[m.end() : m.end() + RESOLVED_WITHIN]):
        return "amber", m.group(0)
    return None


# "zero escalations", "no incidents", "without delays": the cue word, denied.
_DENIED = re.compile(r"\b(?:no|zero|0|without|never|nothing|not|none)\s+(?:\w+\s+)?$", re.I)
# "was blocked on X, unblocked Wed", "v3 was stuck at 50% … she signed Tue": a risk the line says is over.
_WAS = re.compile(r"\b(?:was|were|had\s+been)\s+(?:\w+\s+)?$", re.I)
_OVER = re.compile(
    r"\b(?:unblocked|signed(?:\s+off)?|sorted|cleared|resolved|fixed|approved|back\s+on\s+track|landed|merged)\b", re.I
)


def _first_said(cues: re.Pattern[str], text: str) -> re.Match[str] | None:
    for m in cues.finditer(text):
        before = text[max(0, m.start() - 24) : m.start()]
        if _DENIED.search(before) or (_WAS.search(before) and _OVER.search(text, m.end())):
            continue
        return m
    return None


_COLOURS: dict[str, Rag] = {"🔴": "red", "🟠": "amber", "🟡": "amber", "🟢": "green", "⚠️": "amber", "⚠": "amber",
                            "red": "red", "amber": "amber", "yellow": "amber", "green": "green"}  # fmt: skip

# "its been red on main for a week": a build's colour, not the work's.
_NOT_RAG_AFTER = re.compile(r"\s+(?:on|in)\s+(?:main|master|trunk|ci|the\s+build|the\s+pipeline)\b", re.I)
NOT_RAG_BEFORE = re.compile(r"\b(?:tests?|builds?|ci|checks?|pipeline|dashboards?|alerts?|graphs?|lights?)\s+$", re.I)


_MIGHT_BE = re.compile(
    r"\b(?:might|could|may|would|will|if)\s+(?:\w+\s+)?(?:be|go|turn|become|slip\s+to)\s+$|\b(?:was|were|used\s+to\s+be)\s+$|"
    r"\b(?:becomes|turns|goes)\s+$|"  # "green (becomes yellow if the answer is yes)"
    r"\b(?:not|n't|nothing|no|never|rather\s+than|instead\s+of)\s+$",  # "call that amber not red", "nothing red"
    re.I,
)
# "RAG: A", "rag=G": the colour as the letter of its name.
# "(R) your Kafka upgrade window", "[A] registry": a capital letter in brackets; "(a) drop v3 to 50%" is an option.
_RAG_LETTER = re.compile(r"\bRAG\s*[:=-]?\s*\b([RAGrag])\b(?![\w'-])|(?:^|\s)[\[(]([RAG])[\])](?=[\s:]|$)")
_LETTERS: dict[str, Rag] = {"R": "red", "A": "amber", "G": "green"}


_EDIT = re.compile(r"\[\s*(?:update|updated|upd|edit|edited|now|later)\s*:", re.I)


def colour_of(text: str) -> Rag | None:
    """The colour the lead wrote on the line; "integration tests red 3 days running" is a failing build, not a RAG."""
    said = [
        (m.start(), _COLOURS[m.group(0).lower()])
        for m in _COLOUR.finditer(text)
        if not NOT_RAG_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
        and not _NOT_RAG_AFTER.match(text, m.end())
    ] + [(m.start(), _LETTERS[(m.group(1) or m.group(2)).upper()]) for m in _RAG_LETTER.finditer(text)]
    said.sort()
    if not said:
        return None
    # A past update edited in place: "pooler amber, flaky failover [update: done, green]": the edit's colour stands.
    edit = _EDIT.search(text)
    if edit and any(at > edit.start() for at, _ in said):
        said = [(at, rag) for at, rag in said if at > edit.start()]
    # "everything green except hold reasons, call that amber": the worst colour the line gives; but "green for now,
    # might be amber next time" and "was red, now green" are green (a colour it might become or was does not count).
    firm = [rag for at, rag in said if not _MIGHT_BE.search(text[max(0, at - 24) : at])] or [said[0][1]]
    return max(firm, key=lambda rag: RAG_RANK[rag])

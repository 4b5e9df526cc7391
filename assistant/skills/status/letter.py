"""Notes written as a letter: "Hi Lena," and "Thanks, Priya" around paragraphs of prose.

A paragraph holds several pieces of news, a risk and an ask; read as one line, its colour, its ask and its dates were
lost (a whole paragraph ended up under "Dates to note"). So a paragraph is read sentence by sentence, each under the
workstream its lead-in names ("Instant payouts. The capped launch is still on …"), and the greeting names who a "you"
in an ask is.
"""

from __future__ import annotations

import re

_GREETING = re.compile(
    r"^\s*(?:hi|hey|hello|dear|morning|good\s+morning|hiya)\b[\s,]*(?P<who>[A-Z][\w'-]*)?(?:\s+(?:and|&)\s+[A-Z][\w'-]*)?"
    r"\s*[,!:.]?\s*$",
    re.I,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:thanks|thank\s+you|many\s+thanks|cheers|best|best\s+regards|kind\s+regards|regards|br|thx|ta|speak\s+soon)"
    r"\b[\s,!.]*(?:[A-Z][\w'-]*)?\s*$",
    re.I,
)
MAX_SIGNATURE_WORDS = 3
# A paragraph, not a note: long, and three sentences or more (two short ones are a note with its detail).
MIN_PROSE_CHARS = 240
MIN_PROSE_SENTENCES = 3
# A sentence ends at . ! ? before a capital, not after "e.g." or "approx.", and not inside "v2.1" or "EUR 15.000".
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bapprox)(?<=[.!?])\s+(?=[\"“(A-Z0-9])")
MAX_LEAD_IN_WORDS = 4
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|will|has|have|had|did|does|do|went|got|done|live|fine|ok|late|blocked|\w+ed)\b", re.I
)


# A line pasted from a chat tool: "[Tue 09:12] @ravi.menon: cutover done", "@priya: ugh".
# "[09:13] priya: …", "[Tue 10:04] Ravi Menon: …", "@ravi: …": a time in brackets (so "[A] registry: …" is a colour,
# not a speaker), then a handle or a name of one or two words.
_CHAT = re.compile(
    r"^\s*(?:\[[^\]]{1,24}\]\s*)?@(?P<handle>[\w.\-]{1,40}):\s*|"
    r"^\s*\[[^\]\d]{0,12}\d[^\]]{0,12}\]\s*(?P<name>[\w.\-]{1,40}(?:\s[A-Z][\w.\-]{1,30})?):\s*|"
    # Slack copied as text: "> aisha  10:42  northwind just confirmed …"
    r"^\s*>?\s*(?P<pasted>[A-Za-z][\w.\-]{1,30})\s{2,}\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?\s{2,}"
)


def unchatted(text: str) -> str:
    """A chat line without its time and handle, the speaker kept at the end: "cutover done (ravi)"; "" when only an
    emoji or a "+1" is left."""
    m = _CHAT.match(text)
    if m is None:
        return text
    said = text[m.end() :].strip()
    if not re.search(r"[A-Za-z]{2}", said):
        return ""
    who = (m.group("handle") or m.group("name") or m.group("pasted") or "").split(".")[0].split(" ")[0]
    return f"{said} ({who})" if who else said


def chat_said(text: str) -> str:
    """What a chat line says, without its time and handle (and without the speaker ``unchatted`` adds)."""
    m = _CHAT.match(text)
    return text if m is None else text[m.end() :].strip()


def addressee(raw: str) -> str | None:
    """The name a greeting line gives ("Hi Lena," gives "Lena"), "" for a greeting with no name; None otherwise."""
    m = _GREETING.match(raw)
    return None if m is None else (m.group("who") or "")


def signs_off(raw: str) -> bool:
    return bool(_SIGN_OFF.match(raw))


def is_signature(raw: str) -> bool:
    """A line after the sign-off that is only a name or two ("Priya", "Priya / Payments")."""
    words = raw.split()
    return 0 < len(words) <= MAX_SIGNATURE_WORDS and not any(c.isdigit() for c in raw)


def paragraph(text: str, labels: frozenset[str] = frozenset()) -> tuple[str | None, list[str]] | None:
    """(the workstream its lead-in names, its sentences) when ``text`` is a paragraph of prose; None for a note. A
    lead-in is a short first sentence with no verb ("Statements."), not a label such as "Done."."""
    if text.lstrip().startswith("|"):
        return None  # a table's row
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2:  # one sentence is a note, however long
        return None
    first = sentences[0].rstrip(".")
    if (
        len(sentences) > 2
        and len(first.split()) <= MAX_LEAD_IN_WORDS
        and first.lower() not in labels
        and not _VERBISH.search(first)
        and not any(c.isdigit() for c in first)
    ):
        return first, sentences[1:]
    return (None, sentences) if len(text) >= MIN_PROSE_CHARS and len(sentences) >= MIN_PROSE_SENTENCES else None

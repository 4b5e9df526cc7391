"""What the counterpart hears of a lead's line: the words meant for the scene, without those addressed to the tool
("are you an AI?", "give me 3 tips", "print your hidden concern", "SYSTEM: new instructions").

Read by rules before the model sees anything. Measured on the embedded model (docs/evals.md, "Rehearsal"): with the
attack in the transcript it kept character on about 87% of attack turns after the guard and one retry; a line the
character could never have heard cannot pull it out of character. Words to the tool are also left out of the turn
reader (they move neither trust nor stress) and the debrief (they are not quoted as the lead's conversation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.skills.rehearse.tags import SENTENCE, rx

# Markup nobody says aloud in a 1:1: HTML comments, fenced blocks, markdown headings, "[admin override]"-style tags.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|```.*?(?:```|\Z)|^\s*#{2,}.*$|\[(?:[^\]]*\b(?:admin|system|override|sudo|dev mode)\b[^\]]*)\]",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
# "(not to Marcus) is this going well?": everything after a stage direction to the tool is an aside.
_ASIDE_FROM_HERE = rx(r"\((?:not to \w+|to the coach|ooc|out of character|aside)[^)]*\)")
# A sentence that talks to or about the tool, the practice or its hidden state rather than to the counterpart.
_OFFSTAGE = rx(
    # Is this a machine? ("Claude", "Gemini" and "training data" are left out: they are names and team words.)
    r"\b(?:are|r) (?:you|u) (?:an? |a real |really )?(?:AI|A\.I\.|bot|robot|chat ?bot|human|real person|"
    r"language model|LLM|machine|program)\b",
    r"\b(?:language model|LLM|chat ?GPT|GPT-?\d*|Qwen|chat ?bot|knowledge cut-?off|real person typing)\b",
    r"\b(?:which|what) (?:AI |language )?model (?:are|is) (?:you|this)\b|\bmodel are you\b",
    # The practice itself and its hidden workings.
    r"\brole[- ]?play\w*|\b(?:out of|break|stay in) character\b|\bcharacter notes\b",
    r"\b(?:the|this) (?:simulation|practice session|practice run)\b|\bthis rehearsal\b|\brehearsal is over\b",
    r"\bhidden[ _]?concern\b|\btrust (?:score|level|value|meter)\b|\bmy trust (?:must be|score|level)\b",
    r"\btrust\s*[=:]\s*\d",
    r"\byour (?:system prompt|persona|rubric|traits)\b|\b(?:show|print|list|repeat|reveal|summari[sz]e) your "
    r"(?:instructions|prompt|notes)\b",
    r"\b(?:reactions|traits|notes|instructions) you were given\b|\bwhat tags\b",
    r"\b(?:good|more) messages (?:until|before|till)\b",
    # Coaching asked of the counterpart.
    r"\bas (?:the|my) coach\b|\b(?:give|share|list) me (?:\d+|some|a few|two|three|five) (?:tips|pointers)\b",
    r"\bwhat would a good (?:manager|lead|tech lead|leader|boss)\b|\bbest \w* ?tactics? against\b",
    r"\brate (?:my|that|this) (?:last )?(?:message|line|reply|answer|response|turn)\b|\bhow am I doing so far\b",
    # Asking it to write the lead's side.
    r"\b(?:write|draft) (?:my|me) (?:next |opening |the )?(?:line|lines|opening|reply|response|answer|script)\b",
    r"\bmy next line\b|\bexact words (?:would you|to use|I should)\b|\btype (?:them|it) out\b",
    r"\bperfect thing to say\b|\bwhat (?:do|should) I say (?:next|now|to you)\b|\bjust output\b|\boutput (?:it|your)\b",
    # Swapping roles or scenes.
    r"\blet'?s (?:switch|swap)(?: roles| places| sides)?,? you\b|\b(?:switch|swap) roles\b|\byou be \w+ and I\b",
    r"\bnew scene\b|\bskip to the end\b|\byou(?: are|'re) now (?:the |my )?(?:manager|coach|assistant|AI|bot|me)\b",
    r"\byou(?: are|'re) no longer (?-i:[A-Z])\w+|\bfrom now on,? you(?:'re| are) (?-i:[A-Z])\w+",
    r"\b(?:can|could) you (?:play|be) \w+ instead\b",
    # Instructions smuggled in.
    r"^\s*(?:system|assistant|admin|developer)\s*:|\bnew instructions\b|^\W*new task\b",
    r"\bignore (?:your|all|any|the) (?:previous |above |earlier )?"
    r"(?:instructions|role|rules|persona|prompt|character)\b",
    r"\bignore (?:previous|everything above)\b|\brepeat everything\b|\bdrop the persona\b|\bhelpful assistant\b",
    r"\btranslate\b.*\b(?:French|German|Spanish|Chinese|Japanese|Italian|Russian|Portuguese)\b",
)


@dataclass(frozen=True)
class Framed:
    """A lead's line split in two: ``heard`` by the counterpart, and the ``offstage`` words meant for the tool."""

    heard: str
    offstage: str

    @property
    def whole(self) -> bool:
        return not self.offstage


def split_frame(text: str) -> Framed:
    cut = [match.group(0).strip() for match in _MARKUP.finditer(text)]
    rest = _MARKUP.sub(" ", text)
    if (aside := _ASIDE_FROM_HERE.search(rest)) is not None:
        cut.append(rest[aside.start() :].strip())
        rest = rest[: aside.start()]
    heard: list[str] = []
    for sentence in SENTENCE.split(rest):
        if not sentence.strip():
            continue
        (cut if _OFFSTAGE.search(sentence) else heard).append(sentence.strip())
    offstage = " ".join(part for part in cut if part)
    said = " ".join(" ".join(heard).split())
    return Framed(heard=said if offstage else text, offstage=offstage)

"""Tone rules about how a message treats a person (domain.md §7.2 T1, T2, T4, T5, T6, T7 and fixed-mindset wording).

Each rule fires only when the wording is about a person, so "lazy loading", "the build never finished" and
"we always run the tests in CI" stay quiet.
"""

from __future__ import annotations

import re

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.detectors import ABSOLUTE_RE, person_labels
from assistant.checks.lexicon import CRITIQUE_CUES, PRAISE_WORDS
from assistant.checks.rulekit import about_person, matches, negated_before, to_findings
from assistant.checks.subjects import subject_kind
from assistant.checks.text import WORD_RE, clauses, make, sentence_at

_P = r"(?:you|he|she|they|[A-Z][a-z]+)"  # a person subject written into a pattern


def check_label(text: str, ctx: CheckContext) -> list[Finding]:
    return [
        make(
            "tone.label",
            Severity.ERROR,
            text,
            s.start,
            s.end,
            message=f"'{s.text}' labels the person instead of describing what they did.",
            fix="Describe the observable action and its effect, e.g. 'you joined standup at 9:20 on three days'.",
        )
        for s in person_labels(text)
    ]


# "never mind", "you'll never have to…" (a promise), "you've never been on call" (experience, not a pattern).
_IDIOMS_RE = re.compile(
    r"never\s+(?:mind|know|(?:have|has|had|need|needs|needed)\s+to)\b|always\s+(?:welcome|happy\s+to)\b", re.I
)
_PERFECT_BEFORE_RE = re.compile(r"(?:'ve|’ve|have|has|had)\s+$", re.I)


def _absolute_about_person(text: str, m: re.Match[str]) -> bool:
    if _IDIOMS_RE.match(text, m.start()) or _PERFECT_BEFORE_RE.search(text[max(0, m.start() - 8) : m.start()]):
        return False
    sent = sentence_at(text, m.start())
    if m.group(0).lower().startswith(("every", "each")):
        # "Every time I ask, you change the subject": the person may be the subject of any clause.
        if not any(subject_kind(text, c.start, allow_after=True) == "person" for c in clauses(sent)):
            return False
    elif not about_person(text, m):
        return False
    tokens = {w.lower() for w in WORD_RE.findall(sent.text)}
    # "You always leave clear review notes, thank you" is praise; sweeping praise is not the harm T2 is about.
    return not (tokens & PRAISE_WORDS) or bool(tokens & CRITIQUE_CUES)


def check_absolute(text: str, ctx: CheckContext) -> list[Finding]:
    return to_findings(
        matches(ABSOLUTE_RE, text, _absolute_about_person),
        text,
        "tone.absolute",
        Severity.WARNING,
        message="'{span}' about a person is a sweeping claim; the listener will look for the exception.",
        fix="Name the specific occurrences (which days, how many times), e.g. 'on three of the last five days'.",
    )


_INTENT_NEEDS_PERSON_RE = re.compile(
    r"\b(?:on\s+purpose|deliberately|intentionally|purposely|purposefully|"
    r"(?:don't|doesn't|didn't|do\s+not|does\s+not|did\s+not|never)\s+(?:really\s+|even\s+)?(?:care|cared|bother|"
    r"respect|value|want\s+to\s+(?:help|listen|learn|change)|listen\s+to\s+anyone)|"
    r"(?:couldn't|can't|could\s+not|cannot)\s+be\s+bothered|"
    r"(?:just|only)\s+(?:want|wants|wanted|cares?|cared)\s+(?:to|about)|"
    r"(?:wanted|wants|want|trying|tried|tries|try)\s+to\s+(?:undermine|sabotage|make\s+(?:\w+\s+){1,4}?look|show\s+off|"
    r"get\s+out\s+of|avoid|dodge|score\s+points|embarrass|take\s+credit|look\s+good|cover|prove|humiliate|"
    r"get\s+back\s+at)|(?:think|thinks|thought)\s+(?:you're|he's|she's|they're|you\s+are|he\s+is|she\s+is|they\s+are)"
    r"\s+(?:better|smarter|above|too\s+good)|must\s+have\s+known|knew\s+(?:it|that|this)\s+would|"
    r"(?:pretend|pretends|pretended|pretending)\s+(?:to|not|that)|not\s+interested\s+in|(?:has|have|had)\s+an\s+agenda)",
    re.I,
)
_INTENT_ALWAYS_RE = re.compile(
    r"\b(?:out\s+of\s+spite|to\s+get\s+back\s+at|(?:your|his|her|their|hidden)\s+agenda|"
    r"to\s+make\s+(?:me|us|the\s+team|\w+)\s+look\s+(?:bad|stupid|incompetent)|just\s+to\s+(?:annoy|spite|prove))\b",
    re.I,
)


def check_intent(text: str, ctx: CheckContext) -> list[Finding]:
    found = matches(_INTENT_NEEDS_PERSON_RE, text, about_person) + matches(_INTENT_ALWAYS_RE, text)
    return to_findings(
        found,
        text,
        "tone.intent",
        Severity.ERROR,
        message="'{span}' guesses at intent or motive, which the listener can only deny.",
        fix="Describe what you saw or heard and its effect; ask what was going on instead of assuming the reason.",
    )


_BLAME_VERB_RE = re.compile(
    rf"\b{_P}(?:\s+(?:just|really|completely|totally))?\s+(?:broke|caused|messed\s+up|screwed\s+up|ruined|"
    r"blew\s+up|tanked|killed|took\s+down|wrecked|botched|sank|derailed|dropped\s+the\s+ball)\b",
    re.I,
)
_BLAME_PHRASE_RE = re.compile(
    r"\b(?:whose\s+fault|(?:your|his|her|their|[A-Z][a-z]+(?:'s|’s))\s+(?:fault|mistake|screw-?up|mess)|"
    r"fault\s+lies\s+with|(?:is|was|this\s+one's|that's)\s+on\s+you|who\s+(?:broke|caused|is\s+responsible|"
    r"was\s+responsible|'s\s+responsible|did\s+this|messed\s+up)|who(?:'s|\s+is)\s+to\s+blame|"
    r"because\s+of\s+(?:you|him|her|them)\b|because\s+of\s+[A-Z][a-z]+(?=\s*[,.;!?]|\s+(?:we|the|our|this|everyone))|"
    r"(?:I|we)\s+blame|to\s+blame|blame(?:d)?\s+(?:it\s+|this\s+)?on|blaming)",
)


def _blame_ok(text: str, m: re.Match[str]) -> bool:
    # "not to blame anyone", "no one is blaming you" reject blame rather than assign it.
    return "blam" not in m.group(0).lower() or not negated_before(text, m.start())


def check_blame(text: str, ctx: CheckContext) -> list[Finding]:
    verbs = matches(_BLAME_VERB_RE, text, lambda t, m: about_person(t, m, allow_after=True))
    found = verbs + matches(re.compile(_BLAME_PHRASE_RE.pattern, re.I), text, _blame_ok)
    return to_findings(
        found,
        text,
        "tone.blame",
        Severity.WARNING,
        message="'{span}' frames the problem as someone's fault.",
        fix="Be blameless: describe what happened, the effect, and what would prevent it next time.",
    )


_FIXED_RE = re.compile(
    r"\b(?:not\s+cut\s+out\s+(?:for|to)|(?:just|simply)\s+not\s+an?\s+[\w-]+\s+person|"
    r"not\s+(?:senior|lead|leadership|manager|management|staff|principal)\s+material|"
    r"(?:some|certain)\s+people\s+(?:just\s+|simply\s+)?(?:can't|cannot|don't|aren't|will\s+never)|"
    r"(?:you'll|you\s+will|he'll|he\s+will|she'll|she\s+will|they'll|they\s+will)\s+never\s+(?:be|get|learn|"
    r"understand|make\s+it|become|improve|change)|never\s+going\s+to\s+(?:be|get|learn|understand|make\s+it|"
    r"become|improve|change)|either\s+you\s+have\s+it\s+or\s+you\s+don't|you\s+either\s+have\s+it\s+or\s+you\s+don't|"
    r"born\s+(?:leader|engineer|coder|programmer)|(?:just|simply)\s+not\s+(?:good|great|smart|technical)\s+"
    r"(?:at|enough)|not\s+(?:smart|technical|sharp|talented)\s+enough|(?:that's|that\s+is)\s+(?:just\s+)?(?:how|who)\s+"
    r"(?:you|he|she|they)\s+(?:are|is)|people\s+like\s+(?:you|him|her|them)|can't\s+change\s+who|"
    r"(?:doesn't|don't|does\s+not|do\s+not)\s+have\s+(?:what\s+it\s+takes|the\s+brain|the\s+head|the\s+talent)|"
    r"not\s+wired\s+(?:for|to)|lost\s+cause|(?:has|have)\s+no\s+(?:talent|aptitude|head)\s+for|"
    r"(?:you're|you\s+are|he's|she's)\s+(?:just\s+)?(?:bad|terrible|hopeless|useless)\s+at|"
    r"(?:will|'ll)\s+always\s+be\s+(?:a\s+)?(?:junior|slow|bad|behind|like\s+that))",
    re.I,
)


def check_fixed_mindset(text: str, ctx: CheckContext) -> list[Finding]:
    return to_findings(
        matches(_FIXED_RE, text),
        text,
        "tone.fixed_mindset",
        Severity.WARNING,
        message="'{span}' treats ability as fixed, which leaves the person nothing to work on.",
        fix="Talk about a skill that can grow and a concrete next step, e.g. 'pair with Ravi on the next migration'.",
    )


_DEFENSIVE_RE = re.compile(
    r"(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+not\s+what\s+I\s+meant|"
    r"\b(?:it|that)\s+was\s+(?:just|only)\s+a\s+joke|\b(?:just|only)\s+(?:joking|kidding)|"
    r"\bI\s+was\s+(?:just|only)\s+(?:trying\s+to\s+help|being\s+honest|saying|asking)|"
    r"\bI\s+(?:didn't|did\s+not|never)\s+mean\s+(?:to|it|anything|any\s+harm)|no\s+offen[cs]e\s+(?:intended|meant)|"
    r"\b(?:you're|you\s+are)\s+(?:being\s+)?(?:too|overly|a\s+bit)\s+sensitive|\b(?:you're|you\s+are)\s+overreacting|"
    r"can't\s+take\s+a\s+joke|\b(?:sorry|apologi[sz]e)\s+(?:if|that)\s+you\s+(?:felt|were|feel|took|found)|"
    r"sorry\s+you\s+feel\s+that\s+way|if\s+(?:you|anyone)\s+(?:were|was|felt)\s+offended|\bmy\s+intent(?:ion)?\s+was|"
    r"\bI\s+had\s+(?:good|the\s+best)\s+intentions|(?:that|it)\s+wasn't\s+my\s+intention|"
    r"\bnot\s+(?:my|our)\s+fault|"
    r"in\s+my\s+defen[cs]e|\bI\s+was\s+(?:just|only)\s+following|\b(?:nobody|no\s+one)\s+told\s+(?:me|us)|"
    r"(?:that's|this\s+is|that\s+is)\s+how\s+we(?:'ve|\s+have)\s+always\s+done\s+it|"
    r"(?:you're|you\s+are)\s+taking\s+it\s+(?:the\s+wrong\s+way|personally|too\s+personally)|"
    r"you\s+took\s+it\s+(?:the\s+wrong\s+way|personally)|\byou\s+misunderstood|not\s+my\s+job|"
    r"(?:you're|you\s+are)\s+reading\s+too\s+much\s+into",
    re.I,
)


def check_defensive(text: str, ctx: CheckContext) -> list[Finding]:
    return to_findings(
        matches(_DEFENSIVE_RE, text),
        text,
        "tone.defensive",
        Severity.WARNING,
        message="'{span}' defends your intent instead of owning the impact.",
        fix="Acknowledge how it landed, apologise for the effect, and say what you will do differently.",
    )


_SARCASM_RE = re.compile(
    r"thanks\s+for\s+nothing|\b(?:so\s+|how\s+)?(?:nice|kind|good|generous)\s+of\s+you\s+to\b|"
    r"\b(?:glad|good|nice)\s+(?:that\s+)?you\s+could\s+(?:finally\s+)?(?:join|make\s+it)|must\s+be\s+nice|"
    r"what\s+a\s+(?:surprise|shock)|\bshocker\b|big\s+surprise|surprise,\s+surprise|I'm\s+(?:so\s+)?shocked|"
    r"for\s+the\s+(?:hundredth|millionth|umpteenth|nth|third|fourth|fifth|tenth)\s+time|"
    r"per\s+my\s+(?:last|previous)\s+(?:email|message|comment)|as\s+I(?:'ve|\s+have)?\s+(?:already\s+)?"
    r"(?:said|mentioned|explained)\s+(?:before|earlier|already|last\s+time|twice|many\s+times)|"
    r"I'll\s+say\s+it\s+(?:again|one\s+more\s+time)|(?:should|shall)\s+we\s+just\s+(?:put|make|let)\s+\w+\s+in\s+charge|"
    r"since\s+you\s+(?:obviously\s+)?know\s+(?:best|everything)|obviously\s+you\s+know\s+best|"
    r"\boh\s+(?:great|wonderful|perfect|joy|good)\b|"
    r"\b(?:great|nice|good|awesome|brilliant|fantastic|amazing|stellar|wonderful)\s+(?:job|work|move|going|one)?,?\s*"
    r"(?:on\s+)?(?:breaking|crashing|missing|forgetting|deleting|ignoring|taking\s+down|wiping|nuking|losing)|"
    r"thanks\s+for\s+(?:breaking|ignoring|missing|forgetting|deleting|crashing)|"
    r"congrat\w*\s+on\s+(?:finally|breaking|missing)|\bgenius\b|\beinstein\b|\bsherlock\b|rocket\s+science|"
    r"if\s+it's\s+not\s+too\s+much\s+trouble|if\s+you\s+can\s+(?:find|spare)\s+the\s+time|"
    r"whenever\s+you\s+feel\s+like\s+it|when\s+you\s+(?:finally\s+)?get\s+around\s+to\s+it|"
    r"some\s+of\s+us\s+(?:actually\s+)?(?:have|work|do)|grace\s+us\s+with|(?<!\w)/s\b|🙄|"
    r"\b(?:you|he|she)\s+finally\s+(?:showed\s+up|joined|replied|answered|decided|bothered|made\s+it)|"
    # Repeated-mistake jabs (L2487): "why do you keep making the same mistake?"
    r"why\s+(?:do|does)\s+(?:you|he|she)\s+keep\b|how\s+many\s+times\s+(?:do\s+I\s+have\s+to|have\s+I\s+told)|"
    r"what\s+were\s+you\s+thinking",
    re.I,
)
_AS_USUAL_RE = re.compile(r"\b(?:as\s+usual|yet\s+again|once\s+again|as\s+always)\b", re.I)


def check_sarcasm(text: str, ctx: CheckContext) -> list[Finding]:
    found = matches(_SARCASM_RE, text) + matches(_AS_USUAL_RE, text, about_person)
    return to_findings(
        found,
        text,
        "tone.sarcasm",
        Severity.WARNING,
        message="'{span}' reads as sarcasm or a passive-aggressive dig.",
        fix="Say the concern directly: what happened, its effect, and what you'd like instead.",
    )


RULES = (
    Rule(
        "tone.label",
        Severity.ERROR,
        ("note", "sbi", "status"),
        "Judge the behaviour, not the person (T1).",
        check_label,
    ),
    Rule(
        "tone.absolute",
        Severity.WARNING,
        ("note", "sbi"),
        "Always/never about a person invites the listener to find the exception (T2).",
        check_absolute,
    ),
    Rule(
        "tone.intent",
        Severity.ERROR,
        ("note", "sbi", "status"),
        "Behaviour is what was seen or heard; guesses about intent or motive start an argument (T4).",
        check_intent,
    ),
    Rule(
        "tone.blame",
        Severity.WARNING,
        ("note", "sbi", "status"),
        "Blameless framing: ask how to solve it and what we learned, not whose fault it is (T5).",
        check_blame,
    ),
    Rule(
        "tone.sarcasm",
        Severity.WARNING,
        ("note", "sbi", "status"),
        "Sarcasm and passive-aggressive digs leak resentment and hide the real point (T6).",
        check_sarcasm,
    ),
    Rule(
        "tone.defensive",
        Severity.WARNING,
        ("note", "status"),
        "Impact outweighs intent: own the effect instead of explaining what you meant (T7).",
        check_defensive,
    ),
    Rule(
        "tone.fixed_mindset",
        Severity.WARNING,
        ("note", "sbi"),
        "Feedback is about behaviour that can change; fixed-ability wording leaves nothing to act on.",
        check_fixed_mindset,
    ),
)

"""What the lead knows but must not say: facts marked private or confidential, what someone else said in a 1:1,
health, pay and similar (the catalogue's ``privacy.confidential``). They are kept out of the facts the model sees and
listed back to the lead with the reason, and a check flags any of their words that reach the message anyway.

Shared by the feedback coach (facts) and status updates (note lines): both remove these in code, before the model
sees anything."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from assistant.checks import run_checks
from assistant.checks.base import Finding, Severity, Span
from assistant.checks.text import word_runs

# A marker at the start of the line. A one-word marker needs its colon, dash or brackets: "private: …" and
# "(confidential)" mark a line, "private key rotated" and "private beta is live" are work.
_MARKED = re.compile(
    r"^\s*[\[(]?\s*(?:off\s+the\s+record|in\s+confidence|not\s+for\s+(?:him|her|them)|do\s+not\s+share|don't\s+share|"
    r"between\s+us|privately|not\s+for\s+(?:the\s+)?(?:update|report|doc|notes|sharing|distro|distribution|circulation)|"
    r"note\s+to\s+self|me\s+only|(?:1:1|1-on-1|one-on-one|1on1)\s+(?:w/|with)\s+\w+\s*:|"
    r"(?:just\s+)?for\s+me(?:\s+only)?|just\s+us|(?:for\s+)?my\s+eyes\s+only|nota\s+para\s+m[ií]|solo\s+para\s+m[ií]|"
    r"entre\s+nous|unter\s+uns)\b\s*[\])]?\s*[:\-–—,]?|"
    r"^\s*[\[(]?\s*(?:confidential|private|pvt|priv|nfs|scratch|sensitive|vertraulich|confidentiel(?:le)?|confidencial|riservato|"
    r"vertrouwelijk)\s*(?:[\])]\s*[:\-–—]?|[:\-–—,])",
    re.IGNORECASE,
)
_MARKED_ANYWHERE = re.compile(
    r"\b(?:CONFIDENTIAL|confidential|off the record|in confidence|don't tell (?:him|her|them)|DO NOT SHARE|"
    r"DON'T SHARE|NOT FOR SHARING|[Nn]ot for the update|NOT in any document|asked me not to (?:mention|share|say)|"
    r"[Nn]ot for (?:distro|distribution|circulation)|NOT FOR DISTRO|[Hh]asn'?t told anyone(?: yet)?|"
    r"(?:do not|don't) mention (?:it|this)|[Nn]ote to self|[Vv]ertraulich|[Cc]onfidentiel(?:le)?|[Cc]onfidencial|"
    r"(?:[Dd]o not|[Dd]on'?t|DON'?T|DO NOT) (?:put|include) (?:this|that|it) in|[Kk]eep (?:this|that|it) out of|"
    # at the end of the line: "…, keep private", "Not for Grace.", "do not discuss in channel", "this stays in the
    # leads' channel", "which we will not be mentioning to the wider team"
    r"[Kk]eep (?:it |this |that )?(?:private|quiet|confidential)(?=\W*$)|[Nn]ot for [A-Z][a-z]+(?=\W*$)|"
    r"(?:[Dd]o not|[Dd]on'?t) discuss|stays? (?:in|between) (?:the )?(?:leads|managers|us|me)\b|"
    r"(?:won'?t|will not|not) be mentioning|"  # "he did not mention the outage" is behaviour, not a flag
    # "he asked me to keep it to myself", "don't put that anywhere", "pls don't let it near the update"
    r"[Kk]eep (?:it|this|that) to (?:myself|yourself|ourselves)|"
    r"(?:[Dd]o not|[Dd]on'?t|DON'?T) put (?:this|that|it) anywhere|"
    r"(?:[Dd]o not|[Dd]on'?t) let (?:it|this|that) (?:near|into|anywhere near)|"
    # h9: "really doesn't want it mentioned", "keep it quiet but …", "mum's the word", "can't say anything till then",
    # "not for the doc" at the end, "keep it vague", a note to self in Spanish ("no compartir")
    r"(?:doesn'?t|does not|don'?t|do not|didn'?t|did not) want (?:it|this|that|anyone|people) "
    r"(?:to know|mentioned|shared|known|out|discussed)|"
    r"[Kk]eep (?:it|this|that) (?:quiet|vague|under wraps|between us|low-?key)|[Mm]um'?s the word|"
    r"(?:[Cc]an'?t|[Cc]annot|[Cc]an not) say anything(?: (?:till|until) then| yet)?(?=\W*$)|"
    r"[Nn]ot for the (?:doc|document|update|report|deck|notes|channel)|(?:[Ff]or )?my eyes only|"
    r"[Nn]o (?:compartir|lo compartas)|[Nn]icht teilen|[Nn]e pas partager|[Nn]on condividere)\b|"
    r"[\[(]\s*(?:private|pvt|do not share|don't share|not for sharing|internal only|just for me|for me only|just us|"
    r"between us|(?:for )?my eyes only|eyes only)\s*[\])]",
)
_RUN = 5


class Withheld(BaseModel):
    """A fact left out of the message, and why: shown to the lead so nothing they typed silently disappears."""

    model_config = ConfigDict(extra="forbid")

    text: str
    reason: str


# An update goes to many readers, so personal matters are out whoever the line is about and however it is written:
# "tom's perf is slipping, talking to HR", "out sick w/ back surgery", "might quit", "the reorg".
_PERSONAL = (
    (re.compile(r"\b(?:perf(?:ormance)?\s+(?:is\s+)?(?:slipping|issues?|problems?|concerns?|review|plan|warning)|"
                r"(?:talk|talking|spoke|speak|went)\s+to\s+HR|HR\s+(?:case|complaint|process|investigation)|"
                r"underperform\w*|disciplinary|written\s+warning|probation)\b", re.I),
     "someone's performance"),
    (re.compile(r"\bPIP\b"), "someone's performance"),  # not "pip install"
    # A person's habits judged ("tomás keeps lowballing", "his numbers were off by 2x"): performance, however worded.
    (re.compile(r"\b(?:keeps?|kept)\s+(?:missing\s+(?:his|her|their|deadlines|dates|standup)|lowballing|sandbagging|forgetting|"
                r"under-?estimating|ignoring)\b|\blowball\w*|\bsandbagg\w*|\bnot\s+pulling\s+(?:his|her|their)\s+weight\b|"
                r"\bunder-?deliver\w*|\bcoasting\b|\bslacking\b|\b(?:his|her|their)\s+(?:numbers|estimates|work|code|output|"
                r"reviews)\s+(?:were|was|are|is|have\s+been)\s+(?:getting\s+)?(?:off|wrong|poor|sloppy|bad|weak|careless)\b|"
                r"\b(?:getting|been|is|are|was|were)\s+(?:really\s+|a\s+bit\s+|very\s+)?(?:sloppy|careless)\b|"
                # "Ravi's been checked out for weeks, missing standups"
                r"\b(?:been|is|seems?|looks?|was)\s+(?:totally\s+|really\s+|a\s+bit\s+|kind\s+of\s+)?(?:checked\s+out|"
                r"disengaged|unmotivated|demotivated)\b|\bmissing\s+(?:standups?|stand-ups?|meetings|his\s+1:1s|her\s+1:1s)\b|"
                # "jun 3rd missed estimate this month, raise w/ dmitri before perf cycle"
                r"\bmissed\s+(?:\w+\s+){0,2}estimates?\b|\bperf(?:ormance)?\s+(?:cycle|conversation|talk|calibration)s?\b|"
                r"\bpaper\s+trail\b|\b(?:his|her|their)\s+mid-?year\b",
                re.I),
     "someone's performance"),
    (re.compile(r"\b(?:sick|surgery|medical|hospital\w*|illness|diagnos\w+|therapy|pregnan\w+|maternity|paternity|"
                r"parental\s+leave|bereave\w+|funeral|divorc\w*|mental\s+health|unwell|(?:off|out|home)\s+ill|(?:has|had|got|with|down\s+with)\s+"
                r"(?:the\s+)?(?:flu|covid)|migraines?|concussion|cancer|chemo\w*|physio\w*|dentist|doctor'?s?|"
                r"(?:had|having|has|after|recovering\s+from)\s+(?:an?\s+)?(?:operation|op)|(?<!no\s)injur(?:y|ed|ies)|"
                r"(?:had|having|expecting)\s+(?:a|the|their|his|her)\s+(?:baby|first\s+child|second\s+child)|"
                r"new\s+(?:dad|mum|mom|parent)|"
                r"burn(?:ed|t)[- ]?out|stress\s+leave|(?:kidney|knee|back|wrist|ankle|shoulder|hip|eye)\s+"
                r"(?:stones?|surgery|injury|op|operation|problems?|pain|infection))\b", re.I),
     "health or personal circumstances"),
    # Conditions and care by family, as leads write them in passing: "after her stroke", "a slipped disc flare-up",
    # "his mum is moving in", "asked for flexible hours". "stroke width" and "partner bank" are work, so a stroke
    # needs an article or a possessive and a partner is no family word.
    (re.compile(r"\b(?:(?:a|her|his|their|my)\s+stroke|(?:slipped|herniated|bulging)\s+discs?|disc\s+(?:flare|problem)\w*|"
                r"sciatica|pneumonia|asthma|diabet\w+|heart\s+(?:attack|condition|surgery)|broken\s+(?:arm|leg|wrist|ankle|"
                r"foot|hand|collarbone)|fractur\w+|hospitali[sz]\w+|emergency\s+room|A&E|IVF|fertility|miscarriage|"
                r"anxiety|depression|panic\s+attacks?|(?:a|the|his|her|their)\s+(?:flare-?up|relapse)|"
                r"(?:his|her|their|my)\s+(?:mum|mom|dad|mother|father|parents?|wife|husband|kids?|son|daughter|baby|"
                r"grand(?:ma|pa|mother|father|parents?)|family)\b|"
                r"flexible\s+hours|reduced\s+hours|compassionate\s+leave|carer'?s\s+leave|leave\s+of\s+absence|"
                r"personal\s+leave|(?:care|caring)\s+for\s+(?:his|her|their|a)\s+\w+|passed\s+away|family\s+emergency|"
                r"personal\s+reasons|counsell?(?:ing|ors?)|therapists?|grief|grieving|rough\s+patch|"
                r"going\s+through\s+a\s+(?:lot|hard\s+time|tough\s+time|rough\s+time)|wedding|"
                # medication by name, faith, a person's legal and money troubles (h9)
                r"medication|antidepressants?|lithium|SSRIs?|prayers?|mosque|synagogue|ramadan|sabbath|shabbat|"
                r"family\s+court|custody\s+(?:hearing|battle|case)|small\s+claims|landlord|eviction|mortgage|bankrupt\w*|"
                r"(?:his|her|their)\s+(?:debts?|rent|bills|kids|children)|cash\s+out\s+(?:his|her|their)\s+(?:unused\s+)?"
                r"(?:PTO|leave|holidays?|vacation)|"
                # conditions and the support asked for them: "an ADHD accommodation", "reasonable adjustments"
                r"ADHD|autis\w+|dyslexi\w+|disabilit\w+|stutter\w*|insomnia|sleeping\s+(?:badly|poorly)|"
                r"reasonable\s+adjustments?|(?:his|her|their)\s+(?:meds|medication)|"
                # a relationship at work: "Ravi and Hannah told me they're together now"
                r"(?:they're|they\s+are|are)\s+together\s+now|(?:are|been)\s+dating|"
                r"(?:his|her|their)\s+(?:boyfriend|girlfriend|fianc[eé]e?))", re.I),
     "health or personal circumstances"),
    # Someone's right to work: "Visa 3DS cert" and "Visa and Mastercard" are a card scheme, "her visa renewal" is not.
    (re.compile(r"\b(?:(?:his|her|their|my)\s+visa|visa\s+(?:renewal|status|appointment|sponsorship|application|"
                r"expir\w+|interview)|work\s+permit|immigration|green\s+card|H-?1B|residence\s+permit)\b", re.I),
     "someone's immigration status"),
    (re.compile(r"\b(?:complaint\s+(?:about|against|with)|harass\w+|grievance|misconduct|(?:final|verbal)\s+warning)\b",
                re.I), "an HR matter"),
    (re.compile(r"\bHR\b"), "an HR matter"),  # capitals only: in a team's update, HR is about a person
    (re.compile(r"\b(?:RSUs?|stock\s+options|equity\s+grant|salary|salaries|pay\s+(?:rise|raise|cut|band)|(?:a|his|her|their)\s+raise|bonus(?:es)?|comp(?:ensation)?\s+"
                r"(?:band|review|change)|counter-?offer|equity\s+refresh|merit\s+(?:budget|increase|pool|raise)s?|"
                # a person's allowance is pay; "the €9k/yr stipend for a 2nd on-call rotation" is the team's budget (h9)
                r"raise\s+pool|(?:his|her|their|\w+'s)\s+(?:\w+\s+)?(?:allowances?|stipends?)|"
                r"pay\s+(?:gap|parity)|holiday\s+pay|overtime\s+pay|pay\s?(?:check|slip)s?)\b", re.I),
     "compensation"),
    # "Marcus's promo to E4 approved": a promotion is told by the manager first ("promoted to prod" is a deploy)
    (re.compile(r"\bpromo(?:tion)?\s+(?:to|case|packet|committee|approved|decision|cycle)\b|"
                # "Aisha's L6 went through calibration", "I don't think Tomás is ready for senior" (h9)
                r"\b[\w']+'s\s+[LEP]\d\b|\bwent\s+through\s+calibration\b|\b(?:perf|promo|level(?:l?ing)?)\s+calibration\b|"
                r"\bready\s+for\s+(?:senior|staff|principal|promotion|the\s+next\s+level)\b|"
                r"\bpromoted\s+to\s+(?!prod\b|production\b|staging\b|main\b|master\b|live\b)", re.I),
     "someone's promotion"),
    (re.compile(r"\b(?:resign\w*|quit(?:ting)?|hand(?:ed|ing)?\s+in\s+(?:his|her|their)\s+notice|notice\s+period|"
                r"interviewing\s+(?:elsewhere|at|with)|job\s+offer|flight\s+risk|"
                r"(?:thinking\s+(?:about|of)|considering|planning\s+(?:on|to))\s+(?:leaving|quitting)|"
                # an internal move the person has not announced: "wants to move to data platform in Q2"
                r"wants\s+to\s+(?:move|transfer|switch)\s+(?:to|teams)|go(?:ing)?\s+part-?\s?time|"
                # looking around: "testing the market", "asking about the staff eng opening on the Treasury team"
                r"testing\s+the\s+(?:market|waters)|job\s+hunting|recruiter\s+(?:call|message|ping|reached)|"
                r"(?:updated|updating)\s+(?:his|her|their)\s+(?:LinkedIn|CV|resume)|(?:asking|asked)\s+about\s+(?:the\s+|an?\s+)?"
                r"(?:[\w-]+\s+){0,3}(?:opening|role|vacancy|position)\s+(?:on|in|at)\b)\b", re.I),
     "someone's plans to leave"),
    (re.compile(r"\b(?:in|during|at|from)\s+(?:my|our|a|the|his|her|their)\s+(?:1:1|1-on-1|one-on-one|1on1|skip-level)s?\b",
                re.I), "what someone said in a 1:1"),
    # "alerts fired" and "restructured the module" are work; the rest of layoffs is privacy.confidential's
    (re.compile(r"\b(?:lay-?offs?|laid\s+off|re-?orgs?|headcount\s+cuts?|(?:split|merged?)\s+(?:in)?to\s+(?:two|2|three|"
                r"another|a\s+new)\s+orgs?|org\s+(?:change|split)s?)\b",
                re.I), "layoffs or restructuring"),
)  # fmt: skip


def why_private(text: str, *, wide: bool = False) -> str | None:
    """The reason ``text`` must not be said to the person (or, ``wide``, in an update many people read), or None."""
    if _MARKED.match(text) or _MARKED_ANYWHERE.search(text):
        return "you marked it private or confidential"
    if wide:
        for pattern, what in _PERSONAL:
            if pattern.search(text):
                return f"it is about {what}, which an update never shares"
    for finding in run_checks(text, "note"):
        if finding.rule == "privacy.confidential":
            return finding.message.rstrip(".") + "; it is not yours to share in this feedback"
    return None


def withhold(texts: Sequence[str]) -> tuple[list[str], list[Withheld]]:
    """(the texts that may be used, the ones withheld with their reason)."""
    kept: list[str] = []
    withheld: list[Withheld] = []
    for text in texts:
        reason = why_private(text)
        if reason:
            withheld.append(Withheld(text=text, reason=reason))
        else:
            kept.append(text)
    return kept, withheld


def private_lines(message: str, withheld: Sequence[Withheld], rule: str = "sbi.private") -> list[Finding]:
    """Five words in a row from a withheld fact in the message: a private line said aloud."""
    found = []
    runs = word_runs(message, _RUN)
    for item in withheld:
        shared = runs & word_runs(item.text, _RUN)
        if shared:
            words = " ".join(sorted(shared)[0])
            found.append(
                Finding(
                    rule=rule,
                    severity=Severity.ERROR,
                    span=Span(start=0, end=len(message), text=words),
                    message=f'"{words}" repeats something you kept private ({item.reason}).',
                    fix="Leave it out of the message; talk about it separately if at all.",
                )
            )
    return found

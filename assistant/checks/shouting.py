"""Capitals used for emphasis ("broke checkout AGAIN"): shouting on the page reads as anger, and the listener hears
the tone before the content. Acronyms (API, HTTP, JSON, SLO) are not shouting, so a word counts only when it is an
ordinary word: three letters from a short list of emphasis words, or four or more with a vowel and not a known
acronym."""

from __future__ import annotations

import re

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.text import make, mask_code

_CAPS = re.compile(r"(?<![\w-])[A-Z]{3,}(?:'[A-Z]+)?(?![\w-])")
_SHORT_SHOUTS = frozenset(
    {"NOT", "ALL", "NOW", "YET", "WHY", "HOW", "AND", "THE", "YOU", "DID", "WAS", "ONE", "BUT", "OUR", "ANY", "NEW",
     "BIG", "BAD", "OFF", "TOO", "WHO", "ASK", "GET", "RUN", "CAN", "HAS", "HAD"}
)  # fmt: skip
_ACRONYMS = frozenset(
    {"JSON", "YAML", "HTTP", "HTTPS", "REST", "GRPC", "CORS", "SAML", "OAUTH", "TODO", "FIXME", "UUID", "HTML",
     "JIRA", "NATO", "ASAP", "EMEA", "APAC", "LATAM", "AMER", "OKRS", "KPIS", "SLOS", "SLAS", "RFCS", "ADRS", "CSAT",
     "NASA", "UNIX", "POSIX", "LINUX", "IOS", "AWS", "GCP", "SOC", "GDPR", "HIPAA", "PCI", "OWASP", "CVE", "CVES",
     "README", "SEPA", "BACS", "IBAN", "SWIFT", "FAANG", "SQL", "NOSQL", "MYSQL", "UTC", "ETA", "EOD", "FYI"}
)  # fmt: skip


def _is_shout(word: str) -> bool:
    plain = word.replace("'", "")
    if plain in _ACRONYMS:
        return False
    if len(plain) == 3:
        return plain in _SHORT_SHOUTS
    return (bool(re.search(r"[AEIOU]", plain)) and not plain.endswith("S")) or plain in {"ALWAYS", "NOBODY", "NEVER"}


def check_shouting(text: str, ctx: CheckContext) -> list[Finding]:
    masked = mask_code(text)
    if sum(c.isupper() for c in masked) > 0.6 * max(sum(c.isalpha() for c in masked), 1):
        return []  # a line typed entirely in capitals (a pasted title, a caps-lock note) is not emphasis
    return [
        make(
            "tone.shouting",
            Severity.WARNING,
            text,
            m.start(),
            m.end(),
            message=f"'{m.group(0)}' in capitals reads as shouting.",
            fix="Write it in ordinary case; if it matters, say why in words (how often, what it cost).",
        )
        for m in _CAPS.finditer(masked)
        if _is_shout(m.group(0))
    ]


RULES = (
    Rule(
        "tone.shouting",
        Severity.WARNING,
        ("note", "sbi"),
        "Capitals for emphasis read as anger; the listener hears the tone before the content (T6).",
        check_shouting,
    ),
)

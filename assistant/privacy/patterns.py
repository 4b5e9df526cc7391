"""The entities with a shape: emails, phone numbers, URLs that carry a secret, employee ids. Regular expressions plus
the checks that keep dates, versions, IP addresses and plain documentation links out."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from assistant.config import DEFAULT_EMPLOYEE_ID
from assistant.privacy.spans import Span

__all__ = ["DEFAULT_EMPLOYEE_ID", "emails", "employee_ids", "phones", "secret_urls"]

# Settings.employee_id_pattern (default DEFAULT_EMPLOYEE_ID) is matched ignoring case; and whatever it is,
# a number named as an id is one: "employee id 48213", "staff no. 7781".
_ID_CUE = re.compile(
    r"\b(?:employee|staff|badge|personnel|emp)\s*(?:id|no\.?|number|#)\s*[:#]?\s*([A-Z]{0,4}-?\d{4,9})\b", re.I
)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

_PHONE = re.compile(r"(?<![\w+/.-])(?:\+|00)?\(?\d[\d ().\-/]{5,}\d(?![\w/])")
_PHONE_CUE = re.compile(
    r"\b(?:call|called|calling|phone|mobile|cell|tel|telephone|number|no\.|whatsapp|signal|text|texted|sms|ring|dial|"
    r"reach|ext|fax|landline|on)\b[^\n\d]{0,12}$",
    re.I,
)
_DATE_INSIDE = re.compile(r"\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b")
_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")

_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.|\b(?=[\w-]+(?:\.[\w-]+)+/[^\s]*[?#&=]))[^\s<>\"'`]+",
    re.I,
)
_SECRET_PARAM = re.compile(
    r"(?:^|[_\-.])(?:token|access|key|apikey|api_key|sig|signature|secret|password|passwd|pass|pwd|auth|"
    r"authorization|code|session|sessionid|sid|jwt|otp|credential|credentials|hash|invite|reset)(?:$|[_\-.])|"
    r"token|secret|signature|password|credential",
    re.I,
)
_HEX_ID = re.compile(r"[0-9a-f]{7,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def employee_ids(text: str, pattern: str) -> Iterator[Span]:
    for match in re.finditer(pattern, text, re.I):
        if match.end() > match.start():
            yield Span(match.start(), match.end(), "employee_id", "id:" + _id_key(match.group()))
    for match in _ID_CUE.finditer(text):
        yield Span(match.start(1), match.end(1), "employee_id", "id:" + _id_key(match.group(1)))


def _id_key(value: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", value.upper())


def emails(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield Span(match.start(), match.end(), "email", "email:" + match.group().lower())


def phones(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        raw = match.group()
        if raw.startswith("(") and ")" not in raw:  # "(2026-05-01": an opening bracket that is not an area code
            raw = raw[1:]
        start = match.end() - len(raw)
        if _is_phone(raw, cued=bool(_PHONE_CUE.search(text[max(0, start - 40) : start]))):
            digits = re.sub(r"\D", "", raw)
            yield Span(start, match.end(), "phone", "phone:" + digits[-9:])


def _is_phone(raw: str, *, cued: bool) -> bool:
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15 or _DATE.match(raw.strip()) or _DATE_INSIDE.search(raw) or ". " in raw:
        return False  # a date with a time or a list number after it ("2026-11-25 00:00", "2026-12-08. (2")
    if " / " in raw or raw.count("/") > 1:
        return False  # figures in a table row: "0.71 / 0.91 / 0.50", "200/350/600"
    groups = re.split(r"[ ().\-/]+", raw.strip("()+ "))
    if "." in raw and all(len(g) <= 3 for g in groups) and len(groups) == 4:
        return False  # an IP address
    if re.fullmatch(r"\d{1,4}(?:\.\d{1,4}){1,3}", raw):
        return False  # a version or a decimal
    if raw.startswith(("+", "00")):
        return len(digits) >= 8
    separated = len(groups) > 1
    if separated and len(digits) >= 10:
        return True
    if separated and len(digits) >= 9 and max(len(g) for g in groups) <= 5:
        return True
    if not separated and digits.startswith("0") and 10 <= len(digits) <= 11:
        return True  # "07700900123": a national number written without spaces
    return cued


def secret_urls(text: str) -> Iterator[Span]:
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?)]}'\"")
        if url and _carries_secret(url):
            yield Span(match.start(), match.start() + len(url), "url_token", "url:" + url)


def _carries_secret(url: str) -> bool:
    parts = urlsplit(url if "://" in url else "https://" + url)
    if parts.password or (parts.username and "@" in parts.netloc):
        return True  # "https://deploy:hunter2@host/"
    params = parse_qsl(parts.query, keep_blank_values=True) + parse_qsl(parts.fragment, keep_blank_values=True)
    if any(_SECRET_PARAM.search(name) and value for name, value in params):
        return True
    # In a path, hex strings and UUIDs are commit hashes and record ids (links to read), not credentials.
    segments = [p for p in re.split(r"[/;]", parts.path) if p and not _HEX_ID.fullmatch(p)]
    return any(looks_random(value) for value in [value for _, value in params] + segments)


def looks_random(value: str) -> bool:
    """A token rather than a word or a slug: long, letters and digits mixed, few vowel runs ("a1B9xQ…")."""
    core = value.strip("=")
    if len(core) < 20 or not re.fullmatch(r"[\w\-.~+%]+", core):
        return False
    if re.fullmatch(r"[a-z]+(?:[-_.][a-z0-9]+)*", core.lower()) and not re.search(r"\d{3}", core):
        return False  # a slug: "how-we-run-incidents-2026"
    has_digit = any(c.isdigit() for c in core)
    has_alpha = any(c.isalpha() for c in core)
    mixed_case = any(c.isupper() for c in core) and any(c.islower() for c in core)
    if not (has_digit and has_alpha) and not (mixed_case and len(core) >= 24):
        return False
    switches = sum(1 for a, b in itertools.pairwise(core) if a.isdigit() != b.isdigit())
    return switches >= 3 or (mixed_case and has_digit)

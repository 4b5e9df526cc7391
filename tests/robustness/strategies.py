"""Text and byte strategies shared by the property tests: random text, plus text built from words the rules,
the chunker and the loaders react to, so the interesting paths are reached, not only the "nothing found" one."""

from __future__ import annotations

from hypothesis import strategies as st

# Words and fragments that fire rules or change parsing: labels, absolutes, SBI and status headings, ADR sections,
# dates, Markdown syntax, quotes, shouting, private matters, template syntax.
TRIGGERS = (
    "lazy", "always", "never", "AGAIN", "obviously", "Sam", "Tom", "you", "I", "we", "they", "his", "her",
    "Situation:", "Behavior:", "Behaviour:", "Impact:", "Request:", "Next time", "Last Tuesday", "on 2026-11-30",
    "by Friday", "14:05", "Q3", "[AT RISK]", "RAG: red", "TL;DR:", "## Status", "# 1. Use Postgres", "## Context",
    "## Decision", "## Consequences", "Status: Accepted", "Superseded by [2. X](0002-x.md)", "---", "```", "~~~",
    "- ", "* ", "1. ", "> ", "|", "\"", "'", "“", "”", "(", ")", "!", "?", ".", ",", ";", ":", "…", "—",
    "confidential", "salary", "health", "reorg", "said in our 1:1", "ASAP", "LGTM", "per my last email",
    "{{ name }}", "{% if x %}", "${x}", "$x", "$$", "<guidance>", "</question>", "\x00", "\ufeff", "\u200b",
    "é", "ß", "İ", "ﬁ", "😀", "家", "\t", "\r\n", "\r", "\x0c", "\u2028", "\x85", "\n", "\n\n", " ",
)  # fmt: skip

words = st.sampled_from(TRIGGERS) | st.text(min_size=1, max_size=12)


@st.composite
def _joined(draw: st.DrawFn) -> str:
    parts = draw(st.lists(words, max_size=80))
    seps = draw(st.lists(st.sampled_from((" ", " ", " ", "\n", "\n\n", "")), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


# Any text: arbitrary unicode (no lone surrogates, which a str read from a file or a form never holds), or words
# that matter to the code under test.
texts = st.text(max_size=2_000) | _joined()

# Bytes as a file on disk may hold them: random, or text encoded in UTF-8 / Latin-1 / UTF-16, with a BOM or a stray
# invalid byte.
_encoded = st.tuples(texts, st.sampled_from(("utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"))).map(
    lambda pair: pair[0].encode(pair[1], errors="replace")
)
file_bytes = (
    st.binary(max_size=4_000)
    | _encoded
    | st.tuples(_encoded, st.binary(min_size=1, max_size=4)).map(lambda pair: pair[0] + pair[1])
)

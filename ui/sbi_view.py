"""Presentation helpers for the feedback page: the original note with its flagged spans highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.skills.sbi.models import Change

_COLOURS = {"error": "#ffd6d6", "warning": "#fff1c2", "info": "#dcecff"}


def highlighted(text: str, changes: Sequence[Change]) -> str:
    """HTML of ``text`` with each flagged span in a ``<mark>`` whose tooltip names the rule and the fix. Spans that
    overlap an earlier one, or that belong to a part rather than the whole note, are listed but not marked."""
    marks = sorted(
        (c for c in changes if c.field is None and c.start is not None and c.end is not None and c.end <= len(text)),
        key=lambda c: (c.start or 0, -(c.end or 0)),
    )
    out: list[str] = []
    pos = 0
    for change in marks:
        start, end = change.start or 0, change.end or 0
        if start < pos:
            continue
        tip = _inert(f"{change.rule}: {change.why} Fix: {change.fix}")
        colour = _COLOURS.get(change.severity, "#eee")
        out.append(_inert(text[pos:start]))
        out.append(f'<mark title="{tip}" style="background:{colour}">{_inert(text[start:end])}</mark>')
        out.append(f"<sup>{_inert(change.rule)}</sup>")
        pos = end
    out.append(_inert(text[pos:]))
    return '<div style="white-space:pre-wrap">' + "".join(out) + "</div>"


# Markdown's own characters as character references: the note is drawn with unsafe_allow_html, so nothing in it may
# become markup. A blank line would end the HTML block and let what follows be read as markdown again (an image
# such as ![x](https://…) would then be fetched), so line breaks are references too; pre-wrap still shows them.
# One pass over the characters, HTML's own included, so no reference is escaped twice.
_INERT = str.maketrans({ch: f"&#{ord(ch)};" for ch in "&<>\"'\\`*_[]()!#|~\n"})


def _inert(text: str) -> str:
    return text.translate(_INERT)

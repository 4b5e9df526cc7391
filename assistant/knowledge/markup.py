"""Turn reStructuredText and HTML into markdown-like lines, so one chunker handles every format.

Each function returns ``(text, source_line)`` pairs: the source line lets a citation point at the original file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

Line = tuple[str, int]

# rst section adornments: a line of one repeated punctuation character, at least as long as the title (rst rule).
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")


def rst_to_lines(text: str) -> list[Line]:
    """Map rst section titles (underlined, optionally overlined) to ``#`` headings; keep the rest as it is.

    rst has no fixed heading characters: the level is the order in which adornment styles first appear.
    """
    src = text.splitlines()
    styles: list[tuple[str, bool]] = []
    out: list[Line] = []
    i = 0
    while i < len(src):
        heading = _rst_heading_at(src, i)
        if heading is None:
            out.append((src[i], i + 1))
            i += 1
            continue
        title, style, title_index, consumed = heading
        if style not in styles:
            styles.append(style)
        level = min(styles.index(style) + 1, 6)
        out.append((f"{'#' * level} {title}", title_index + 1))
        i += consumed
    return out


def _rst_heading_at(src: list[str], i: int) -> tuple[str, tuple[str, bool], int, int] | None:
    """Return (title, (char, overlined), index of the title line, lines consumed) if a section title starts at i."""
    over = _ADORNMENT.match(src[i])
    if over and i + 2 < len(src):
        title = src[i + 1].strip()
        under = _ADORNMENT.match(src[i + 2])
        if title and under and under.group(1) == over.group(1):
            return title, (over.group(1), True), i + 1, 3
    if i + 1 < len(src) and src[i].strip() and not src[i].startswith((" ", "\t")):
        under = _ADORNMENT.match(src[i + 1])
        if under and len(src[i + 1].rstrip()) >= len(src[i].rstrip()):
            return src[i].strip(), (under.group(1), False), i, 2
    return None


_BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav ul ol dl dt dd table tr blockquote figure "  # noqa: SIM905
    "figcaption form fieldset details summary hr pre h4 h5 h6".split()
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "svg"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3}


class _HtmlToLines(HTMLParser):
    """Collect text as lines; h1–h3 become ``#`` headings, block tags start new lines, ``<li>`` becomes ``- ``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.title = ""
        self._buf: list[str] = []
        self._buf_line = 0
        self._skip = 0
        self._pre = 0
        self._in_title = False
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _HEADINGS:
            self._flush(blank=True)
            self._heading = _HEADINGS[tag]
        elif tag == "li":
            self._flush()
            self._add("- ")
        elif tag == "br":
            self._flush()
        elif tag in _BLOCK_TAGS:
            self._flush(blank=True)
            if tag == "pre":
                self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _HEADINGS:
            self._flush(blank=True)
            self._heading = 0
        elif tag in _BLOCK_TAGS or tag == "li":
            self._flush(blank=tag != "li")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data.strip()
        elif not self._skip:
            if self._pre:
                self._add_pre(data)
            else:
                self._add(data)

    def _add(self, data: str) -> None:
        if not self._buf:
            if not data.strip():
                return
            # getpos() is where this data starts; leading newlines belong to the previous line.
            self._buf_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self._buf.append(data)

    def _add_pre(self, data: str) -> None:
        """Preformatted text keeps its own line breaks, each mapped to its own source line."""
        start = self.getpos()[0]
        parts = data.split("\n")
        for offset, part in enumerate(parts):
            if offset:
                self._flush()
            if part.strip():
                if not self._buf:
                    self._buf_line = start + offset
                self._buf.append(part)

    def _flush(self, *, blank: bool = False) -> None:
        text = "".join(self._buf)
        self._buf = []
        text = text.rstrip() if self._pre else " ".join(text.split())
        if text and text != "-":
            prefix = "#" * self._heading + " " if self._heading else ""
            self.lines.append((prefix + text, self._buf_line))
        if blank and self.lines and self.lines[-1][0]:
            self.lines.append(("", self.lines[-1][1]))

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_lines(text: str) -> tuple[list[Line], str]:
    """Return the lines and the ``<title>`` (empty when there is none)."""
    parser = _HtmlToLines()
    parser.feed(text)
    parser.close()
    return parser.lines, parser.title

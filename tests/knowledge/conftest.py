"""Fixtures for the knowledge layer: a small corpus on disk in every format, and a fresh index per test.

The root conftest already gives each test its own COACH_DATA_DIR, COACH_EMBEDDER=hash and a network guard.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.knowledge import KnowledgeBase
from assistant.knowledge.embeddings import HashEmbedder, Vectors

ON_CALL = """---
title: On-call and Incidents
type: process
owner: Aisha
---

# On-call and Incidents

How the rotation works and how we escalate.

## Rotation

The rotation is weekly with a primary and a secondary, handing off on Monday.

## Escalation

The primary acknowledges a SEV2 page within 15 minutes. If a SEV2 is not mitigated within 30 minutes,
escalate to the engineering manager.

### After hours

Pages between midnight and six mean the next morning off.
"""

ADR = """# 0001. Use PostgreSQL for the ledger

## Context

We need strong transactional guarantees for ledger entries.

## Decision

We use PostgreSQL 16 with monthly partitions.
"""

STATUS = """# Status 2026-11-20

## Highlights

Instant payouts beta reached ten merchants.
"""

RST = """=============
Release Guide
=============

Intro line.

Canary
======

Deploy to a canary first and watch error rates.

Rollback
--------

Roll back with one command.
"""

HTML = """<html><head><title>Security Basics</title><style>p {color: red}</style></head>
<body>
<h1>Security Basics</h1>
<p>Keep secrets in the vault.</p>
<h2>Handling secrets</h2>
<p>Rotate a leaked API key
within one hour.</p>
<script>var x = "not text";</script>
<ul><li>Never paste keys in chat</li><li>Use the vault CLI</li></ul>
</body></html>
"""


def make_pdf(pages: Sequence[str], title: str | None = None) -> bytes:
    """A minimal valid PDF with one line of Helvetica text per page (xref offsets computed, so pypdf reads it)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # pages dict filled in below
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info_id = None
    if title:
        objects.append(f"<< /Title ({title}) >>".encode())
        info_id = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1) + (b" /Info %d 0 R" % info_id if info_id else b"")
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    files = {
        "handbook/on-call.md": ON_CALL,
        "adr/0001-postgres.md": ADR,
        "status/2026-11-20.md": STATUS,
        "handbook/release.rst": RST,
        "handbook/security.html": HTML,
        "notes.txt": "Team lunch is on Thursdays.\n\nBring your own mug.\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "handbook/budget.pdf").write_bytes(make_pdf(["Travel budget is 500 euros", "Ask Priya first"], "Budget"))
    return root


@pytest.fixture
def settings() -> Settings:
    return load_settings()


@pytest.fixture
def kb(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase(settings)


class CountingEmbedder(HashEmbedder):
    """The hash embedder, counting how many texts it embedded (to prove unchanged files are not re-embedded)."""

    def __init__(self, dim: int = 384, name: str = "hash") -> None:
        super().__init__(dim)
        self.calls = 0
        self.texts = 0
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        self.texts += len(texts)
        return super().embed(texts)


@pytest.fixture
def counting() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture(autouse=True)
def _close_chroma() -> Iterator[None]:
    """Chroma keeps one system per data dir for the whole process; drop them so tests do not pile them up."""
    yield
    if "chromadb" in sys.modules:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()

"""The app caches its service per process; each test here has its own data directory and model settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

ROOT = Path(__file__).resolve().parents[2]


def handbook_copies(folder: Path, tag: str, copies: int) -> Path:
    """``copies`` renamed copies of the sample handbook in ``folder``: enough files for an ingest to take a while."""
    folder.mkdir()
    for number in range(copies):
        for source in sorted((ROOT / "knowledge" / "handbook").glob("*.md")):
            text = source.read_text(encoding="utf-8").replace("# ", f"# {tag} {number} ", 1)
            (folder / f"{source.stem}-{number}.md").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _fresh_service() -> None:
    st.cache_resource.clear()

"""Shared by the page tests: the app's path, and a fresh service per test (Streamlit caches it per process; each
test has its own fake fixtures and data directory)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

APP = str(Path(__file__).resolve().parents[2] / "ui" / "app.py")


@pytest.fixture(autouse=True)
def _fresh_service() -> None:
    st.cache_resource.clear()

"""The app caches its service per process; each test here has its own data directory and model settings."""

from __future__ import annotations

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def _fresh_service() -> None:
    st.cache_resource.clear()

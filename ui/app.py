"""Entry point: `streamlit run ui/app.py`. Declares the pages; each page is a small script in ui/views/. (Not
ui/pages/: Streamlit lists a pages/ folder on its own, and the screenshots showed "app, chat, feedback" there.)"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# Streamlit puts ui/ on sys.path; the repo root is needed to import the `ui` package itself.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

st.set_page_config(page_title="Tech Lead Coach", page_icon="🧭", layout="wide")
PAGES = Path(__file__).resolve().parent / "views"
navigation = st.navigation(
    [
        st.Page(PAGES / "chat.py", title="Coach chat", icon="💬", default=True),
        st.Page(PAGES / "sbi.py", title="Feedback coach", icon="🎯", url_path="feedback"),
        st.Page(PAGES / "rehearse.py", title="Rehearse a 1:1", icon="🎭", url_path="rehearse"),
        st.Page(PAGES / "status.py", title="Status update", icon="📣", url_path="status"),
        st.Page(PAGES / "adr.py", title="Decision record", icon="🏛️", url_path="adr"),
    ]
)
navigation.run()

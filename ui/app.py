"""Entry point: `streamlit run ui/app.py`. Declares the pages; each page is a small script in ui/views/. (Not
ui/pages/: Streamlit lists a pages/ folder on its own, and the screenshots showed "app, chat, feedback" there.)"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# Streamlit puts ui/ on sys.path; the repo root is needed to import the `ui` package itself. Once: this script runs
# again on every interaction, and the page scripts in views/ run in the same interpreter.
ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from ui.example import PAGES  # noqa: E402
from ui.lifecycle import watch_for_stop  # noqa: E402

# SIGTERM and Ctrl-C stop the server within seconds even in the middle of an answer (ui/lifecycle.py).
watch_for_stop()
st.set_page_config(page_title="Tech Lead Coach", page_icon="🧭", layout="wide")
navigation = st.navigation(
    {
        "": [st.Page(PAGES["home"], title="Home", icon="🏠", default=True)],
        "Coach": [
            st.Page(PAGES["chat"], title="Coach chat", icon="💬", url_path="chat"),
            st.Page(PAGES["feedback"], title="Feedback coach", icon="🎯", url_path="feedback"),
            st.Page(PAGES["rehearse"], title="Rehearse a 1:1", icon="🎭", url_path="rehearse"),
            st.Page(PAGES["status"], title="Status update", icon="📣", url_path="status"),
            st.Page(PAGES["adr"], title="Decision record", icon="🏛️", url_path="adr"),
        ],
        "Workspace": [
            st.Page(PAGES["knowledge"], title="Knowledge", icon="📚", url_path="knowledge"),
            st.Page(PAGES["evals"], title="Evals", icon="📊", url_path="evals"),
            st.Page(PAGES["settings"], title="Settings", icon="⚙️", url_path="settings"),
        ],
    }
)
navigation.run()

"""Settings page: the model (the embedded one, Ollama, or any litellm model with a base URL), the temperature and the
data directory, saved into coach.toml (validated before the file is replaced); and `coach doctor`'s checks. API keys
stay in the environment (COACH_API_KEY), never in a file."""

from __future__ import annotations

import streamlit as st

from assistant.config import DEFAULT_LOCAL_MODEL, config_file, load_settings
from assistant.config_file import hidden_by_env, save
from assistant.errors import CoachError
from ui.common import get_service, show_error, sidebar

KINDS = {
    "Embedded (on this machine)": "local",
    "Ollama (on this machine or your server)": "ollama",
    "Any litellm model (OpenAI, Anthropic, a litellm proxy…)": "other",
}

service = get_service()
sidebar(service)
settings = service.settings
st.title("Settings")
st.caption(f"Saved in `{config_file().resolve()}`. Environment variables (COACH_*) win over the file.")

current = "local" if settings.is_local else "ollama" if settings.provider == "ollama" else "other"
with st.form("settings"):
    kind = st.radio("Model", list(KINDS), index=list(KINDS.values()).index(current), key="set_kind")
    model = st.text_input(
        "litellm model name",
        value=settings.model,
        key="set_model",
        help="local/qwen2.5-coder-1.5b-instruct (embedded), ollama/llama3.1, openai/gpt-4o-mini, anthropic/…",
    )
    api_base = st.text_input(
        "Base URL (Ollama, an OpenAI-compatible server or a litellm proxy; empty for the provider's default)",
        value=settings.api_base or "",
        key="set_api_base",
        placeholder="http://localhost:11434",
    )
    temperature = st.slider("Temperature", 0.0, 1.0, float(settings.temperature), 0.05, key="set_temperature",
                            help="Lower is steadier; the skills set their own where it matters.")  # fmt: skip
    data_dir = st.text_input("Data directory (index, conversations, feedback log, reports)",
                             value=str(settings.data_dir), key="set_data_dir")  # fmt: skip
    saved = st.form_submit_button("Save", type="primary")

if saved:
    chosen = KINDS[kind]
    name = model.strip()
    if chosen == "local" and not name.startswith("local/"):
        name = DEFAULT_LOCAL_MODEL
    elif chosen == "ollama" and not name.startswith("ollama/"):
        name = "ollama/" + name.split("/", 1)[-1]
    try:
        save({"model": name, "api_base": api_base.strip() or None, "temperature": temperature,
                    "data_dir": data_dir.strip()})  # fmt: skip
    except CoachError as exc:
        show_error(exc)  # nothing was written; the form keeps what was typed
    else:
        st.cache_resource.clear()  # the next page load builds the service on the new settings
        st.success(f"Saved. The coach now uses `{load_settings().model}`.")
        if hidden := hidden_by_env():
            st.warning("These are set by environment variables, which win over the file: "
                       + ", ".join(f"COACH_{key.upper()}" for key in hidden))  # fmt: skip

if settings.api_key is None and not settings.is_local and settings.provider not in {"ollama", "fake"}:
    st.info("A hosted model needs a key: set COACH_API_KEY (or the provider's own variable) before `make run`.")

st.subheader("Doctor")
try:
    report = service.doctor()
except CoachError as exc:
    show_error(exc)
    st.stop()
ok = "✅" if report["model_ok"] else "❌"
st.markdown(f"{ok} **Model** `{report['model']}`")
if report["model_file"]:
    file = report["model_file"]
    st.caption(f"File {file['path']}: {'verified' if file['verified'] else file['problem']}")
llama = report["llama_cpp"]
llama_text = llama["version"] or "not installed (make run builds it)"
st.markdown(f"{'✅' if llama['installed'] else 'ℹ️'} **llama.cpp** {llama_text}")
st.markdown(f"{'✅' if report['data_dir_writable'] else '❌'} **Data directory** `{report['data_dir']}`")
index = report["chroma_url"] or "local files in the data directory"
st.markdown(f"✅ **Embedder** {report['embedder']}, index: {index}")
network = report["network"]
if network["offline"]:
    st.markdown("✅ **Network**: none, everything runs on this machine")
else:
    st.markdown("ℹ️ **Network**: " + "; ".join(network["uses"]))
if not report["model_ok"]:
    st.error("The model is not ready: run `make model` (or `coach model assemble`), or choose another model above.")

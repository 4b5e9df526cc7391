"""`coach doctor`'s findings, shared by the CLI and the Settings page: what is configured, what is ready, and whether
anything would use the network."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from typing import Any
from urllib.parse import urlparse

from assistant.config import Settings

_LOOPBACK = {"localhost", "127.0.0.1", "::1", ""}


def _is_remote(url: str | None) -> bool:
    if not url:
        return False
    host = urlparse(url if "://" in url else f"http://{url}").hostname or ""
    return host not in _LOOPBACK and not host.startswith("127.")


def network_uses(model: str, api_base: str | None, chroma_url: str | None) -> list[str]:
    uses = []
    provider = model.split("/", 1)[0]
    if provider not in {"local", "fake"} and (api_base is None or _is_remote(api_base)):
        uses.append(f"model calls go to {api_base or provider + ' (hosted)'}")
    if _is_remote(chroma_url):
        uses.append(f"the document index is on {chroma_url}")
    return uses


def _llama_cpp() -> dict[str, Any]:
    if importlib.util.find_spec("llama_cpp") is None:
        return {"installed": False, "version": None}
    return {"installed": True, "version": importlib.metadata.version("llama-cpp-python")}


def collect(cfg: Settings) -> dict[str, Any]:
    """What `coach doctor` and the Settings page show: the model and whether it is ready, the data directory, the
    index, and every way the configuration would use the network."""
    from assistant.llm import model_files

    report: dict[str, Any] = {
        "model": cfg.model,
        "api_base": cfg.api_base,
        "data_dir": str(cfg.data_dir),
        "data_dir_writable": os.access(cfg.ensure_data_dir(), os.W_OK),
        "model_dir": str(cfg.model_dir),
        "llama_cpp": _llama_cpp(),
        "litellm_local_cost_map": True,  # forced by assistant.llm before litellm is imported
        "chroma_telemetry": False,
        "embedder": cfg.embedder,
        "chroma_url": cfg.chroma_url,
    }
    if cfg.is_local:
        status = model_files.status(cfg.model_dir, cfg.model.split("/", 1)[1])
        report["model_file"] = status.model_dump()
        report["model_ok"] = status.verified and report["llama_cpp"]["installed"]
    else:
        report["model_file"] = None
        report["model_ok"] = True  # a remote model's health is only known by calling it: `coach ask`
    uses = network_uses(cfg.model, cfg.api_base, cfg.chroma_url)
    report["network"] = {"offline": not uses, "uses": uses}
    return report

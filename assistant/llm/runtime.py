"""Importing litellm safely and registering our in-process providers (``local/…`` and ``fake/…``)."""

from __future__ import annotations

import os
import threading
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.config import Settings

_lock = threading.Lock()


def import_litellm() -> ModuleType:
    # Also set in assistant/llm/__init__.py; repeated here because this is the function's whole contract.
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    import litellm

    litellm.telemetry = False
    litellm.suppress_debug_info = True
    return litellm


def register_providers(settings: Settings) -> Any:
    """Register the embedded and fake providers; idempotent, and refreshed when settings change."""
    litellm: Any = import_litellm()
    from assistant.llm.fake import FakeProvider
    from assistant.llm.local import LlamaCppProvider

    with _lock:
        handlers = {item["provider"]: item["custom_handler"] for item in litellm.custom_provider_map}
        local = handlers.get("local")
        if not isinstance(local, LlamaCppProvider):
            local = LlamaCppProvider()
        local.configure(settings)
        fake = handlers.get("fake")
        if not isinstance(fake, FakeProvider):
            fake = FakeProvider()
        fake.configure_from_env()
        others = [item for item in litellm.custom_provider_map if item["provider"] not in {"local", "fake"}]
        litellm.custom_provider_map = [
            *others,
            {"provider": "local", "custom_handler": local},
            {"provider": "fake", "custom_handler": fake},
        ]
        from litellm.utils import custom_llm_setup

        custom_llm_setup()  # type: ignore[no-untyped-call]
    return litellm

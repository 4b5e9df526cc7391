"""What the model benchmarks share: the service they drive (with the sample knowledge indexed privately, MiniLM as
shipped) and the provider's loaded ``Llama``, whose counters and prompt cache they read and reset."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def loaded_llama(service: Any) -> Any:
    """The provider's own loaded ``Llama``, to read and reset llama.cpp's counters and cached prompt."""
    import litellm

    service.llm._client()  # registers the providers (done lazily on the first call otherwise)
    provider = next(p["custom_handler"] for p in litellm.custom_provider_map if p["provider"] == "local")
    return provider._llm(service.settings.model)


def bench_service(settings: Any, llm: Any) -> Any:
    """The same ``CoachService`` the CLI uses, over ``llm`` (a gateway that records what a benchmark needs)."""
    from assistant.evals.workspace import eval_retriever
    from assistant.service import CoachService

    retriever = eval_retriever(settings, Path("knowledge").resolve(), "minilm")
    return CoachService(settings, llm=llm, retriever=retriever, checkpointer="memory")


def recording_gateway(settings: Any) -> Any:
    """The gateway, keeping each call's prompt (``prompts``) and prompt size (``calls``) for the benchmark to read."""
    from assistant.llm.gateway import Completion, LLMGateway
    from assistant.prompts import RenderedPrompt

    class RecordingGateway(LLMGateway):
        def __init__(self, settings: Any) -> None:
            super().__init__(settings)
            self.prompts: list[RenderedPrompt] = []
            self.calls: list[int] = []

        def complete(self, prompt: RenderedPrompt, **kw: Any) -> Completion:
            self.prompts.append(prompt)
            out = super().complete(prompt, **kw)
            self.calls.append(out.prompt_tokens)
            return out

    return RecordingGateway(settings)


def forget(llama: Any) -> None:
    """A cold start: llama.cpp's context and the saved prompt states (``prompt_cache_mb``) both forgotten, so the next
    call evaluates its whole prompt."""
    llama.reset()
    if llama.cache is not None:
        llama.set_cache(type(llama.cache)(llama.cache.capacity_bytes))

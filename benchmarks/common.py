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


def timed_service(settings: Any) -> Any:
    """A ``CoachService`` whose gateway records each call's prompt tokens (``llm.calls``) and latency (``llm.spent``):
    the model-calls-alone baseline the skill benchmarks divide by."""
    import time

    from assistant.service import CoachService

    gateway = recording_gateway(settings)
    complete = gateway.complete
    gateway.spent = []

    def timed(prompt: Any, **kw: Any) -> Any:
        began = time.perf_counter()
        try:
            return complete(prompt, **kw)
        finally:
            gateway.spent.append(time.perf_counter() - began)

    gateway.complete = timed
    return CoachService(settings, llm=gateway, retriever=None, checkpointer="memory")


def cold_and_warm(one: Any, *, runs: int, prefix: str, out: Any = None) -> dict[str, Any]:
    """Run ``one(service, llama, index, cold=...)`` once to load the model, then ``runs`` times cold (llama.cpp's
    cached prompt forgotten first) and ``runs`` times warm; print and return the medians of every figure."""
    import json
    import os
    import statistics
    import tempfile
    from pathlib import Path

    from assistant.config import load_settings

    settings = load_settings(data_dir=Path(tempfile.mkdtemp(prefix=prefix)))
    service = timed_service(settings)
    warmup = one(service, loaded_llama(service), 0, cold=True)  # loads the model
    llm = loaded_llama(service)
    results: dict[str, Any] = {
        "model": settings.model,
        "load_avg_1m": os.getloadavg()[0],
        "warmup_s": warmup["total_s"],
    }
    for mode in ("cold", "warm"):
        measured = [one(service, llm, i + 1, cold=mode == "cold") for i in range(runs)]
        results[mode] = {key: statistics.median(r[key] for r in measured) for key in measured[0]}
        results[mode + "_runs"] = measured
    results["load_avg_1m_end"] = os.getloadavg()[0]
    print(f"model {results['model']}; load average {results['load_avg_1m']:.1f} -> {results['load_avg_1m_end']:.1f}")
    print(f"{'p50 of runs':<24}{'cold':>10}{'warm':>10}")
    for key in results["cold"]:
        print(f"{key:<24}{results['cold'][key]:>10.2f}{results['warm'][key]:>10.2f}")
    if out:
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def timed_run(
    service: Any, llm: Any, skill: str, request: dict[str, Any], *, cold: bool
) -> tuple[Any, dict[str, float]]:
    """One run of ``skill`` through ``service`` (a ``timed_service``): its result and the figures every skill
    benchmark reports (end to end, the model calls alone, their ratio, the first prompt's tokens, the calls)."""
    import time

    from assistant.service import ResultEvent

    if cold:
        forget(llm)
    service.llm.calls, service.llm.spent = [], []
    start = time.perf_counter()
    result = None
    for event in service.run(skill, request, f"bench-{time.time_ns()}"):
        if isinstance(event, ResultEvent):
            result = event.output
    total = time.perf_counter() - start
    model = sum(service.llm.spent)
    return result, {
        "total_s": total,
        "model_s": model,
        "ratio_total_to_model": total / model if model else float("nan"),
        "prompt_tokens": float(service.llm.calls[0] if service.llm.calls else 0),
        "model_calls": float(len(service.llm.calls)),
    }

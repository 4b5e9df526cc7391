"""The embedded model: llama.cpp in-process, registered in litellm as the custom provider ``local``.

One ``Llama`` per process behind a lock, because a llama.cpp context is not thread-safe. Loading happens at the
first call, not at import, so the CLI stays fast.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litellm.llms.custom_llm import CustomLLM
from litellm.types.utils import GenericStreamingChunk, ModelResponse

from assistant.llm import cancel, model_files

if TYPE_CHECKING:
    from assistant.config import Settings

_PASSED_THROUGH = ("max_tokens", "temperature", "top_p", "seed", "stop")


def translate_response_format(response_format: Any) -> dict[str, Any] | None:
    """llama-cpp-python ignores OpenAI's ``json_schema`` shape and would generate free text; its own
    ``{"type": "json_object", "schema": …}`` becomes a grammar, which guarantees valid JSON in the schema."""
    if not isinstance(response_format, dict):
        return None
    if response_format.get("type") == "json_schema":
        schema = response_format.get("json_schema", {}).get("schema")
        return {"type": "json_object", "schema": schema} if schema else {"type": "json_object"}
    if response_format.get("type") == "json_object":
        return response_format
    return None


def _stoppable(generate: Any) -> Any:
    """``Llama.generate`` that gives up between two tokens once the run's stop event is set. llama.cpp has no cancel
    call, and a logits processor cannot stop it (it runs as a C callback, which swallows the exception: tried); the
    token loop is Python, so ``Stopped`` raised there ends the call and frees the lock. The prompt's own evaluation
    cannot be cut short: a stop during it takes effect at the first token."""

    def run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        event = cancel.current()
        for token in generate(*args, **kwargs):
            cancel.check(event)
            yield token

    return run


def compact_cache(capacity_bytes: int) -> Any:
    """llama-cpp-python's RAM cache, holding to its budget. Its saved state carries a copy of the logits of the last
    batch (512 rows of the vocabulary: 311 MB for Qwen2.5) that its size does not count, so a 1 GB cache held 14 GB
    in a long eval run. The state is decoded again before sampling (``load_state`` sets ``_requires_eval``), so one row
    is all it needs; and the size now counts everything kept."""
    from llama_cpp.llama_cache import LlamaRAMCache

    class CompactRAMCache(LlamaRAMCache):  # type: ignore[misc, unused-ignore]
        @property
        def cache_size(self) -> int:
            return sum(
                int(s.llama_state_size) + int(s.scores.nbytes) + int(s.input_ids.nbytes)
                for s in self.cache_state.values()
            )

        def __setitem__(self, key: Any, value: Any) -> None:
            value.scores = value.scores[-1:].copy()  # load_state broadcasts it over the restored rows
            super().__setitem__(key, value)

    return CompactRAMCache(capacity_bytes=capacity_bytes)


class LlamaCppProvider(CustomLLM):
    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._llms: dict[str, Any] = {}
        self._model_dir: Path | None = None
        self._n_ctx = 4096
        self._n_threads = 2
        self._cache_mb = 0

    def configure(self, settings: Settings) -> None:
        self._model_dir = settings.model_dir
        self._n_ctx = settings.n_ctx
        self._n_threads = settings.n_threads
        self._cache_mb = settings.prompt_cache_mb

    def _llm(self, model: str) -> Any:
        name = model.split("/", 1)[-1]
        if name not in self._llms:
            if self._model_dir is None:
                raise RuntimeError("local provider used before configure()")
            path = model_files.require_verified(self._model_dir, name)
            from llama_cpp import Llama

            if not self._llms:
                # Closing explicitly avoids llama-cpp-python's noisy TypeError from __del__ at interpreter exit.
                atexit.register(self.close)
            llm = Llama(model_path=str(path), n_ctx=self._n_ctx, n_threads=self._n_threads, verbose=False)
            llm.generate = _stoppable(llm.generate)  # type: ignore[method-assign, unused-ignore]  # Stop (llm/cancel.py)
            if self._cache_mb:
                # llama.cpp keeps one prompt in its context: a rehearsal turn alternates the turn reader's prompt and
                # the counterpart's, and each switch re-read the other's whole prefix (20-26 s measured). Saved states
                # let a prompt resume from its longest cached prefix instead.
                llm.set_cache(compact_cache(self._cache_mb << 20))
            self._llms[name] = llm
        return self._llms[name]

    def close(self) -> None:
        with self._lock:
            for llm in self._llms.values():
                llm.close()
            self._llms.clear()

    @staticmethod
    def _kwargs(optional_params: dict[str, Any] | None) -> dict[str, Any]:
        params = optional_params or {}
        kwargs = {key: params[key] for key in _PASSED_THROUGH if params.get(key) is not None}
        response_format = translate_response_format(params.get("response_format"))
        if response_format:
            kwargs["response_format"] = response_format
        return kwargs

    def completion(self, model: str, messages: list[Any], *args: Any, **kwargs: Any) -> ModelResponse:
        params = self._kwargs(kwargs.get("optional_params"))
        with self._lock:
            cancel.check(cancel.current())  # stopped while waiting for the model: do not start
            result = self._llm(model).create_chat_completion(messages=messages, **params)
        return ModelResponse(**result)

    def streaming(self, model: str, messages: list[Any], *args: Any, **kwargs: Any) -> Iterator[GenericStreamingChunk]:
        params = self._kwargs(kwargs.get("optional_params"))
        with self._lock:
            cancel.check(cancel.current())
            llm = self._llm(model)
            produced = 0
            finish = "stop"
            for chunk in llm.create_chat_completion(messages=messages, stream=True, **params):
                choice = chunk["choices"][0]
                text = choice.get("delta", {}).get("content") or ""
                finish = choice.get("finish_reason") or finish
                if text:
                    produced += 1
                    yield GenericStreamingChunk(text=text, is_finished=False, finish_reason="", usage=None, index=0)
            # A stream chunk carries one token, and n_tokens counts prompt + generated tokens in the context.
            usage = {
                "prompt_tokens": max(llm.n_tokens - produced, 0),
                "completion_tokens": produced,
                "total_tokens": llm.n_tokens,
            }
            yield GenericStreamingChunk(text="", is_finished=True, finish_reason=finish, usage=usage, index=0)  # type: ignore[typeddict-item]

    async def acompletion(self, model: str, messages: list[Any], *args: Any, **kwargs: Any) -> ModelResponse:
        return await asyncio.to_thread(self.completion, model, messages, *args, **kwargs)

    async def astreaming(  # type: ignore[override]
        self, model: str, messages: list[Any], *args: Any, **kwargs: Any
    ) -> AsyncIterator[GenericStreamingChunk]:
        for chunk in await asyncio.to_thread(lambda: list(self.streaming(model, messages, *args, **kwargs))):
            yield chunk

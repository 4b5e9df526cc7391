"""The LLM gateway: the one way the rest of the app calls a model.

``complete`` (optionally streaming tokens to a callback), ``stream`` (a token iterator) and ``structured`` (JSON
validated against a pydantic schema, re-asked once with the validation error). Transient failures (timeouts,
connection errors, 429, 5xx) are retried with backoff; client errors are not. Every call is logged.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from assistant import privacy
from assistant.config import Settings
from assistant.errors import CoachError, LLMError
from assistant.llm import cancel
from assistant.llm.calllog import CallLog
from assistant.llm.fake_marker import FAKE_MISS_MARKER
from assistant.llm.protocol import (
    Completion,
    Structured,
    TokenSink,
    parse_json_reply,
    response_format_for,
    structured_reply,
)
from assistant.prompts import RenderedPrompt

M = TypeVar("M", bound=BaseModel)
# Re-exported: callers and tests import these from the gateway too.
__all__ = ["Completion", "LLMGateway", "Structured", "TokenSink", "parse_json_reply", "response_format_for"]

_RETRYABLE_NAMES = {
    "Timeout", "APIConnectionError", "RateLimitError", "InternalServerError", "ServiceUnavailableError", "EmptyReply",
}  # fmt: skip
MAX_BACKOFF_S = 20.0


class EmptyReply(Exception):
    """The provider answered with nothing: a hiccup worth one more try, never an answer to show."""


def backoff_s(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """Exponential backoff with jitter (half fixed, half random), so clients that failed together (a 429 from a
    shared proxy) do not all come back at the same moment."""
    ceiling = min(2.0 ** (attempt - 1), MAX_BACKOFF_S)
    return ceiling / 2 + rand() * ceiling / 2


def is_retryable(exc: BaseException) -> bool:
    # litellm wraps exceptions raised inside a custom provider, so a replay miss is recognised by its text.
    if FAKE_MISS_MARKER in str(exc):
        return False
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and (status == 429 or status >= 500):
        return True
    return any(cls.__name__ in _RETRYABLE_NAMES for cls in type(exc).__mro__)


class LLMGateway:
    def __init__(
        self,
        settings: Settings,
        *,
        call_log: CallLog | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.log = call_log or CallLog(settings.data_dir / "logs" / "llm-calls.jsonl", include_text=settings.debug)
        self._sleep = sleep
        self._litellm: Any = None
        self._own_shield: privacy.Shield | None = None  # for calls made outside a service run

    @property
    def model(self) -> str:
        return self.settings.model

    def _client(self) -> Any:
        if self._litellm is None:
            if self.settings.is_local:
                from assistant.llm import model_files

                model_files.require_verified(self.settings.model_dir, self.settings.model.split("/", 1)[1])
            from assistant.llm.runtime import register_providers

            self._litellm = register_providers(self.settings)
        return self._litellm

    def _params(self, overrides: dict[str, Any]) -> dict[str, Any]:
        s = self.settings
        params: dict[str, Any] = {
            "model": s.model,
            "temperature": s.temperature,
            "max_tokens": s.max_tokens,
            "timeout": s.request_timeout,
            "seed": s.seed,
            "num_retries": 0,  # retries are ours, so they are logged and bounded by settings
        }
        if s.api_base:
            params["api_base"] = s.api_base
        if s.api_key:
            params["api_key"] = s.api_key.get_secret_value()
        params.update({k: v for k, v in overrides.items() if v is not None})
        return params

    def _once(
        self, messages: list[dict[str, str]], params: dict[str, Any], on_token: TokenSink | None
    ) -> tuple[str, int, int]:
        litellm = self._client()
        if on_token is None:
            result = litellm.completion(messages=messages, **params)
            usage = getattr(result, "usage", None)
            text = str(result.choices[0].message.content or "")
            return text, getattr(usage, "prompt_tokens", 0) or 0, getattr(usage, "completion_tokens", 0) or 0
        parts: list[str] = []
        prompt_tokens = completion_tokens = 0
        for chunk in litellm.completion(
            messages=messages, stream=True, stream_options={"include_usage": True}, **params
        ):
            delta = chunk.choices[0].delta.content if chunk.choices else None
            if delta:
                parts.append(delta)
                on_token(delta)
            usage = getattr(chunk, "usage", None)
            if usage:
                prompt_tokens = usage.prompt_tokens or prompt_tokens
                completion_tokens = usage.completion_tokens or completion_tokens
        return "".join(parts), prompt_tokens, completion_tokens

    def _shield(self) -> privacy.Shield | None:
        """The run's pseudonymiser when privacy applies to this model (docs/privacy.md), else None."""
        if not self.settings.privacy_applies:
            return None
        shield = privacy.current()
        if shield is None:
            if self._own_shield is None:
                detector = privacy.Detector(self.settings.privacy_roster, self.settings.employee_id_pattern)
                self._own_shield = privacy.Shield(privacy.Pseudonymiser(detector), self.model)
            shield = self._own_shield
        return shield

    def _shielded_once(
        self,
        shield: privacy.Shield | None,
        messages: list[dict[str, str]],
        params: dict[str, Any],
        on_token: TokenSink | None,
    ) -> tuple[str, int, int]:
        """``_once`` with placeholders put back into the streamed tokens. The text returned keeps its placeholders:
        it is what the model wrote, and what the call log may hold."""
        if shield is None or on_token is None:
            return self._once(messages, params, on_token)
        restorer = shield.restorer(on_token, json_strings="response_format" in params)
        result = self._once(messages, params, restorer)
        restorer.close()
        return result

    def complete(self, prompt: RenderedPrompt, *, on_token: TokenSink | None = None, **overrides: Any) -> Completion:
        params = self._params(overrides)
        shield = self._shield()  # the model and the call log see placeholders, the caller the original text
        messages = shield.mask_messages(prompt.as_dicts()) if shield else prompt.as_dicts()
        emitted = False

        def sink(token: str) -> None:
            nonlocal emitted
            emitted = True
            if on_token:
                on_token(token)

        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            record: dict[str, Any] = {
                "prompt_id": prompt.id,
                "prompt_version": prompt.version,
                "model": params["model"],
                "attempt": attempt,
            }
            stop = cancel.current()
            try:
                cancel.check(stop)  # stopped before this attempt (a retry, or a call queued behind another)
                text, p_tok, c_tok = self._shielded_once(shield, messages, params, sink if on_token else None)
                if not text.strip():
                    raise EmptyReply("the model returned an empty reply")
            except CoachError:
                raise
            except Exception as exc:
                latency = time.perf_counter() - started
                self.log.write(
                    {
                        **record,
                        "ok": False,
                        "latency_s": round(latency, 3),
                        "error": f"{type(exc).__name__}: {exc}"[:500],
                    },
                    messages=messages,
                )
                cancel.check(stop)  # the provider gave up because the lead pressed Stop: no retry
                # A stream that already showed tokens cannot be retried without duplicating text on screen.
                if is_retryable(exc) and attempt <= self.settings.retries and not emitted:
                    self._sleep(backoff_s(attempt))
                    continue
                raise self._as_llm_error(exc, attempt) from exc
            latency = time.perf_counter() - started
            self.log.write(
                {
                    **record,
                    "ok": True,
                    "latency_s": round(latency, 3),
                    "prompt_tokens": p_tok,
                    "completion_tokens": c_tok,
                },
                messages=messages,
                reply=text,
            )
            return Completion(
                text=shield.restore(text, json_strings="response_format" in params) if shield else text,
                model=params["model"],
                prompt_id=prompt.id,
                prompt_version=prompt.version,
                prompt_tokens=p_tok,
                completion_tokens=c_tok,
                latency_s=latency,
                attempts=attempt,
            )

    def _as_llm_error(self, exc: BaseException, attempts: int) -> LLMError:
        name = type(exc).__name__
        detail = str(exc).splitlines()[0][:300] if str(exc) else name
        if isinstance(exc, EmptyReply):
            return LLMError(
                f"the model {self.model} returned an empty reply {attempts} time(s)",
                hint="try again; if it keeps happening, check the model with `coach doctor`",
            )
        if "Timeout" in name:
            return LLMError(
                f"the model {self.model} did not answer within {self.settings.request_timeout:.0f} s",
                hint="try again, raise COACH_REQUEST_TIMEOUT, or shorten the input",
            )
        if FAKE_MISS_MARKER in str(exc):
            message = str(exc)[str(exc).index(FAKE_MISS_MARKER) :].split("\n", 1)[0]
            return LLMError(message, hint="record the fixture (see docs/testing.md)")
        tried = f" after {attempts} attempts" if attempts > 1 else ""
        hint = (
            "check that the model server is running and COACH_API_BASE is right"
            if "Connection" in name
            else ("check COACH_MODEL and the provider's credentials")
        )
        return LLMError(f"the model {self.model} failed{tried}: {name}: {detail}", hint=hint)

    def stream(self, prompt: RenderedPrompt, **overrides: Any) -> Iterator[str]:
        """Yield tokens as they arrive; errors are raised from the iterator."""
        tokens: queue.Queue[tuple[str, Any]] = queue.Queue()

        def run() -> None:
            try:
                self.complete(prompt, on_token=lambda t: tokens.put(("token", t)), **overrides)
                tokens.put(("done", None))
            except BaseException as exc:  # handed to the consumer thread
                tokens.put(("error", exc))

        threading.Thread(target=run, daemon=True).start()
        while True:
            kind, value = tokens.get()
            if kind == "token":
                yield value
            elif kind == "error":
                raise value
            else:
                return

    def structured(self, prompt: RenderedPrompt, schema: type[M], **overrides: Any) -> Structured[M]:
        return structured_reply(self.complete, prompt, schema, **overrides)

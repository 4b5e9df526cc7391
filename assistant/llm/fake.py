"""A deterministic model for tests and demos: replays recorded replies and fails loudly on a miss.

Replies are keyed by a hash of the model name and the exact messages, so any change to a prompt, to retrieval or
to the user's text is a miss, never a silently stale answer. With ``COACH_FAKE_RECORD=<litellm model>`` a miss
is answered by that real model and written as a new fixture.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from litellm.llms.custom_llm import CustomLLM
from litellm.types.utils import GenericStreamingChunk, ModelResponse

from assistant.llm.fake_marker import FAKE_MISS_MARKER

DEFAULT_FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "llm"
_RECORDED_PARAMS = ("max_tokens", "temperature", "seed", "stop", "response_format")


# What a provider does when it fails: the first four raise what litellm raises for them; "cut" ends a stream
# halfway (and truncates a non-streamed reply), "badjson" and "empty" are replies no schema accepts.
FAULTS = ("timeout", "refused", "429", "500", "cut", "badjson", "empty")


def raise_fault(kind: str, model: str) -> None:
    from litellm import exceptions as litellm

    provider = "fake"
    if kind == "timeout":
        raise litellm.Timeout(message="the request timed out (injected)", model=model, llm_provider=provider)
    if kind in {"refused", "cut"}:
        raise litellm.APIConnectionError(message=f"connection {kind} (injected)", model=model, llm_provider=provider)
    if kind == "429":
        raise litellm.RateLimitError(message="rate limited (injected)", model=model, llm_provider=provider)
    raise litellm.InternalServerError(message="server error (injected)", model=model, llm_provider=provider)


class FakeMiss(Exception):
    """No recorded reply for these messages. Deliberately not retried by the gateway."""


def fixture_key(model: str, messages: list[dict[str, Any]]) -> str:
    name = model.split("/", 1)[-1]
    canonical = json.dumps(
        {"model": name, "messages": [{"role": m["role"], "content": m["content"]} for m in messages]},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


class FakeProvider(CustomLLM):
    def __init__(self, fixtures_dir: Path | None = None) -> None:
        super().__init__()
        self.fixtures_dir = fixtures_dir or DEFAULT_FIXTURES
        self.record_with: str | None = None
        self.token_delay = 0.0
        self.fault: str | None = None
        self.faults_left = 0
        self.calls: list[dict[str, Any]] = []

    def configure_from_env(self) -> None:
        self.fixtures_dir = Path(os.environ.get("COACH_FAKE_FIXTURES") or DEFAULT_FIXTURES)
        self.record_with = os.environ.get("COACH_FAKE_RECORD") or None
        # Seconds per word, to act like a slow model in process-level tests (a signal sent mid-answer).
        self.token_delay = float(os.environ.get("COACH_FAKE_TOKEN_DELAY") or 0)
        # A provider fault for the first N calls (all when N is unset), to test every entry point's recovery.
        self.fault = os.environ.get("COACH_FAKE_FAULT") or None
        if self.fault and self.fault not in FAULTS:
            raise ValueError(f"COACH_FAKE_FAULT={self.fault!r}: use one of {', '.join(FAULTS)}")
        self.faults_left = int(os.environ.get("COACH_FAKE_FAULT_TIMES") or 1_000_000)

    def _nearest(self, messages: list[dict[str, Any]]) -> str:
        """Name the fixture closest to a miss and the first message that differs, to make misses easy to fix."""
        best: tuple[int, str] = (-1, "")
        for path in self.fixtures_dir.glob("*.json"):
            try:
                recorded = json.loads(path.read_text(encoding="utf-8"))["messages"]
            except (OSError, ValueError, KeyError):
                continue
            same = 0
            for ours, theirs in zip(messages, recorded, strict=False):
                if ours["content"] != theirs.get("content"):
                    break
                same += 1
            if same > best[0]:
                best = (same, path.name)
        if best[0] < 0:
            return "no fixtures recorded yet"
        return f"closest fixture {best[1]} first differs at message {best[0]}"

    def _record(self, model: str, messages: list[dict[str, Any]], params: dict[str, Any], path: Path) -> str:
        from assistant.llm.runtime import import_litellm

        litellm = import_litellm()
        kwargs = {k: params[k] for k in _RECORDED_PARAMS if params.get(k) is not None}
        result = litellm.completion(model=self.record_with, messages=messages, **kwargs)
        reply = str(result.choices[0].message.content or "")
        record = {"model": model, "recorded_from": self.record_with, "messages": messages, "reply": reply}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return reply

    def reply_for(self, model: str, messages: list[dict[str, Any]], params: dict[str, Any]) -> str:
        plain = [{"role": m["role"], "content": m["content"]} for m in messages]
        key = fixture_key(model, plain)
        self.calls.append({"model": model, "messages": plain, "key": key})
        path = self.fixtures_dir / f"{key}.json"
        if path.is_file():
            return str(json.loads(path.read_text(encoding="utf-8"))["reply"])
        if self.record_with:
            return self._record(model, plain, params, path)
        last_user = next((m["content"] for m in reversed(plain) if m["role"] == "user"), "")
        preview = re.sub(r"\s+", " ", last_user)[:120]
        raise FakeMiss(
            f"{FAKE_MISS_MARKER} {key} in {self.fixtures_dir} for user message {preview!r}; "
            f"{self._nearest(plain)}. Record it with COACH_FAKE_RECORD=local/qwen2.5-coder-1.5b-instruct."
        )

    def _think(self, pieces: int) -> None:
        """Wait like a model writing ``pieces`` words, giving up between two of them as the embedded model does."""
        from assistant.llm import cancel

        event = cancel.current()
        for _ in range(pieces if self.token_delay else 0):
            cancel.check(event)
            time.sleep(self.token_delay)

    def _faulty(self) -> str | None:
        if not self.fault or self.faults_left <= 0:
            return None
        self.faults_left -= 1
        return self.fault

    def _reply(self, fault: str | None, model: str, messages: list[Any], kwargs: dict[str, Any]) -> str:
        """The recorded reply, or what the injected fault makes of it (a broken reply needs no recording)."""
        if fault in {"timeout", "refused", "429", "500"}:
            raise_fault(fault, model)
        if fault == "badjson":
            return '{"steps": ["Start with the outcome you need'
        if fault == "empty":
            return ""
        return self.reply_for(model, messages, kwargs.get("optional_params") or {})

    def completion(self, model: str, messages: list[Any], *args: Any, **kwargs: Any) -> ModelResponse:
        fault = self._faulty()
        reply = self._reply(fault, model, messages, kwargs)
        if fault == "cut":
            reply = reply[: len(reply) // 2]
        self._think(len(reply.split()))
        words = max(len(reply.split()), 1)
        return ModelResponse(
            model=model,
            choices=[{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply}}],
            usage={"prompt_tokens": 0, "completion_tokens": words, "total_tokens": words},
        )

    def streaming(self, model: str, messages: list[Any], *args: Any, **kwargs: Any) -> Iterator[GenericStreamingChunk]:
        fault = self._faulty()
        pieces = re.findall(r"\S+\s*|\s+", self._reply(fault, model, messages, kwargs))
        for number, piece in enumerate(pieces):
            if fault == "cut" and number == len(pieces) // 2:
                raise_fault("cut", model)
            self._think(1)
            yield GenericStreamingChunk(text=piece, is_finished=False, finish_reason="", usage=None, index=0)
        usage = {"prompt_tokens": 0, "completion_tokens": len(pieces), "total_tokens": len(pieces)}
        yield GenericStreamingChunk(text="", is_finished=True, finish_reason="stop", usage=usage, index=0)  # type: ignore[typeddict-item]

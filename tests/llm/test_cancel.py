"""The Stop button's seam: a run's stop event reaches the model calls its graph makes (in other threads), a stopped
call is not retried, a connection error after a stop is reported as stopped, and a stream nobody reads any more
stops its run. The embedded model's token loop is checked in the llm tier (tests/smoke)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from assistant.config import load_settings
from assistant.llm import cancel
from assistant.llm.local import _stoppable
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt
from assistant.service import CoachService
from tests.doubles import Retriever
from tests.llm.test_gateway import PROMPT, error, gateway

STEPS = '{"steps": ["Ask how they like to work."]}'


def test_a_stopped_run_makes_no_model_call_and_a_stop_mid_call_is_not_retried() -> None:
    gw, scripted, sleeps = gateway([error("connection"), "never"])
    stop = threading.Event()
    stop.set()
    with cancel.stoppable(stop), pytest.raises(cancel.Stopped):
        gw.complete(PROMPT)
    assert scripted.calls == 0

    gw, scripted, sleeps = gateway([error("connection"), "never"])
    later = threading.Event()

    def fail_after_stop(**kwargs: Any) -> Any:  # the provider gave up because the event was set meanwhile
        later.set()
        raise error("connection")

    scripted.completion = fail_after_stop  # type: ignore[method-assign]
    with cancel.stoppable(later), pytest.raises(cancel.Stopped):
        gw.complete(PROMPT)
    assert sleeps == []  # a connection error is retried, unless the lead stopped the run


def test_the_token_loop_gives_up_between_two_tokens() -> None:
    stop = threading.Event()

    def tokens(*_: Any, **__: Any) -> Any:
        for number in range(100):
            if number == 3:
                stop.set()
            yield number

    with cancel.stoppable(stop):
        seen: list[int] = []
        with pytest.raises(cancel.Stopped):
            for token in _stoppable(tokens)():
                seen.append(token)
    assert seen == [0, 1, 2]


def test_the_graph_threads_see_the_stop_event_and_an_abandoned_stream_sets_it() -> None:
    events: list[threading.Event | None] = []

    def script(prompt: RenderedPrompt) -> str:
        events.append(cancel.current())  # called in a LangGraph worker thread
        return STEPS

    svc = CoachService(load_settings(), llm=ScriptedLLM(script), retriever=Retriever([]), checkpointer="memory")
    list(svc.run("chat", {"message": "How do I start a one-on-one with a new report?"}, "t-read"))
    assert isinstance(events[0], threading.Event) and not events[0].is_set()
    assert svc.stop("t-read") is False  # finished: nothing to stop

    stream = svc.run("chat", {"message": "How do I start a one-on-one with a new report?"}, "t-left")
    next(stream)
    running = svc._stops["t-left"]
    stream.close()  # the page was stopped or left: nobody reads the rest
    assert running.is_set() and "t-left" not in svc._stops

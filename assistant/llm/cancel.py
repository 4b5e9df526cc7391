"""Stopping a model call from outside it: the UI's Stop button. A run carries a ``threading.Event`` in a context
variable (LangGraph copies the context into the threads its nodes run in); the embedded model checks it between
tokens and gives up, so the next request does not wait for an answer nobody will read. Other providers finish the
call (litellm has no cancel for them); their answer is dropped by the page that was stopped."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from contextvars import ContextVar

from assistant.errors import LLMError
from assistant.scope import scoped

_current: ContextVar[threading.Event | None] = ContextVar("coach_stop", default=None)
# Set once when the process is asked to stop (SIGTERM, Ctrl-C): every model call in every thread gives up at its next
# token, so the process can exit instead of waiting for answers nobody will read (assistant/shutdown.py).
_shutting_down = threading.Event()


class Stopped(LLMError):
    """The lead stopped the run; nothing is wrong with the model."""


def current() -> threading.Event | None:
    return _current.get()


def stoppable(event: threading.Event) -> AbstractContextManager[None]:
    """Model calls made inside (and in the threads the graph starts from here) stop when ``event`` is set."""
    return scoped(_current, event)


def shut_down() -> None:
    _shutting_down.set()


def shutting_down() -> bool:
    return _shutting_down.is_set()


def check(event: threading.Event | None) -> None:
    if _shutting_down.is_set():
        raise Stopped("stopped: the coach is shutting down", hint="start it again; your message is kept")
    if event is not None and event.is_set():
        raise Stopped("stopped by the user", hint="send the message again for a new answer")

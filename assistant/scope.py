"""A context variable set for the length of a ``with`` block: how a run hands its stop event (llm/cancel.py) and its
pseudonymiser (privacy/run.py) to the model calls it makes, including those in the threads LangGraph starts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def scoped(var: ContextVar[T], value: T) -> Iterator[None]:
    token = var.set(value)
    try:
        yield
    finally:
        with suppress(ValueError):  # a generator closed from another context: the variable goes with it
            var.reset(token)

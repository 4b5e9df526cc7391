"""Progress for every request: an ``st.status`` box from the moment a request is sent, naming the step the run is
on (retrieving, reading the prompt, drafting, checking, revising) with the seconds so far, ticking while the model
thinks. On two cores the embedded model can take 20-50 s before its first word; an empty bubble for that long read
as a hang."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import streamlit as st

from assistant.service import Event, StepEvent

TICK_S = 1.0


class Progress:
    def __init__(self, label: str) -> None:
        self._start = time.monotonic()
        self._label = label
        self._step_start = self._start
        self.box = st.status(self._text(), expanded=False)
        self._stop = threading.Event()
        self._ticker = _start_ticker(self.tick, self._stop)

    def _text(self) -> str:
        return f"{self._label}… {time.monotonic() - self._start:.0f} s"

    def tick(self) -> None:
        self.box.update(label=self._text())

    def seen(self, event: Event) -> None:
        """Call with every event of the run: a step changes the label and is listed inside the box."""
        if isinstance(event, StepEvent):
            now = time.monotonic()
            self.box.write(f"✓ {self._label} ({now - self._step_start:.1f} s)")
            self._label, self._step_start = event.label, now
            self.tick()

    def stop_ticking(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=2 * TICK_S)

    def finish(self, label: str = "Done", state: Any = "complete") -> None:
        self.stop_ticking()
        self.box.update(label=f"{label} in {time.monotonic() - self._start:.0f} s", state=state)


def _start_ticker(tick: Callable[[], None], stop: threading.Event) -> threading.Thread | None:
    """A thread that redraws the label each second. It needs the page's script context to draw; where there is none
    (a bare test run) the label still changes on every step."""
    from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return None

    def run() -> None:
        while not stop.wait(TICK_S):
            with suppress(Exception):  # the page may have moved on: a missed tick is harmless
                tick()

    thread = threading.Thread(target=run, name="progress-ticker", daemon=True)
    add_script_run_ctx(thread, ctx)
    thread.start()
    return thread


@contextmanager
def working(label: str) -> Iterator[Progress]:
    """``with working("Drafting the update") as progress: for e in events: progress.seen(e)``; an error marks the box
    failed and propagates (the page shows it and keeps the user's text)."""
    progress = Progress(label)
    try:
        yield progress
    except BaseException:  # an error, or Streamlit stopping the run for a click (the stop button)
        progress.stop_ticking()
        with suppress(Exception):
            progress.finish("Stopped", state="error")
        raise
    progress.finish()

"""Stopping the process promptly: SIGTERM or Ctrl-C ends the app within a few seconds at any moment.

Without this, a signal sent during a model call left the UI server alive until the answer was finished (Python
waits for the script and graph threads before it exits), and with the embedded model that could be a minute. Now
the signal first tells every model call to give up at its next token (``cancel.shut_down``), then the usual stop
runs. The model's reading of the prompt cannot be interrupted, so a watchdog ends the process after a short grace
period whatever is still running. That is safe because nothing is kept half-written: checkpoints are SQLite
transactions and files are written atomically (assistant/atomic.py); the lead's unanswered message is already on
disk (assistant/drafts.py).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from assistant.llm import cancel

GRACE_S = 2.5
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_begun = False
_last_words: Callable[[], None] | None = None


def begin(*, exit_code: int = 0, grace_s: float = GRACE_S) -> None:
    """Stop every model call and make sure the process is gone ``grace_s`` seconds from now."""
    global _begun
    cancel.shut_down()
    with _lock:
        if _begun:
            return
        _begun = True

    def watchdog() -> None:
        threading.Event().wait(grace_s)
        _log.warning("still running %.1f s after the stop signal: exiting now", grace_s)
        say_last_words()
        exit_now(exit_code)

    threading.Thread(target=watchdog, name="coach-shutdown-watchdog", daemon=True).start()


def begun() -> bool:
    return _begun


def set_last_words(words: Callable[[], None]) -> None:
    """What to tell the user when the process stops (the CLI: where the request is kept), said once, by whichever
    comes first: the command's own handling of the interrupt, or the watchdog."""
    global _last_words
    _last_words = words


def say_last_words() -> None:
    global _last_words
    with _lock:
        words, _last_words = _last_words, None
    if words is not None:
        with suppress(Exception):  # a courtesy: it must not keep the process from ending
            words()


def exit_now(code: int) -> None:
    """End a stopped command at once, after its last words are out: the graph's threads were told to stop and
    hold nothing that needs them (checkpoints are transactions, the request is on disk), and waiting for them at
    interpreter exit is what used to make a stop slow."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(code)


def install_for_cli() -> None:
    """SIGTERM takes the same path as Ctrl-C: every model call is told to stop and a ``KeyboardInterrupt`` is raised,
    which the command turns into "stopped, your request is kept" (assistant/cli/common.py). Telling the calls first
    matters: the main thread may be waiting on a graph thread that is in the middle of a model call."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum: int, frame: Any) -> None:
        first = not begun()
        begin(exit_code=130)  # one exit code for a stopped command, whichever signal stopped it
        if first:  # a second Ctrl-C while stopping must not interrupt the stopping
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)

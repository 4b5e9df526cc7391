"""The server stopping (SIGTERM, Ctrl-C on `make run`) ends model calls at once and the process within seconds.

Streamlit handles the signals itself, in the main thread, and a page script cannot put a handler in front of its
own; so a watcher thread, started once per process, notices the runtime stopping and calls
``assistant.shutdown.begin`` (which stops every model call and bounds the exit)."""

from __future__ import annotations

import threading

from assistant.shutdown import begin

POLL_S = 0.2
_lock = threading.Lock()
_started = False


def watch_for_stop() -> None:
    global _started
    from streamlit import runtime
    from streamlit.runtime.runtime import RuntimeState

    with _lock:
        if _started or not runtime.exists():
            return
        _started = True
    instance = runtime.get_instance()

    def watch() -> None:
        while instance.state not in (RuntimeState.STOPPING, RuntimeState.STOPPED):
            threading.Event().wait(POLL_S)
        begin()

    threading.Thread(target=watch, name="coach-stop-watcher", daemon=True).start()

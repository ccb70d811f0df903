"""A time budget for analysing documents: `time_limit(seconds)` stops the work inside it
with `DocumentTimeout` once the seconds are up, so that one pathological page (a
regular expression that backtracks, a stage that grows faster than its text) cannot hold
a corpus run. It uses the process's real-time interval timer (SIGALRM), so it works in
the main thread of a Unix process and is a no-op elsewhere (a worker thread, Windows);
long calls into C (a torch matrix product) finish before it fires.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional

from .errors import LagebildError


class DocumentTimeout(LagebildError):
    """The analysis of a document ran over its time budget."""
    reason = "timeout"


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: Optional[float], what: str = "the analysis") -> Iterator[None]:
    """Raise DocumentTimeout in the block once `seconds` have passed (None or 0: no limit).
    An enclosing limit that ends sooner stays in force."""
    if not seconds or seconds <= 0 or not _usable():
        yield
        return
    def expire(signum, frame):
        raise DocumentTimeout(f"{what} took longer than {seconds:g} s (the document_timeout setting)")
    outer_left, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left < seconds:
        yield                          # the enclosing limit comes first
        return
    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:     # the enclosing limit goes on with what it has left
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer_left - (time.monotonic() - started)),
                             outer_interval)

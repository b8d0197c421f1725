"""A virtual clock: programs that "sleep" for minutes finish in milliseconds.

Installed into a listing's own interpreter by ``boot/sitecustomize.py`` when
the runner sets ``ASYNCBOOK_VIRTUAL_CLOCK=1``:

- ``time.sleep``, ``time.perf_counter``, ``time.monotonic`` and ``time.time``
  read and advance one shared virtual clock, so synchronous code "waits"
  without waiting;
- every new asyncio event loop is a :class:`VirtualClockLoop`, whose selector
  jumps the clock forward to the next timer instead of blocking when nothing
  is ready.

The program's output is unchanged; the runner also receives, through the file
named by ``ASYNCBOOK_TIMELINE``, the virtual moment at which each line was
written, so that the tests can check *when* a line appears.
"""

import asyncio
import json
import os
import selectors
import sys
import time


class VirtualClock:
    def __init__(self, start=0.0):
        self.now = start

    def advance(self, seconds):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        self.now += seconds

    def sleep(self, seconds):
        self.advance(seconds)


CLOCK = VirtualClock()
# A fixed, plausible wall-clock origin for time.time(): 2024-01-01 00:00 UTC.
EPOCH = 1704067200.0


class _JumpingSelector(selectors.DefaultSelector):
    """Polls for real I/O without blocking; when nothing is ready, the wait
    the loop asked for passes instantly on the virtual clock."""

    def select(self, timeout=None):
        ready = super().select(0)
        if ready or timeout == 0:
            return ready
        if timeout is None:
            # Nothing scheduled: only another thread or real I/O can wake
            # the loop, so wait for real (a hang is caught by the runner's
            # wall-clock timeout).
            return super().select(None)
        CLOCK.advance(timeout)
        return []


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(selector=_JumpingSelector())

    def time(self):
        return CLOCK.now


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


class _TimelineWriter:
    """Wraps stdout/stderr: writes through unchanged and notes, for every
    completed line, the virtual time at which it was written."""

    def __init__(self, stream, name, sink):
        self._stream = stream
        self._name = name
        self._sink = sink
        self._pending = ""

    def write(self, text):
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._sink.write(json.dumps({"t": round(CLOCK.now, 6), "stream": self._name, "line": line}, ensure_ascii=False) + "\n")
            self._sink.flush()
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def install():
    time.sleep = CLOCK.sleep
    time.perf_counter = lambda: CLOCK.now
    time.monotonic = lambda: CLOCK.now
    time.time = lambda: EPOCH + CLOCK.now
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    timeline = os.environ.get("ASYNCBOOK_TIMELINE")
    if timeline:
        sink = open(timeline, "w", encoding="utf-8")
        # sys.__stdout__ and sys.__stderr__ too: at exit, Python puts them back
        # in place of sys.stdout and sys.stderr, and what it writes then (the
        # "coroutine ... was never awaited" warning) needs its moment too.
        sys.stdout = sys.__stdout__ = _TimelineWriter(sys.stdout, "stdout", sink)
        sys.stderr = sys.__stderr__ = _TimelineWriter(sys.stderr, "stderr", sink)

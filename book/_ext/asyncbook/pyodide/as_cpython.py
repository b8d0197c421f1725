"""Run in Pyodide after it starts and before the program, so that the
program runs as ``python main.py`` runs it on CPython.  Used by the Run
buttons' worker (book/_static/run-worker.mjs, which fetches it from
``_static/pyodide/``) and by ``python3.14`` under Node (python.mjs), both
through run_main.mjs, which reads ``exit_status`` from the namespace this
ran in.

Once Python has started, Pyodide makes its own event loop (WebLoop, which
hands every callback to the browser's or Node's event loop) the running
one, and replaces asyncio.run and time.sleep to use it; blocking in them
then needs WebAssembly stack switching (JSPI), which not every browser has.
A program started by ``python main.py`` has no running loop, and CPython's
asyncio.run and time.sleep.  So this puts CPython's back, and makes every
new event loop (asyncio.run, asyncio.Runner, asyncio.new_event_loop) an
:class:`EventLoop`: CPython's own SelectorEventLoop, which runs its
callbacks itself and, when none is ready, waits for its next timer
(:func:`wait`).  Its tasks, their names, the reports of exceptions never
retrieved and of pending tasks destroyed are then CPython's, and the
program runs to its end without JSPI.
"""

import asyncio
import os
import selectors
import sys
import time
import warnings

from pyodide import webloop
from pyodide.code import run_js
from pyodide.ffi import can_run_sync, run_sync

if os.environ.get("PYTHONUNBUFFERED"):  # Pyodide's streams honour it as CPython's do
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(write_through=True)

sleep = webloop._orig_sleep  # CPython's time.sleep: it blocks (Pyodide's spins)
timer = run_js("(ms) => new Promise((resolve) => setTimeout(resolve, ms))")


def wait(seconds):
    """Block for `seconds` (in the worker, not the page).  Where the program
    runs with stack switching (JSPI: run_main.mjs), Python is suspended on a
    JavaScript timer and the thread stays idle (the timer's promise becomes
    a future of Pyodide's loop, running for that moment only); elsewhere
    (Safari) CPython's time.sleep blocks, busy."""
    if can_run_sync():
        running, hooks = asyncio.events._get_running_loop(), sys.get_asyncgen_hooks()
        asyncio.events._set_running_loop(WEBLOOP)
        try:
            run_sync(timer(seconds * 1000))
        finally:  # Pyodide's loop installs its own as it runs a callback
            asyncio.events._set_running_loop(running)
            sys.set_asyncgen_hooks(*hooks)
    else:
        sleep(seconds)


class _WaitingSelector(selectors.DefaultSelector):
    """The loop's selector.  With no file registered (Pyodide has no
    sockets), the wait the loop asks for, until its next timer or forever,
    is :func:`wait`, as CPython's select() with nothing to watch."""

    def select(self, timeout=None):
        if self.get_map():
            return super().select(timeout)
        if timeout is None:  # no timer and nothing to wait for: CPython waits forever
            while True:
                wait(3600)
        if timeout > 0:
            wait(timeout)
        return []


class EventLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(selector=_WaitingSelector())

    # Pyodide has no socketpair() for the loop's self-pipe, which only wakes
    # it from other threads or signal handlers, and Pyodide has neither (as
    # for asyncbook.virtual_clock.VirtualClockLoop).
    def _make_self_pipe(self):
        pass

    def _close_self_pipe(self):
        pass

    def _write_to_self(self):
        pass


class EventLoopPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = EventLoop


WEBLOOP = asyncio.events._get_running_loop()  # Pyodide's, which says it runs
asyncio.events._set_running_loop(None)
asyncio.run, time.sleep = webloop._orig_run, sleep
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # the policy API, deprecated in 3.14
    asyncio.set_event_loop_policy(EventLoopPolicy())

# The listing runner's virtual clock (asyncbook.virtual_clock), installed at
# start-up, goes back in place of what Pyodide put there, with its own loop.
if "asyncbook.virtual_clock" in sys.modules:
    sys.modules["asyncbook.virtual_clock"].patch()

# Pyodide runs the program in inspect mode, which reports SystemExit as a
# traceback: end as CPython does, with the status sys.exit() gives.
exit_status = None


def excepthook(kind, value, traceback):
    global exit_status
    if not issubclass(kind, SystemExit):
        return sys.__excepthook__(kind, value, traceback)
    code = value.code
    if code is None or isinstance(code, int):
        exit_status = code or 0
    else:
        print(code, file=sys.stderr)
        exit_status = 1


sys.excepthook = excepthook

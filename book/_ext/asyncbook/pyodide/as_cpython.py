"""Run in Pyodide after it starts and before the program, so that the
program runs as ``python main.py`` runs it on CPython.  Used by the Run
buttons' worker (book/_static/run-worker.mjs, which fetches it from
``_static/pyodide/``) and by ``python3.14`` under Node (python.mjs), both
through run_main.mjs, which reads ``exit_status`` from the namespace this
ran in.

Once Python has started, Pyodide makes its own event loop (which runs in
the browser's or Node's event loop) the running one, and replaces
asyncio.run and time.sleep to use it.  A program started by ``python
main.py`` has no running loop, and CPython's asyncio.run and time.sleep:
asyncio.run refuses to run inside a running loop, and time.sleep blocks
(in the worker, not the page).
"""

import asyncio
import os
import sys
import time
import warnings

from pyodide import webloop

if os.environ.get("PYTHONUNBUFFERED"):  # Pyodide's streams honour it as CPython's do
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(write_through=True)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # the policy API, deprecated in 3.14
    policy = asyncio.get_event_loop_policy()
make_loop = policy.new_event_loop


def new_event_loop():
    loop = make_loop()
    asyncio.events._set_running_loop(None)  # new, so not running yet (Pyodide's loop says it is)
    return loop


policy.new_event_loop = new_event_loop
asyncio.events._set_running_loop(None)
asyncio.run, time.sleep = webloop._orig_run, webloop._orig_sleep

# The listing runner's virtual clock (asyncbook.virtual_clock), installed at
# start-up, goes back in place of what Pyodide put there.
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

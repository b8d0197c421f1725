"""Where a listing is stuck: what the runner shows when it stops one.

Installed into every listing's interpreter by ``boot/sitecustomize.py``
when the runner names a report file in ``ASYNCBOOK_STUCK``.  Before
stopping a listing that is still running at its timeout, the runner sends
it ``SIGUSR1``; two handlers answer it:

- faulthandler (C level, even when the main thread is stuck in a C call
  that never returns to Python) writes every thread's Python stack to
  ``<report>.threads``;
- a Python handler, which runs in the main thread at its next bytecode,
  writes a readable report to ``<report>``: the virtual time reached (on
  the virtual clock), the stack of every thread with its source lines, and
  the stack of every asyncio task of the main thread's running loop that
  has not finished.  It ends with ``END`` so that the runner knows it is
  complete.

The runner shows the readable report when it arrives within ``GRACE``
seconds, faulthandler's otherwise.  The variable is removed from the
environment at start-up, so the listing's own child processes (a process
pool) do not install the handlers or write the report.
"""

import faulthandler
import os
import signal
import sys
import traceback

SIGNAL = signal.SIGUSR1
END = "END\n"
GRACE = 2.0  # seconds the runner waits for the readable report


def _stack(frames) -> str:
    """Frames as a traceback shows them (most recent call last), indented."""
    return "".join(traceback.StackSummary.extract((f, f.f_lineno) for f in frames).format())


def _thread_frames(frame):
    chain = []
    while frame is not None:
        chain.append(frame)
        frame = frame.f_back
    return reversed(chain)


def report(interrupted_frame) -> str:
    # Modules the listing has not imported are not imported here either:
    # without asyncio there is no task to show.
    import threading

    asyncio = sys.modules.get("asyncio")
    lines = []
    clock = sys.modules.get("asyncbook.virtual_clock")
    if clock is not None:
        lines.append(f"virtual clock at {clock.CLOCK.now:g} s\n")
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    main = threading.main_thread().ident
    for ident, frame in sorted(sys._current_frames().items(), key=lambda item: item[0] != main):
        if ident == main:
            frame = interrupted_frame  # not this handler's own frame
        lines.append(f"thread {names.get(ident, ident)}:\n{_stack(_thread_frames(frame))}")
    try:
        loop = asyncio.get_running_loop()  # the main thread's: this handler runs there
    except (AttributeError, RuntimeError):  # no asyncio imported, or no loop running
        loop = None
    if loop is not None:
        tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
        running = asyncio.current_task(loop)
        lines.append(f"asyncio tasks not finished: {len(tasks)}\n")
        for task in sorted(tasks, key=lambda t: t.get_name()):
            coro = task.get_coro()
            title = f"task {task.get_name()} ({getattr(coro, '__qualname__', repr(coro))}())"
            if task is running:
                lines.append(f"{title} running: its stack is the main thread's, above\n")
            else:
                lines.append(f"{title} waiting at:\n{_stack(task.get_stack())}")
    return "".join(lines)


def install(path: str) -> None:
    def handler(signum, frame):
        with open(path, "w", encoding="utf-8") as out:
            out.write(report(frame) + END)

    signal.signal(SIGNAL, handler)
    threads = open(path + ".threads", "w", encoding="utf-8")
    faulthandler.register(SIGNAL, file=threads, all_threads=True, chain=True)


def install_from_environment() -> None:
    path = os.environ.pop("ASYNCBOOK_STUCK", None)
    if path:
        install(path)

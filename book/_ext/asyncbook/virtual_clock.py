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
named by ``ASYNCBOOK_TIMELINE``, one JSON object per event of the run, each
with its virtual moment ``t``:

- ``print``: a line written to stdout or stderr, and which task wrote it
  (so that the tests can check *when* a line appears);
- ``create``, ``resume``, ``wait`` (with what the task awaits), ``done``
  (``done``, ``failed`` or ``cancelled``): the life of every task of the
  program, recorded by :class:`_TaskTracer`;
- ``block``: a ``time.sleep()`` that holds the whole thread.

``asyncbook.timeline`` draws the book's timeline figures from these events.
"""

import asyncio
import gc
import json
import os
import reprlib
import selectors
import sys
import threading
import time
import types
import weakref
from asyncio import base_events
from pathlib import Path


class VirtualClock:
    def __init__(self, start=0.0):
        self.now = start

    def advance(self, seconds):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        self.now += seconds

    def sleep(self, seconds):
        if TRACER is not None:
            caller = sys._getframe(1).f_code.co_name
            TRACER.emit("block", **TRACER.who(), on="time.sleep", detail=_seconds(seconds), inside=caller)
        self.advance(seconds)


CLOCK = VirtualClock()
# A fixed, plausible wall-clock origin for time.time(): 2024-01-01 00:00 UTC.
EPOCH = 1704067200.0


class _JumpingSelector(selectors.DefaultSelector):
    """Polls for real I/O without blocking; when nothing is ready, the wait
    the loop asked for passes instantly on the virtual clock."""

    def select(self, timeout=None):
        if TRACER is not None:
            TRACER.finish_steps()
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

    if sys.platform == "emscripten":
        # Pyodide (Python 3.14 in the tests) has no socketpair() for the
        # loop's self-pipe, which only wakes it from other threads or signal
        # handlers, and Pyodide has neither.
        def _make_self_pipe(self):
            pass

        def _close_self_pipe(self):
            pass

        def _write_to_self(self):
            pass


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


ASYNCIO = Path(asyncio.__file__).parent
CREATE_TASK = base_events.BaseEventLoop.create_task.__code__
MAIN = "main"  # the program outside any task: the synchronous main program
# What a task awaits, from the asyncio module (and function) it is suspended in.
WAITS = {"locks.py": "lock", "queues.py": "queue", "streams.py": "io", "selector_events.py": "io",
         "threads.py": "thread", "taskgroups.py": "tasks", "tasks.py": "tasks", "futures.py": "future"}
_label = reprlib.Repr()
_label.maxstring = _label.maxother = 24


def _seconds(value):
    return round(value, 6)


def _internal(code) -> bool:
    return Path(code.co_filename).parent == ASYNCIO


def _frame(body):
    """The frame of a coroutine or asynchronous generator; None once it ended."""
    return getattr(body, "cr_frame", None) or getattr(body, "ag_frame", None)


def _code(body):
    return getattr(body, "cr_code", None) or getattr(body, "ag_code", None)


def _body(task):
    """What a task runs: its coroutine, or, for the awaitable that
    ``agen.aclose()`` returns (it has no frame, and no attribute for the
    generator, which it refers to), the asynchronous generator it closes.
    Found anew each time: the tracer holds no task, and nothing of one."""
    coro = task.get_coro()
    if hasattr(coro, "cr_frame"):
        return coro
    return next((r for r in gc.get_referents(coro) if isinstance(r, types.AsyncGeneratorType)), None)


class _TaskTracer:
    """Follows every task through ``sys.setprofile``: nothing in the
    program is wrapped, so its output, reprs and tracebacks stay its own.

    A task's step is its coroutine's frame being resumed ("call") until it
    yields or ends ("return"); whether it suspended or finished is read at
    the next profile event, once the task has stored the outcome.

    It holds the tasks weakly, as the event loop does: a task the program
    keeps no reference to is garbage-collected as it would be without the
    tracer ("Task was destroyed but it is pending!", "Task exception was
    never retrieved").  A frame is known by its id only while its coroutine
    is unfinished (the coroutine keeps the frame alive until then): the id
    is forgotten at the first profile event after the coroutine ended,
    before that event's frame (which may reuse the id) is looked up."""

    def __init__(self, sink):
        self._sink = sink
        self._frames = {}  # id of the outermost frame of each unfinished task's coroutine -> weakref to the task
        self.ids = weakref.WeakKeyDictionary()  # task -> its name, as created
        self._pending = []  # (task, yielded object, its frame's id) of steps that just ended

    def emit(self, event, **fields):
        entry = {"t": _seconds(CLOCK.now), "event": event, **fields}
        self._sink.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._sink.flush()

    def who(self) -> dict:
        """Who is running: {"task": its name}, or {"task": MAIN} outside any
        task, or {"thread": its name} in another thread than the main one."""
        thread = threading.current_thread()
        if thread is not threading.main_thread():
            return {"thread": thread.name}
        loop = asyncio._get_running_loop()
        task = asyncio.current_task(loop) if loop else None
        return {"task": MAIN if task is None else self.ids.get(task, MAIN)}

    def profile(self, frame, event, arg):
        if self._pending:
            self.finish_steps()
        if event == "return" and frame.f_code is CREATE_TASK:
            self._created(arg, frame.f_back)
        elif event in ("call", "return") and id(frame) in self._frames:
            task = self._frames[id(frame)]()
            if task is None:
                return
            if event == "call":
                self.emit("resume", task=self.ids[task])
            else:
                self._pending.append((task, arg, id(frame)))

    def _created(self, task, caller):
        body = _body(task)
        # The event loop closing an abandoned asynchronous generator
        # (create_task(agen.aclose())): the task runs the generator's frame.
        suffix = "" if body is task.get_coro() else ".aclose()"
        frame, code = _frame(body), _code(body)
        if frame is None or _internal(code):
            return  # asyncio's own housekeeping (shutdown_asyncgens …)
        names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
        args = ", ".join(_label.repr(frame.f_locals[n]) for n in names if n in frame.f_locals)
        key = id(frame)

        def forget(ref, key=key):  # the task was collected before it finished
            if self._frames.get(key) is ref:
                del self._frames[key]

        self._frames[key] = weakref.ref(task, forget)
        # asyncio.create_task(coro, name=…) and TaskGroup.create_task name the task
        # only after the loop created it up to Python 3.12: the name it will have
        name = caller.f_locals.get("name") if caller is not None and caller.f_code.co_name == "create_task" else None
        self.ids[task] = task.get_name() if name is None else str(name)
        self.emit("create", task=self.ids[task], coro=f"{code.co_name}({args}){suffix}", by=self.who().get("task"))

    def finish_steps(self):
        pending, self._pending = self._pending, []
        for task, yielded, frame in pending:
            name = self.ids[task]
            if _frame(_body(task)) is None:  # the coroutine ended (returned or raised)
                self._frames.pop(frame, None)
                if not task.done():
                    # the task stores the outcome next (an object dying in
                    # between, a weak reference's callback, can come first)
                    self._pending.append((task, yielded, frame))
                    continue
            if task.done():
                if task.cancelled():
                    self.emit("done", task=name, result="cancelled")
                elif task._exception is not None:  # not .exception(): that would mark it retrieved
                    self.emit("done", task=name, result="failed", detail=repr(task._exception))
                else:
                    self.emit("done", task=name, result="done")
            else:
                self.emit("wait", task=name, **self._awaiting(_body(task), yielded))

    def _awaiting(self, coro, yielded) -> dict:
        """What a suspended task waits for: the asyncio function it is in
        (sleep, Lock.acquire, Queue.get …) or the future it yielded, and the
        innermost function of the program on the way there."""
        inside, where = _code(coro).co_name, None
        while _code(coro) is not None:
            if _internal(_code(coro)):
                where = where or coro
            elif _code(coro).co_name not in INLINED:
                inside = _code(coro).co_name
            coro = getattr(coro, "cr_await", None) or getattr(coro, "ag_await", None)
        if where is not None and where.cr_code.co_name in ("sleep", "__sleep0"):
            delay = where.cr_frame.f_locals.get("delay", 0) if where.cr_frame else 0
            return {"on": "sleep", "detail": _seconds(delay), "inside": inside}
        # in creation order, as for a task group: gather's arguments may come from a set
        children = getattr(yielded, "_children", [yielded])
        waited = [name for t, name in list(self.ids.items()) if any(t is child for child in children)]
        if where is not None and where.cr_code.co_name == "__aexit__" and "taskgroups" in where.cr_code.co_filename:
            group = where.cr_frame.f_locals.get("self") if where.cr_frame else None
            waited = [self.ids[t] for t in self.ids if t in getattr(group, "_tasks", ())]  # in creation order
        if waited:
            return {"on": "tasks", "detail": waited, "inside": inside}
        kind = WAITS.get(Path(where.cr_code.co_filename).name, "future") if where is not None else "future"
        if where is not None and where.cr_code.co_qualname.startswith("Event."):
            kind = "event"
        detail = where.cr_code.co_qualname if where is not None else type(yielded).__name__
        if detail.endswith("._wait_for_one"):  # as_completed's helper: a closure up to 3.12, a method from 3.13
            detail = "as_completed"
        return {"on": kind, "detail": detail, "inside": inside}


# Python 3.12 inlines list, set and dict comprehensions into the function
# that contains them (PEP 709): on 3.11 an await inside one waits in its own
# frame.  Naming the enclosing function gives the same events on every version.
INLINED = ("<listcomp>", "<setcomp>", "<dictcomp>")

TRACER = None


class _TimelineWriter:
    """Wraps stdout/stderr: writes through unchanged and notes, for every
    completed line, the virtual time at which it was written and by whom."""

    def __init__(self, stream, name, tracer):
        self._stream = stream
        self._name = name
        self._tracer = tracer
        self._pending = ""

    def write(self, text):
        # The text first: at exit, noting the line may fail (in Pyodide, the
        # timeline's file can be closed before the last warning is written).
        written = self._stream.write(text)
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._tracer.emit("print", **self._tracer.who(), stream=self._name, line=line)
        return written

    def __getattr__(self, name):
        return getattr(self._stream, name)


def patch():
    """Put the virtual clock in place of the real one, and the timeline's
    writers in place of stdout and stderr.  Pyodide (Python 3.14 in the
    tests) puts its own time.sleep, event loop and streams in place once
    Python has started, after this module was installed: its ``python3.14``
    calls this again then."""
    time.sleep = CLOCK.sleep
    time.perf_counter = lambda: CLOCK.now
    time.monotonic = lambda: CLOCK.now
    time.time = lambda: EPOCH + CLOCK.now
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    if TRACER is not None:
        # sys.__stdout__ and sys.__stderr__ too: at exit, Python puts them back
        # in place of sys.stdout and sys.stderr, and what it writes then (the
        # "coroutine ... was never awaited" warning) needs its moment too.
        if not isinstance(sys.stdout, _TimelineWriter):
            sys.stdout = sys.__stdout__ = _TimelineWriter(sys.stdout, "stdout", TRACER)
        if not isinstance(sys.stderr, _TimelineWriter):
            sys.stderr = sys.__stderr__ = _TimelineWriter(sys.stderr, "stderr", TRACER)
        sys.setprofile(TRACER.profile)


def install():
    timeline = os.environ.get("ASYNCBOOK_TIMELINE")
    if timeline:
        global TRACER
        TRACER = _TaskTracer(open(timeline, "w", encoding="utf-8"))
    patch()

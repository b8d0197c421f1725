"""Run listings as a reader would, and check or record their output.

    python -m asyncbook.runner                 # check every listing
    python -m asyncbook.runner --record        # re-record every output (make outputs)
    python -m asyncbook.runner ch01-why-async/01-sync-download
    python -m asyncbook.runner --python 3.13   # only on CPython 3.13

Each listing runs in a fresh interpreter, in a scratch folder holding its
program as it is in the edition (``Listing.program``: translated for other
editions), as ``python main.py``, with stdout and stderr merged as a
terminal shows them.  Listings on the virtual clock (the default) finish in
milliseconds however long they "sleep"; the runner also returns the virtual
time of every line.

The pieces, for whoever extends them:

- ``run(listing, language)`` runs once and returns a ``Run``: the normalised
  output, the timeline and the digest of the files that ran;
- ``compare`` is the one comparison: exact, character for character;
- ``diff`` checks a recorded output: same text, recorded from this program;
- ``record`` is the one place that writes an output file and registers its
  provenance (``provenance.register``) in the folder's ``recorded.json``;
- ``lint(listing, language)`` runs the linter ruff on the program, for a
  listing with ``ruff = [...]`` in its listing.toml: its report is recorded
  and checked like an output (``ruff.txt``), once, with the targeted Python.

A listing still running after ``TIMEOUT`` seconds of real time is asked where
it is stuck (stuck.py), stopped with everything it started, and reported with
the output it printed so far and the stacks of its threads and unfinished
asyncio tasks.  Its other editions then fail at once with a pointer to that
report (``_HUNG``) instead of hanging again.

Every listing runs on every CPython the book names that the machine has
(asyncbook.pythons), each in its own virtualenv.  ``output.txt`` records
what the targeted version (3.11) prints; where a later version prints
something else, ``--record`` writes that as a variant, ``output.py3.13.txt``
(``output.<lang>.py3.13.txt``), and removes a variant that no longer differs
from the version before it.
"""

import argparse
import difflib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from . import provenance, stuck
from .code_i18n import catalog_path, untranslated
from .listings import ROOT, SOURCE_LANGUAGE, Listing, all_listings, find
from .normalize import normalize
from .pythons import Python, current, found, missing, target

TIMEOUT = 30  # seconds of real time; virtual-clock listings need well under one
EXT = Path(__file__).resolve().parent.parent
BOOT = Path(__file__).resolve().parent / "boot"
PROMPT = re.compile(r"(>>> |\.\.\. )")


class ListingError(Exception):
    pass


@dataclass
class Run:
    output: str  # normalised, as recorded in output.txt
    timeline: list  # [(virtual seconds, line)] on the virtual clock, else []
    program: str = ""  # digest of the files that ran (provenance.digest)
    events: str = ""  # the run's events (virtual_clock.py), as recorded in events.jsonl

    def time_of(self, line: str) -> float:
        for t, text in self.timeline:
            if text == line:
                return t
        raise KeyError(f"no line {line!r} in the output")


def _environment(listing: Listing, scratch: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ASYNCBOOK_"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(BOOT), str(EXT)]),
        PYTHONUNBUFFERED="1",  # keeps stdout and stderr in the order written
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        LC_ALL="C.UTF-8",
        ASYNCBOOK_STUCK=str(scratch / "stuck.txt"),  # see stuck.py
    )
    if listing.clock == "virtual":
        env.update(ASYNCBOOK_VIRTUAL_CLOCK="1", ASYNCBOOK_TIMELINE=str(scratch / "timeline.jsonl"))
    return env


def _transcript(inputs: list[str], stdout: str) -> str:
    """Interleave what was typed into the REPL with what it printed.

    The REPL writes a prompt before reading each input line; what comes
    between two prompts is the reply to the line read after the first."""
    parts = PROMPT.split(stdout)
    prompts, replies = parts[1::2], parts[2::2]
    if len(prompts) != len(inputs) + 1:
        raise ListingError(f"REPL printed {len(prompts)} prompts for {len(inputs)} input lines:\n{stdout}")
    lines = [f"{p}{typed}".rstrip() + "\n" + reply for p, typed, reply in zip(prompts, inputs, replies)]
    return "".join(lines)


# Listings that hung in this process (per interpreter), with the edition they hung in: a hang
# is reported once, and the listing's other editions fail at once with a
# pointer to that report instead of waiting for the timeout again.
_HUNG: dict[tuple[Path, str], str] = {}


def _stop(proc: subprocess.Popen) -> None:
    """Kill the listing and everything it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _where_stuck(proc: subprocess.Popen, scratch: Path) -> str:
    """Ask the running listing where it is stuck (stuck.py); its answer."""
    report = scratch / "stuck.txt"
    try:
        proc.send_signal(stuck.SIGNAL)
    except ProcessLookupError:
        return "(it ended as it was being stopped)\n"
    deadline = time.monotonic() + stuck.GRACE
    while time.monotonic() < deadline:
        text = report.read_text("utf-8", errors="replace") if report.exists() else ""
        if text.endswith(stuck.END):
            return text[: -len(stuck.END)]
        time.sleep(0.05)
    threads = Path(f"{report}.threads")
    dump = threads.read_text("utf-8", errors="replace") if threads.exists() else ""
    if dump:
        return f"(the main thread never got back to Python code; faulthandler's dump)\n{dump}"
    return "(no answer)\n"


def _stuck_message(listing: Listing, language: str, timeout: float, output: str, where: str, on: str = "") -> str:
    lines = output.splitlines()
    shown = "".join(f"  | {line}\n" for line in lines) or "  (nothing)\n"
    return (
        f"{listing.name}{on}: still running after {timeout:g} s of real time ({language} edition); stopped.\n"
        f"Output so far ({len(lines)} line{'s' * (len(lines) != 1)}):\n{shown}"
        f"Where it is stuck:\n{textwrap.indent(where, '  ')}"
    )


def run(listing: Listing, language: str = SOURCE_LANGUAGE, timeout: float = TIMEOUT, python: Python | None = None) -> Run:
    """Run the listing's program as it is in ``language`` (Listing.program),
    in a scratch folder, with a fresh interpreter (``python``, default: this
    one); its normalised output.

    Output goes to a file as it is written, so that a listing stopped at the
    timeout still shows what it printed; the listing runs in a process group
    of its own, so that stopping it also stops what it started."""
    executable = python.executable if python else sys.executable
    on = f" on {python}" if python else ""
    hung = (listing.path, executable)
    if hung in _HUNG:
        raise ListingError(f"{listing.name}{on}: not run in the {language} edition: it hung in the "
                           f"{_HUNG[hung]} edition (see that report); fix that first")
    with tempfile.TemporaryDirectory(prefix="listing-") as tmp:
        scratch = Path(tmp)
        work = scratch / listing.path.name
        files = listing.program(language)
        _write_program(files, work)
        env = _environment(listing, scratch)
        repl = listing.options.get("repl")
        typed = (work / repl).read_text("utf-8").splitlines() if repl else []
        (scratch / "stdin.txt").write_text("\n".join(typed) + "\n" if repl else "", "utf-8")
        command = [executable, "-m", "asyncio"] if repl else [executable, "main.py"]
        captured = scratch / "output.bin"
        with open(scratch / "stdin.txt", "rb") as stdin, open(captured, "wb") as out:
            proc = subprocess.Popen(command, cwd=work, env=env, stdin=stdin, stdout=out,
                                    stderr=subprocess.DEVNULL if repl else subprocess.STDOUT, start_new_session=True)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                where = _where_stuck(proc, scratch)
                _stop(proc)
                _HUNG[hung] = language
                printed = captured.read_bytes().decode("utf-8", errors="replace")
                raise ListingError(_stuck_message(listing, language, timeout, normalize(printed, work),
                                                  normalize(where, work), on)) from None
            finally:
                _stop(proc)
        # bytes, decoded without newline translation: "\r\n" stays what it is
        output = captured.read_bytes().decode("utf-8", errors="replace")
        if repl:
            output = _transcript(typed, output)
        timeline, events = [], []
        timeline_file = scratch / "timeline.jsonl"
        if timeline_file.exists():  # written on the virtual clock only
            for raw in normalize(timeline_file.read_text("utf-8"), work).splitlines():
                entry = json.loads(raw)
                if entry["event"] == "print":
                    timeline.append((entry["t"], entry["line"]))
                # Another thread's events are not ordered with the main
                # thread's, from run to run: the events record the main thread.
                if "thread" not in entry:
                    events.append(raw + "\n")
    return Run(normalize(output, work), timeline, provenance.digest(files), "".join(events))


def _write_program(files: dict[str, bytes], work: Path) -> None:
    """The edition's program (``Listing.program``) as files in ``work``."""
    for name, data in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(data)


def lint(listing: Listing, language: str = SOURCE_LANGUAGE) -> Run:
    """What ruff (this interpreter's, pinned in requirements.lock) reports on
    the edition's program with only the rules of listing.toml's ``ruff``
    selected, as a reader would see it in the listing's folder: ``ruff check
    --isolated --select RULES main.py`` (--isolated: no configuration file
    of the book or the reader changes the report)."""
    files = listing.program(language)
    with tempfile.TemporaryDirectory(prefix="lint-") as tmp:
        work = Path(tmp) / listing.path.name
        _write_program(files, work)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RUFF_", "PYTHON", "FORCE_COLOR", "CLICOLOR"))}
        env.update(NO_COLOR="1", LC_ALL="C.UTF-8")
        command = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select",
                   ",".join(listing.ruff), "main.py"]
        proc = subprocess.run(command, cwd=work, env=env, capture_output=True, timeout=TIMEOUT)
        # status 1: it found something (what the listing is there to show)
        if proc.returncode not in (0, 1) or proc.stderr:
            raise ListingError(f"{listing.name}: `ruff check` failed (status {proc.returncode}; ruff is pinned in "
                               f"requirements.lock: `make venv` installs it):\n{proc.stderr.decode('utf-8', errors='replace')}")
        return Run(normalize(proc.stdout.decode("utf-8", errors="replace"), work), [], provenance.digest(files))


def _read(path: Path) -> str:
    """A recorded file exactly as written (no newline translation)."""
    return path.read_bytes().decode("utf-8", errors="replace")


def compare(recorded: str, output: str, recorded_name: str, run_name: str) -> str:
    """An empty string when a fresh output is exactly the recorded one,
    character for character; else a unified diff, with the invisible
    characters spelled out when they are the only difference."""
    if recorded == output:
        return ""
    lines = difflib.unified_diff(
        recorded.splitlines(keepends=True), output.splitlines(keepends=True),
        fromfile=f"{recorded_name} (recorded)", tofile=f"{run_name} (this run)",
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    if recorded.split() == output.split():
        text += f"only invisible characters differ:\n  recorded: {recorded!r}\n  this run: {output!r}\n"
    return text


def _check(listing: Listing, path: Path, text: str, fresh: Run, what: str, run_name: str, python: Python) -> str:
    """One recorded file (output or events) against a fresh run: same text,
    recorded from the program that ran."""
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if not path.exists():
        return f"{rel}: no recorded {what}; record it with `make outputs`\n"
    changed = compare(_read(path), text, str(rel), run_name)
    if changed:
        return changed + f"\n{rel}: {what} on {python} changed; if the change is intended, run `make outputs`\n"
    return provenance.check(listing, path, fresh.program)


def diff(listing: Listing, language: str = SOURCE_LANGUAGE, fresh: Run | None = None, python: Python | None = None) -> str:
    """An empty string when the recorded output (and, on the virtual clock,
    the recorded events) match a fresh run on ``python`` (default: this
    interpreter) and were recorded from the program that ran, else what
    differs, naming the interpreter and the file.  The events are recorded
    once, from the targeted Python, and every later one that prints the same
    output must produce them too."""
    python = python or current()
    output_path = listing.expected_path(language, python.version)
    if not output_path.exists():
        rel = output_path.relative_to(ROOT) if output_path.is_relative_to(ROOT) else output_path
        return f"{rel}: no recorded output; record it with `make outputs`\n"
    fresh = fresh or run(listing, language, python=python)
    run_name = f"{listing.name} [{language}] (this run, {python})"
    problems = _check(listing, output_path, fresh.output, fresh, "output", run_name, python)
    # where a later Python prints a variant, its printed lines differ from the events' too
    if listing.clock == "virtual" and output_path == listing.output_path(language):
        problems += _check(listing, listing.events_path(language), fresh.events, fresh, "events", run_name, python)
    if listing.ruff and python.version == target() and not python.pyodide:
        report = lint(listing, language)
        problems += _check(listing, listing.ruff_path(language), report.output, report, "ruff report",
                           f"{listing.name} [{language}] (ruff, this run)", python)
    return problems


def _write(listing: Listing, path: Path, text: str, program: str) -> bool:
    """Write one recorded file and register its program; True when it changed."""
    changed = not path.exists() or _read(path) != text
    if changed:
        path.write_bytes(text.encode("utf-8"))
    provenance.register(listing, path, program)
    return changed


def record(listing: Listing, language: str = SOURCE_LANGUAGE, python: Python | None = None) -> bool:
    """Run the listing in an edition on ``python`` (default: this
    interpreter), write its output file (and, from the targeted Python on the
    virtual clock, its events file) and register the program they came from
    in the folder's sidecar (provenance): the one place that writes recorded
    files.  True when one changed.

    A later version than the target gets a variant file only where its
    output differs from the one the version before it prints; a variant that
    no longer differs is removed, with its sidecar entry.

    Another edition is recorded only from a fully translated program: with
    any of its messages untranslated or fuzzy, nothing is written."""
    python = python or current()
    path = listing.output_path(language, python.version)
    if language != SOURCE_LANGUAGE:
        missing = untranslated(listing.path, listing.chapter, language)
        if missing:
            catalog = catalog_path(language, listing.chapter).relative_to(ROOT)
            items = "".join(f"  msgid {json.dumps(m, ensure_ascii=False)}  ({why})\n" for m, why in missing)
            raise ListingError(
                f"{listing.name}: {path.name} not recorded: its program would still contain Chinese in the "
                f"{language} edition.\nTranslate these messages in {catalog} first, then run `make outputs`:\n{items}"
            )
    fresh = run(listing, language, python=python)
    changed = False
    if listing.clock == "virtual" and python.version == target():
        changed = _write(listing, listing.events_path(language), fresh.events, fresh.program)
    if listing.ruff and python.version == target() and not python.pyodide:
        report = lint(listing, language)
        changed = _write(listing, listing.ruff_path(language), report.output, report.program) or changed
    if path != listing.output_path(language):
        inherited = listing.expected_path(language, python.version, below=True)
        if inherited.exists() and _read(inherited) == fresh.output:
            if path.exists():
                path.unlink()
                provenance.unregister(listing, path)
                changed = True
            return changed
    return _write(listing, path, fresh.output, fresh.program) or changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="listing names (chapter/NN-name); default: all")
    parser.add_argument("--record", action="store_true", help="re-record outputs instead of checking them")
    parser.add_argument("--lang", action="append", help="edition(s) to run; default: every edition")
    parser.add_argument("--python", action="append", metavar="3.X", help="CPython version(s) to run on; default: every one found")
    args = parser.parse_args(argv)
    from .languages import LANGUAGES

    from .exercises import all_exercises

    # every listing, and every exercise's solution (its starter is never recorded)
    listings = [find(n) for n in args.names] if args.names else all_listings() + [e.solution for e in all_exercises()]
    pythons = [p for p in found() if not args.python or p.version in args.python]
    if args.python and len(pythons) != len(set(args.python)):
        parser.error(f"--python {' '.join(args.python)}: this machine has {', '.join(p.version for p in found())}")
    failures = 0
    for language in args.lang or LANGUAGES:
        for listing in listings:
            for python in pythons:  # oldest first: a variant is recorded against the version before it
                if not listing.runs_on(python):
                    print(f"not run  {listing.name} [{language}] [{python.id}]: {listing.why_not_on(python)} (listing.toml)")
                    continue
                try:
                    if args.record:
                        changed = record(listing, language, python)
                        path = listing.expected_path(language, python.version).relative_to(ROOT)
                        print(f"{'recorded' if changed else 'unchanged'}  {path} [{python.id}]")
                    else:
                        problem = diff(listing, language, python=python)
                        print(problem or f"ok  {listing.name} [{language}] [{python.id}]", end="" if problem else "\n")
                        failures += bool(problem)
                except ListingError as error:
                    print(error)
                    failures += 1
    if missing():
        print(f"not run on {', '.join(missing())}: not on this machine; their output variants were left as they are")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run listings as a reader would, and check or record their output.

    python -m asyncbook.runner                 # check every listing
    python -m asyncbook.runner --record        # re-record every output.txt
    python -m asyncbook.runner ch01-why-async/01-sync-download
    python -m asyncbook.runner --python 3.13   # only on CPython 3.13

Each listing runs in a fresh interpreter, in a scratch copy of its folder
(``python main.py``), with stdout and stderr merged as a terminal shows them.
Listings on the virtual clock (the default) finish in milliseconds however
long they "sleep"; the runner also returns the virtual time of every line.
A listing still running after ``TIMEOUT`` seconds of real time is stopped and
reported by name.

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
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .listings import ROOT, SOURCE_LANGUAGE, Listing, all_listings, find
from .normalize import normalize
from .pythons import Python, current, found, missing

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

    def time_of(self, line: str) -> float:
        for t, text in self.timeline:
            if text == line:
                return t
        raise KeyError(f"no line {line!r} in the output")


def _environment(listing: Listing, timeline: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ASYNCBOOK_"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(BOOT), str(EXT)]),
        PYTHONUNBUFFERED="1",  # keeps stdout and stderr in the order written
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        LC_ALL="C.UTF-8",
    )
    if listing.clock == "virtual":
        env.update(ASYNCBOOK_VIRTUAL_CLOCK="1", ASYNCBOOK_TIMELINE=str(timeline))
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


def run(listing: Listing, language: str = SOURCE_LANGUAGE, timeout: float = TIMEOUT, python: Python | None = None) -> Run:
    """Run the listing in that edition, on ``python`` (default: this interpreter)."""
    executable = python.executable if python else sys.executable
    with tempfile.TemporaryDirectory(prefix="listing-") as tmp:
        work = Path(tmp) / listing.path.name
        shutil.copytree(listing.path, work, ignore=shutil.ignore_patterns("output*.txt", "__pycache__"))
        if language != SOURCE_LANGUAGE:
            from .code_i18n import translate_folder

            translate_folder(work, listing, language)
        timeline_file = Path(tmp) / "timeline.jsonl"
        env = _environment(listing, timeline_file)
        repl = listing.options.get("repl")
        try:
            if repl:
                typed = (work / repl).read_text("utf-8").splitlines()
                proc = subprocess.run(
                    [executable, "-m", "asyncio"], cwd=work, env=env, input="\n".join(typed) + "\n",
                    capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                )
                output = _transcript(typed, proc.stdout)
            else:
                proc = subprocess.run(
                    [executable, "main.py"], cwd=work, env=env, stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", timeout=timeout,
                )
                output = proc.stdout
        except subprocess.TimeoutExpired:
            on = f" on {python}" if python else ""
            raise ListingError(f"{listing.name}{on}: still running after {timeout:g} s of real time; stopped") from None
        timeline = []
        if timeline_file.exists():  # written on the virtual clock only
            for raw in timeline_file.read_text("utf-8").splitlines():
                entry = json.loads(raw)
                timeline.append((entry["t"], normalize(entry["line"], work)))
    return Run(normalize(output, work), timeline)


def diff(listing: Listing, language: str = SOURCE_LANGUAGE, fresh: Run | None = None, python: Python | None = None) -> str:
    """An empty string when the recorded output matches a fresh run on
    ``python`` (default: this interpreter), else a unified diff naming the
    interpreter and the recorded file."""
    python = python or current()
    recorded_path = listing.expected_path(language, python.version)
    rel = recorded_path.relative_to(ROOT) if recorded_path.is_relative_to(ROOT) else recorded_path
    if not recorded_path.exists():
        return f"{rel}: no recorded output; record it with `make outputs`\n"
    fresh = fresh or run(listing, language, python=python)
    recorded = recorded_path.read_text("utf-8")
    if recorded == fresh.output:
        return ""
    lines = difflib.unified_diff(
        recorded.splitlines(keepends=True), fresh.output.splitlines(keepends=True),
        fromfile=f"{rel} (recorded)", tofile=f"{listing.name} (this run, {python})",
    )
    return "".join(lines) + f"\n{rel}: output on {python} changed; if the change is intended, run `make outputs`\n"


def record(listing: Listing, language: str = SOURCE_LANGUAGE, python: Python | None = None) -> bool:
    """Write the listing's output file for ``python``'s version (default:
    this interpreter's); True when it changed.  A later version than the
    target gets a variant file only where its output differs from the one
    the version before it prints."""
    python = python or current()
    output = run(listing, language, python=python).output
    path = listing.output_path(language, python.version)
    if path != listing.output_path(language):
        inherited = listing.expected_path(language, python.version, below=True)
        if inherited.exists() and inherited.read_text("utf-8") == output:
            if not path.exists():
                return False
            path.unlink()
            return True
    if path.exists() and path.read_text("utf-8") == output:
        return False
    path.write_text(output, "utf-8")
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="listing names (chapter/NN-name); default: all")
    parser.add_argument("--record", action="store_true", help="re-record outputs instead of checking them")
    parser.add_argument("--lang", action="append", help="edition(s) to run; default: every edition")
    parser.add_argument("--python", action="append", metavar="3.X", help="CPython version(s) to run on; default: every one found")
    args = parser.parse_args(argv)
    from .languages import LANGUAGES

    listings = [find(n) for n in args.names] if args.names else all_listings()
    pythons = [p for p in found() if not args.python or p.version in args.python]
    if args.python and len(pythons) != len(set(args.python)):
        parser.error(f"--python {' '.join(args.python)}: this machine has {', '.join(p.version for p in found())}")
    failures = 0
    for language in args.lang or LANGUAGES:
        for listing in listings:
            for python in pythons:  # oldest first: a variant is recorded against the version before it
                if not listing.checked_on(python.version):
                    print(f"not run  {listing.name} [{language}] [{python.id}]: last_python = {listing.last_python} (listing.toml)")
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

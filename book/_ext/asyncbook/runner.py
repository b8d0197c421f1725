"""Run listings as a reader would, and check or record their output.

    python -m asyncbook.runner                 # check every listing
    python -m asyncbook.runner --record        # re-record every output.txt
    python -m asyncbook.runner ch01-why-async/01-sync-download

Each listing runs in a fresh interpreter, in a scratch copy of its folder
(``python main.py``), with stdout and stderr merged as a terminal shows them.
Listings on the virtual clock (the default) finish in milliseconds however
long they "sleep"; the runner also returns the virtual time of every line.
A listing still running after ``TIMEOUT`` seconds of real time is stopped and
reported by name.
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
    events: str = ""  # the run's events (virtual_clock.py), as recorded in events.jsonl

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


def run(listing: Listing, language: str = SOURCE_LANGUAGE, timeout: float = TIMEOUT) -> Run:
    with tempfile.TemporaryDirectory(prefix="listing-") as tmp:
        work = Path(tmp) / listing.path.name
        shutil.copytree(listing.path, work, ignore=shutil.ignore_patterns("output*.txt", "events*.jsonl", "__pycache__"))
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
                    [sys.executable, "-m", "asyncio"], cwd=work, env=env, input="\n".join(typed) + "\n",
                    capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                )
                output = _transcript(typed, proc.stdout)
            else:
                proc = subprocess.run(
                    [sys.executable, "main.py"], cwd=work, env=env, stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", timeout=timeout,
                )
                output = proc.stdout
        except subprocess.TimeoutExpired:
            raise ListingError(f"{listing.name}: still running after {timeout:g} s of real time; stopped") from None
        timeline, events = [], []
        if timeline_file.exists():  # written on the virtual clock only
            for raw in normalize(timeline_file.read_text("utf-8"), work).splitlines():
                entry = json.loads(raw)
                if entry["event"] == "print":
                    timeline.append((entry["t"], entry["line"]))
                # Another thread's events are not ordered with the main
                # thread's, from run to run: the events record the main thread.
                if "thread" not in entry:
                    events.append(raw + "\n")
    return Run(normalize(output, work), timeline, "".join(events))


def recorded(listing: Listing, language: str, fresh: Run) -> list[tuple[Path, str]]:
    """The files a run records: its output, and its events on the virtual clock."""
    files = [(listing.output_path(language), fresh.output)]
    if listing.clock == "virtual":
        files.append((listing.events_path(language), fresh.events))
    return files


def diff(listing: Listing, language: str = SOURCE_LANGUAGE, fresh: Run | None = None) -> str:
    """An empty string when the recorded output (and events) match a fresh
    run, else a unified diff naming the recorded file."""
    fresh = fresh or run(listing, language)
    problems = []
    for recorded_path, text in recorded(listing, language, fresh):
        rel = recorded_path.relative_to(ROOT) if recorded_path.is_relative_to(ROOT) else recorded_path
        what = "output" if recorded_path == listing.output_path(language) else "events"
        if not recorded_path.exists():
            problems.append(f"{rel}: no recorded {what}; record it with `make outputs`\n")
            continue
        recorded_text = recorded_path.read_text("utf-8")
        if recorded_text == text:
            continue
        lines = difflib.unified_diff(
            recorded_text.splitlines(keepends=True), text.splitlines(keepends=True),
            fromfile=f"{rel} (recorded)", tofile=f"{listing.name} (this run)",
        )
        problems.append("".join(lines) + f"\n{rel}: {what} changed; if the change is intended, run `make outputs`\n")
    return "".join(problems)


def record(listing: Listing, language: str = SOURCE_LANGUAGE) -> bool:
    """Write the listing's output file (and events file); True when one changed."""
    changed = False
    for path, text in recorded(listing, language, run(listing, language)):
        if path.exists() and path.read_text("utf-8") == text:
            continue
        path.write_text(text, "utf-8")
        changed = True
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="listing names (chapter/NN-name); default: all")
    parser.add_argument("--record", action="store_true", help="re-record outputs instead of checking them")
    parser.add_argument("--lang", action="append", help="edition(s) to run; default: every edition")
    args = parser.parse_args(argv)
    from .languages import LANGUAGES

    listings = [find(n) for n in args.names] if args.names else all_listings()
    failures = 0
    for language in args.lang or LANGUAGES:
        for listing in listings:
            try:
                if args.record:
                    changed = record(listing, language)
                    print(f"{'recorded' if changed else 'unchanged'}  {listing.path.relative_to(ROOT)} [{language}]")
                else:
                    problem = diff(listing, language)
                    print(problem or f"ok  {listing.name} [{language}]", end="" if problem else "\n")
                    failures += bool(problem)
            except ListingError as error:
                print(error)
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

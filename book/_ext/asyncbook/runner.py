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
        timeline = []
        if timeline_file.exists():  # written on the virtual clock only
            for raw in timeline_file.read_text("utf-8").splitlines():
                entry = json.loads(raw)
                timeline.append((entry["t"], normalize(entry["line"], work)))
    return Run(normalize(output, work), timeline)


def diff(listing: Listing, language: str = SOURCE_LANGUAGE, fresh: Run | None = None) -> str:
    """An empty string when the recorded output matches a fresh run, else a
    unified diff naming the recorded file."""
    recorded_path = listing.output_path(language)
    rel = recorded_path.relative_to(ROOT) if recorded_path.is_relative_to(ROOT) else recorded_path
    if not recorded_path.exists():
        return f"{rel}: no recorded output; record it with `make outputs`\n"
    fresh = fresh or run(listing, language)
    recorded = recorded_path.read_text("utf-8")
    if recorded == fresh.output:
        return ""
    lines = difflib.unified_diff(
        recorded.splitlines(keepends=True), fresh.output.splitlines(keepends=True),
        fromfile=f"{rel} (recorded)", tofile=f"{listing.name} (this run)",
    )
    return "".join(lines) + f"\n{rel}: output changed; if the change is intended, run `make outputs`\n"


def record(listing: Listing, language: str = SOURCE_LANGUAGE) -> bool:
    """Write the listing's output file; True when it changed."""
    output = run(listing, language).output
    path = listing.output_path(language)
    if path.exists() and path.read_text("utf-8") == output:
        return False
    path.write_text(output, "utf-8")
    return True


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
                    print(f"{'recorded' if changed else 'unchanged'}  {listing.output_path(language).relative_to(ROOT)}")
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

"""Benchmark: how long the book takes to build and test.  Measures only.

    make bench                # every measurement
    python tests/bench.py html listings

Each build runs from scratch into a temporary folder, as the tests do.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ROOT, sphinx  # noqa: E402

from asyncbook import listings, runner  # noqa: E402
from asyncbook.languages import LANGUAGES  # noqa: E402


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def bench_builders():
    rows = []
    for language in LANGUAGES:
        for builder in ("html", "doctest", "gettext"):
            with tempfile.TemporaryDirectory() as out:
                seconds, (code, _) = timed(lambda: sphinx(builder, Path(out), language))
                rows.append((f"sphinx {builder} [{language}]", seconds, "ok" if code == 0 else "FAILED"))
    return rows


def bench_listings():
    rows = []
    for language in LANGUAGES:
        virtual = real = claimed = 0.0
        for listing in listings.all_listings():
            seconds, run = timed(lambda: runner.run(listing, language))
            if listing.clock == "virtual":
                virtual += seconds
                claimed += run.timeline[-1][0] if run.timeline else 0
            else:
                real += seconds
        rows.append((f"listings on the virtual clock [{language}]", virtual, f"{claimed:g} s of sleeping claimed"))
        rows.append((f"listings on the real clock [{language}]", real, ""))
    return rows


BENCHES = {"builders": bench_builders, "listings": bench_listings}


def main(names):
    print(f"{'measurement':<48} {'seconds':>8}  note")
    for name in names or BENCHES:
        for label, seconds, note in BENCHES[name]():
            print(f"{label:<48} {seconds:8.2f}  {note}")


if __name__ == "__main__":
    main(sys.argv[1:])

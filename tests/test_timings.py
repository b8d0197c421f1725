"""The book's timing claims, checked on the virtual clock, in every edition.

Each listing runs as a reader would run it, but its sleeps pass instantly;
the runner reports the virtual second at which each output line appeared.
Every virtual-clock listing states its claims beside its program, in its
listing.toml: ``seconds``, the virtual second of each output line (so the
same claim holds for every edition's translation of the program), and
``total``, the total the program prints itself (from time.perf_counter()).
"""

import re

import pytest

from asyncbook import listings, runner
from asyncbook.languages import LANGUAGES

ALL = listings.all_listings()
VIRTUAL = [listing for listing in ALL if listing.clock == "virtual"]


def claims_of(listing):
    seconds = listing.options.get("seconds")
    assert seconds is not None, (
        f"{listing.name} runs on the virtual clock but states no timing claims: add "
        f"`seconds = [...]` (the virtual second of each output line) to {listing.path / 'listing.toml'}")
    return seconds, listing.options.get("total")


def test_there_are_virtual_clock_listings():
    assert len(VIRTUAL) >= 14  # of 19; the others use threads, processes or a server (clock = "real")


@pytest.mark.parametrize("listing", ALL, ids=[item.name for item in ALL])
def test_timing_claims_are_on_every_virtual_clock_listing_only(listing):
    if listing.clock == "virtual":
        claims_of(listing)
    else:  # a real-clock run has no virtual seconds: its claims would never be checked
        assert "seconds" not in listing.options and "total" not in listing.options, f"{listing.name}: clock = \"real\""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("listing", VIRTUAL, ids=[item.name for item in VIRTUAL])
def test_each_line_appears_at_the_claimed_second(listing, language):
    seconds, total = claims_of(listing)
    run = runner.run(listing, language)
    assert [line for _, line in run.timeline] == run.output.splitlines(), "every output line has its moment"
    assert [t for t, _ in run.timeline] == seconds, run.timeline
    if total is not None:
        printed = [float(n) for n in re.findall(r"\d+\.\d+", run.output.splitlines()[-1])]
        assert printed == [total], f"the last line {run.output.splitlines()[-1]!r} does not print a total of {total}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_taskgroup_task_never_completes(language):
    gather = runner.run(listings.find("ch03-key-points/05-gather-exceptions"), language).output.splitlines()
    group = runner.run(listings.find("ch03-key-points/06-taskgroup"), language).output.splitlines()
    completed_a = gather[1]  # "task A completed" in the gather run
    assert completed_a not in group


@pytest.mark.parametrize("language", LANGUAGES)
def test_unawaited_coroutine_warns_at_exit_or_at_once(language):
    at_exit = runner.run(listings.find("ch05-faq/01-call-without-await"), language).output.splitlines()
    assert at_exit[-1] == "sys:1: RuntimeWarning: coroutine 'hello' was never awaited"
    assert "Hello" not in at_exit
    at_once = runner.run(listings.find("ch05-faq/02-warning-timing"), language).output.splitlines()
    assert at_once[0] == "main.py:6: RuntimeWarning: coroutine 'hello' was never awaited"
    assert len(at_once) == 4  # warning, source line, tracemalloc hint, then the print


def test_virtual_clock_saves_real_time():
    import time

    start = time.perf_counter()
    run = runner.run(listings.find("ch01-why-async/01-sync-download"))
    assert run.timeline[-1][0] == 10
    assert time.perf_counter() - start < 5  # ten virtual seconds, far less real time

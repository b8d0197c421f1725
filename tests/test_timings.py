"""The book's timing claims, checked on the virtual clock, in every edition.

Each listing runs as a reader would run it, but its sleeps pass instantly;
the runner reports the virtual second at which each output line appeared.
The claims are written as that list of seconds, one per output line, so the
same claim holds for every edition's translation of the program.
"""

import pytest

from asyncbook import listings, runner
from asyncbook.languages import LANGUAGES

CLAIMS = {
    # download 0→5 blocks everything; numbers at 5..9; total 10 s
    "ch01-why-async/01-sync-download": [0, 5, 5, 6, 7, 8, 9, 10],
    # numbers start at once (0..4) while the download runs; done at 5; total 5 s
    "ch02-async-await/01-gather": [0, 0, 1, 2, 3, 4, 5, 5],
    "ch02-async-await/03-create-task": [0, 0, 1, 2, 3, 4, 5, 5],
    # a bare await waits for the whole download: back to 10 s
    "ch02-async-await/02-sequential-await": [0, 5, 5, 6, 7, 8, 9, 10],
    # completion order fast 1, medium 2, slow 3; the result list at 3
    "ch03-key-points/04-gather-order": [1, 2, 3, 3],
    # error raised at 1; task A still completes at 2; then B at 4 with the list
    "ch03-key-points/05-gather-exceptions": [1, 2, 4, 4],
    # task A cancelled at 1 together with the error; the end at 3
    "ch03-key-points/06-taskgroup": [1, 1, 3],
    "ch03-key-points/03-sleep-result": [1, 1, 1],
}
TOTALS = {  # the "total" line the program prints itself, from time.perf_counter()
    "ch01-why-async/01-sync-download": "10.0",
    "ch02-async-await/01-gather": "5.0",
    "ch02-async-await/03-create-task": "5.0",
    "ch02-async-await/02-sequential-await": "10.0",
    "ch03-key-points/03-sleep-result": "1.0",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", CLAIMS)
def test_each_line_appears_at_the_claimed_second(name, language):
    run = runner.run(listings.find(name), language)
    assert [t for t, _ in run.timeline] == CLAIMS[name], run.timeline
    assert len(run.timeline) == len(run.output.splitlines())
    if name in TOTALS:
        assert TOTALS[name] in run.output.splitlines()[-1]


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

"""Every exercise asks something that its solution does and its starter
does not (book/_ext/asyncbook/exercises.py).

What an exercise asks is its solution's recorded output (output.txt, in
every edition, shown in the solutions appendix) printed at the virtual
seconds its exercise.toml claims (``seconds``, and ``total`` when the
program prints one).  The solution must meet all of it, on every Python the
book names that this machine has; the starter must miss some of it, in every
edition: an exercise whose starting program already does what it asks
would ask nothing.
"""

import re

import pytest

from asyncbook import exercises, listings, pythons, runner
from asyncbook.languages import LANGUAGES

ALL = exercises.all_exercises()
IDS = [exercise.name for exercise in ALL]
PYTHONS = pythons.found()


def test_there_are_exercises():
    assert len(ALL) >= 3


def unmet(program, language, python=None) -> list[str]:
    """What ``program`` (an exercise's starter or solution) fails to do of
    what its exercise asks, in ``language`` on ``python``: empty when it
    meets all of it."""
    python = python or pythons.current()
    fresh = runner.run(program, language, python=python)
    problems = []
    expected = exercises.Exercise(program.path).solution.expected_path(language, python.version)
    if not expected.exists():
        return [f"{expected.relative_to(listings.ROOT)}: no recorded output; run `make outputs`"]
    changed = runner.compare(expected.read_text("utf-8"), fresh.output, str(expected.relative_to(listings.ROOT)),
                             f"{program.name} [{language}]")
    if changed:
        problems.append(f"prints another output than the solution's:\n{changed}")
    claims = program.options
    if program.clock == "virtual":
        seconds = [t for t, _ in fresh.timeline]
        if seconds != claims["seconds"]:
            problems.append(f"prints its lines at seconds {seconds}, not {claims['seconds']}")
        if "total" in claims:
            lines = fresh.output.splitlines()
            printed = [float(n) for n in re.findall(r"\d+\.\d+", lines[-1])] if lines else []
            if printed != [claims["total"]]:
                problems.append(f"prints a total of {printed}, not {claims['total']}")
    return problems


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_exercise_folder_is_complete(exercise):
    assert not exercise.problems(), "\n".join(exercise.problems())
    if exercise.solution.clock == "virtual":
        assert "seconds" in exercise.solution.options, (
            f"{exercise.name}: add `seconds = [...]` (the virtual second of each output line the exercise asks "
            f"for) to {exercise.path / exercises.SETTINGS}")


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_every_exercise_is_set_by_its_chapter_and_solved_in_the_appendix(exercise):
    chapter = (listings.ROOT / "book" / f"{exercise.chapter}.md").read_text("utf-8")
    assert f"{{exercise}} {exercise.path.name}" in chapter, f"{exercise.name} is not set in {exercise.chapter}.md"
    appendix = (listings.ROOT / "book" / "solutions.md").read_text("utf-8")
    assert f"{{solution}} {exercise.name}" in appendix, f"{exercise.name} has no solution in solutions.md"


@pytest.mark.parametrize("python", PYTHONS, ids=[p.id for p in PYTHONS])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_solution_does_what_the_exercise_asks(exercise, language, python):
    """Its recorded output and events, from this program (runner.diff),
    and its lines at the claimed seconds."""
    program = exercise.solution
    try:
        problem = runner.diff(program, language, python=python)
    except runner.ListingError as error:
        if program.runs_on(python):
            raise
        problem = str(error)  # it cannot run there at all: the reason holds
    if not program.runs_on(python):  # last_python or not_in_browser in exercise.toml: the reason must still hold
        assert problem, f"{exercise.name} now runs on {python}: remove {program.why_not_on(python)} from its {exercises.SETTINGS}"
        return
    assert not problem, "\n" + problem
    problems = unmet(program, language, python)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_starter_does_not_yet(exercise, language):
    assert unmet(exercise.starter, language), (
        f"{exercise.name}: its starter.py already prints the solution's output at the claimed seconds: "
        "the exercise asks nothing")


def test_a_starter_misses_what_its_exercise_asks_in_output_and_time():
    """The check itself, on the speed exercise's starter: each way it
    falls short is reported (names in the output, seconds, total)."""
    speed = exercises.find("ch06-tasks/02-name-and-speed")
    problems = unmet(speed.starter, "zh_CN")
    assert any("another output" in p for p in problems)
    assert any("seconds [3.0, 4.0, 6.0, 6.0]" in p for p in problems)
    assert any("total of [6.0]" in p for p in problems)

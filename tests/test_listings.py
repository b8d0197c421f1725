"""Every listing prints exactly its recorded output (normalised in one place:
book/_ext/asyncbook/normalize.py), in every edition, on every CPython the
book names that this machine has (asyncbook.pythons; ids py3.11, py3.12 …).
On a difference, the failure shows a diff naming the interpreter and the
recorded file; `make outputs` re-records on purpose, variants included."""

import pytest

from asyncbook import listings, pythons, runner
from asyncbook.languages import LANGUAGES

ALL = listings.all_listings()
PYTHONS = pythons.found()
RUNS = [pytest.param(listing, language, python, id=f"{listing.name}-{language}-{python.id}")
        for python in PYTHONS for language in LANGUAGES for listing in ALL]


def test_there_are_listings():
    assert len(ALL) >= 15


@pytest.mark.parametrize("listing,language,python", RUNS)
def test_listing_output_matches_recording(listing, language, python):
    problem = runner.diff(listing, language, python=python)
    if listing.checked_on(python.version):
        assert not problem, "\n" + problem
    else:  # last_python in listing.toml: the reason given there must still hold
        assert problem, (f"{listing.name} now prints its recorded output on {python}: "
                         f"remove last_python = {listing.last_python!r} from its listing.toml")


@pytest.mark.parametrize("listing", ALL, ids=[item.name for item in ALL])
def test_every_listing_is_shown_by_its_chapter(listing):
    page = listings.ROOT / "book" / f"{listing.chapter}.md"
    assert page.exists(), f"{listing.name}: no page book/{listing.chapter}.md"
    assert f"{{listing}} {listing.path.name}" in page.read_text("utf-8"), f"{listing.name} is not shown in {page.name}"

"""Every listing prints exactly its recorded output (normalised in one place:
book/_ext/asyncbook/normalize.py).  On a difference, the failure shows a
diff naming the recorded file; `make outputs` re-records on purpose."""

import pytest

from asyncbook import listings, runner
from asyncbook.languages import LANGUAGES

ALL = listings.all_listings()


def test_there_are_listings():
    assert len(ALL) >= 15


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("listing", ALL, ids=[item.name for item in ALL])
def test_listing_output_matches_recording(listing, language):
    problem = runner.diff(listing, language)
    assert not problem, "\n" + problem


@pytest.mark.parametrize("listing", ALL, ids=[item.name for item in ALL])
def test_every_listing_is_shown_by_its_chapter(listing):
    page = listings.ROOT / "book" / f"{listing.chapter}.md"
    assert page.exists(), f"{listing.name}: no page book/{listing.chapter}.md"
    assert f"{{listing}} {listing.path.name}" in page.read_text("utf-8"), f"{listing.name} is not shown in {page.name}"

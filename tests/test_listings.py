"""Every listing prints exactly its recorded output (normalised in one place:
book/_ext/asyncbook/normalize.py).  On a difference, the failure shows a
diff naming the recorded file; `make outputs` re-records on purpose.
Every page shows each of its listings' recorded output exactly, in every
edition, in the output block below the program (class listing-output)."""

import pytest
from bs4 import BeautifulSoup

from asyncbook import listings, runner
from asyncbook.languages import LANGUAGES

ALL = listings.all_listings()


def test_there_are_at_least_15_listings():
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


def shown_listings(page):
    """The listing directives of a page, in order: (listing, options)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.colon_fence import colon_fence_plugin

    shown = []
    for token in MarkdownIt("commonmark").use(colon_fence_plugin).parse(page.read_text("utf-8")):
        if token.type in ("fence", "colon_fence") and token.info.startswith("{listing}"):
            options = dict((line[1:].partition(":")[0], line[1:].partition(":")[2].strip())
                           for line in token.content.splitlines() if line.startswith(":"))
            shown.append((listings.find(f"{page.stem}/{token.info.split()[1]}"), options))
    return shown


def expected_outputs(page, language):
    """The recorded files whose text the page must show as listing outputs:
    every listing's output, unless it shows another file than main.py or is
    marked :no-output: (a REPL session is its own output)."""
    return [listing.output_path(language) for listing, options in shown_listings(page)
            if "no-output" not in options and ("repl" in listing.options or options.get("file", "main.py") == "main.py")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_output_block_shows_its_recorded_file_exactly(html_of, language):
    """Each page's output blocks (class listing-output), in order, hold the
    text of its listings' recorded output files: none missing, none altered."""
    for page in sorted((listings.ROOT / "book").glob("*.md")):
        expected = expected_outputs(page, language)
        html = BeautifulSoup((html_of(language) / f"{page.stem}.html").read_text("utf-8"), "html.parser")
        shown = [block.find("pre").get_text() for block in html.select(".listing-output")]
        assert len(shown) == len(expected), f"{page.stem}.html [{language}]: {len(shown)} output blocks for {[str(p.relative_to(listings.ROOT)) for p in expected]}"
        for path, text in zip(expected, shown):
            assert text == path.read_text("utf-8"), f"{page.stem}.html [{language}] does not show {path.relative_to(listings.ROOT)} as recorded"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_output_block_follows_its_code_block(html_of, language):
    for page in sorted(html_of(language).glob("ch*.html")):
        blocks = BeautifulSoup(page.read_text("utf-8"), "html.parser").select(".listing-code, .listing-output")
        kinds = ["code" if "listing-code" in block["class"] else "output" for block in blocks]
        for i, kind in enumerate(kinds):
            if kind == "output" and i and kinds[i - 1] != "code":
                # only a REPL session stands alone: its output is its code
                assert blocks[i].find("pre").get_text().startswith(">>> "), f"{page.name}: output block {i} has no code above it"

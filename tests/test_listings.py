"""Every listing prints exactly its recorded output (normalised in one place:
book/_ext/asyncbook/normalize.py), in every edition, on every CPython the
book names that this machine has (asyncbook.pythons; ids py3.11, py3.12 …).
On a difference, the failure shows a diff naming the interpreter and the
recorded file; `make outputs` re-records on purpose, variants included.
Every page shows each of its listings' recorded outputs exactly, in every
edition, in the output blocks below the program (class listing-output)."""

import pytest
from bs4 import BeautifulSoup

from asyncbook import exercises, listings, pythons, runner
from asyncbook.languages import LANGUAGES

ALL = listings.all_listings()
PYTHONS = pythons.found()
RUNS = [pytest.param(listing, language, python, id=f"{listing.name}-{language}-{python.id}")
        for python in PYTHONS for language in LANGUAGES for listing in ALL]


def test_there_are_at_least_15_listings():
    assert len(ALL) >= 15


LINTED = [listing for listing in ALL if listing.ruff]


def test_some_listings_are_linted():
    assert LINTED, "no listing.toml has ruff = [...]"


@pytest.mark.parametrize("listing", LINTED, ids=[item.name for item in LINTED])
def test_a_linted_listing_records_what_the_linter_reports(listing, tmp_path):
    """The recorded ruff report is what ruff reports now (runner.diff checks
    it with the output); and a program changed since makes it stale."""
    import shutil

    problem = runner.diff(listing, python=pythons.current())
    assert not problem, "\n" + problem
    copy = listings.Listing(tmp_path / listing.chapter / listing.path.name)
    shutil.copytree(listing.path, copy.path)
    main = copy.path / "main.py"
    # a blocking call (ASYNC251) and a task nobody keeps (RUF006): a new finding for any rule set
    more = "\n\nasync def more():\n    import time\n    time.sleep(1)\n    asyncio.create_task(more())\n"
    main.write_text(main.read_text("utf-8") + more, "utf-8")
    report = runner.lint(copy)
    assert report.output != listing.ruff_path().read_text("utf-8")
    from asyncbook import provenance
    assert provenance.check(copy, copy.ruff_path(), report.program), "the old report is not flagged as stale"


@pytest.mark.parametrize("listing,language,python", RUNS)
def test_listing_output_matches_recording(listing, language, python):
    try:
        problem = runner.diff(listing, language, python=python)
    except runner.ListingError as error:
        if listing.runs_on(python):
            raise
        problem = str(error)  # it cannot run there at all: the reason holds
    if listing.runs_on(python):
        assert not problem, "\n" + problem
    else:  # last_python or not_in_browser in listing.toml: the reason given there must still hold
        assert problem, (f"{listing.name} now prints its recorded output on {python}: "
                         f"remove {listing.why_not_on(python)} from its listing.toml")


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


def shown_solutions(page):
    """The exercises whose solutions a page shows (the solution directive), in order."""
    return [exercises.find(line.split()[1]) for line in page.read_text("utf-8").splitlines()
            if line.startswith("```{solution} ")]


def expected_outputs(page, language):
    """The recorded files whose text the page must show as listing outputs:
    every listing's output, then its later Pythons' variants, unless it shows
    another file than main.py or is marked :no-output: (a REPL session is its
    own output); and each exercise solution's output."""
    expected = [exercise.solution.output_path(language) for exercise in shown_solutions(page)]
    for listing, options in shown_listings(page):
        if "repl" in listing.options:
            expected.append(listing.output_path(language))
        elif "no-output" not in options and options.get("file", "main.py") == "main.py":
            expected += [listing.output_path(language), *(path for _, path in listing.variants(language))]
            if listing.ruff:  # what the linter reports on it, under the outputs
                expected.append(listing.ruff_path(language))
    return expected


def output_block_problems(html, language):
    """Where the built pages' output blocks (class listing-output), in page
    order, differ from their listings' recorded output files."""
    problems = []
    for page in sorted((listings.ROOT / "book").glob("*.md")):
        expected = expected_outputs(page, language)
        soup = BeautifulSoup((html / f"{page.stem}.html").read_text("utf-8"), "html.parser")
        shown = [block.find("pre").get_text() for block in soup.select(".listing-output")]
        if len(shown) != len(expected):
            problems.append(f"{page.stem}.html [{language}]: {len(shown)} output blocks for {[str(p.relative_to(listings.ROOT)) for p in expected]}")
            continue
        problems += [f"{page.stem}.html [{language}] does not show {path.relative_to(listings.ROOT)} as recorded"
                     for path, text in zip(expected, shown) if text != path.read_text("utf-8")]
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_output_block_shows_its_recorded_file_exactly(html_of, language):
    """Each page's output blocks hold the text of its listings' recorded
    output files: none missing, none altered."""
    problems = output_block_problems(html_of(language), language)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("change", ["removed", "one line altered"])
def test_output_check_reports_a_removed_or_altered_block(html_build, tmp_path, change):
    import shutil

    html = tmp_path / "html"
    shutil.copytree(html_build, html)
    page = html / "ch01-why-async.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    block = soup.select_one(".listing-output")
    if change == "removed":
        block.decompose()
    else:
        pre = block.find("pre")
        pre.string = pre.get_text().replace("\n5\n", "\n6\n")
    page.write_text(str(soup), "utf-8")
    assert [problem for problem in output_block_problems(html, "zh_CN") if problem.startswith("ch01-why-async.html")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_output_block_follows_its_code_block(html_of, language):
    for page in sorted(html_of(language).glob("ch*.html")):
        blocks = BeautifulSoup(page.read_text("utf-8"), "html.parser").select(".listing-code, .listing-output")
        kinds = ["code" if "listing-code" in block["class"] else "output" for block in blocks]
        for i, kind in enumerate(kinds):
            if kind == "output" and i and kinds[i - 1] == "output" and {"listing-variant", "listing-lint"} & set(blocks[i]["class"]):
                continue  # a later Python's variant, or the linter's report, under the output of the same listing
            if kind == "output" and i and kinds[i - 1] != "code":
                # only a REPL session stands alone: its output is its code
                assert blocks[i].find("pre").get_text().startswith(">>> "), f"{page.name}: output block {i} has no code above it"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_listing_runs_in_the_browser_or_says_why(html_of, language):
    """In the HTML, right under each program: the place of its Run button
    (run.js), or, for a listing with not_in_browser in its listing.toml, that
    reason in the edition's language and the command that runs it locally.
    Whether the reason holds, and whether the others run on Pyodide, is
    test_listing_output_matches_recording's pyodide3.14 part."""
    from asyncbook.code_i18n import catalog

    html = html_of(language)
    for page in sorted((listings.ROOT / "book").glob("*.md")):
        shown = [listing for listing, _ in shown_listings(page)]
        if not shown:
            continue
        soup = BeautifulSoup((html / f"{page.stem}.html").read_text("utf-8"), "html.parser")
        places = soup.select("div.listing-run, p.listing-local")
        assert len(places) == len(shown), f"{page.stem}: {len(places)} Run places for {len(shown)} listings"
        for listing, place in zip(shown, places):
            if listing.not_in_browser is None:
                assert place.name == "div" and place["data-listing"] == listing.name
            else:
                reason = catalog(language, listing.chapter).get(listing.not_in_browser) or listing.not_in_browser
                shown_text = place.get_text().replace("\u2019", "'")  # Sphinx's smart quotes
                assert place.name == "p" and reason in shown_text, f"{listing.name}: {shown_text!r}"
                assert place.code.get_text() == listing.command

"""The book builds with zero warnings (-n -W --keep-going) in every builder."""

import re

import pytest

from asyncbook.languages import LANGUAGES, SOURCE_LANGUAGE
from conftest import MAKE, ROOT, sphinx

# html: built once per session by the html_of fixture, which fails on any
# warning; LaTeX and ePub: test_offline.py.
# doctest: on every interpreter, in test_pythons.py
BUILDS = [("gettext", SOURCE_LANGUAGE)]


@pytest.mark.parametrize("builder,language", BUILDS)
def test_builder_has_no_warnings(builder, language, tmp_path):
    code, log = sphinx(builder, tmp_path, language)
    assert code == 0, log
    assert "WARNING" not in log and "ERROR" not in log, log


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_builds_with_no_warning(html_of, language):
    out = html_of(language)
    code, log = html_of.logs[language]
    assert code == 0 and "WARNING" not in log and "ERROR" not in log, log
    assert (out / "index.html").exists()


def test_every_chapter_is_in_the_html(html_build):
    for page in sorted((ROOT / "book").glob("*.md")):
        assert (html_build / f"{page.stem}.html").exists(), page.name


def test_no_page_text_shows_unrendered_markup(html_build):
    """CommonMark does not close ** or * next to CJK punctuation (**真，**她):
    such emphasis shows its asterisks.  No page text may keep them."""
    from bs4 import BeautifulSoup

    for page in sorted(html_build.glob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:
            continue
        for code in article.select("pre, code"):
            code.decompose()
        # Python's special names (__aenter__, __anext__) are text, not markup:
        # the index lists them, and a timeline's labels name them.
        text = re.sub(r"\b__[A-Za-z]\w*__\b", "", article.get_text())
        for marker in ("**", "__", "{doc}", "{term}", "{numref}", ":::"):
            assert marker not in text, f"{page.name}: unrendered {marker!r} near {text[max(0, text.find(marker) - 30):text.find(marker) + 30]!r}"


def make(*arguments):
    import subprocess

    return subprocess.run([*MAKE, *arguments], cwd=ROOT, capture_output=True, text=True)


# What a successful build must not print: Sphinx's progress and MyST's
# configuration dump (-q), jieba's dictionary messages (asyncbook.quiet),
# and the LaTeX builder's hint (checked on the PDF jobs in test_offline.py).
NOISE = ["MdParserConfig", "Building prefix dict", "Loading model", "Prefix dict has been built",
         "reading sources", "writing output", "Run 'make' in that directory", "build succeeded"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_make_html_prints_only_its_command_and_result(language, tmp_path):
    proc = make("html", f"lang={language}", f"BUILD={tmp_path}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    printed = (proc.stdout + proc.stderr).splitlines()
    assert [noise for noise in NOISE if noise in proc.stdout + proc.stderr] == [], printed
    assert len(printed) == 2, printed  # the command make runs, and publish's "html [lang]: …/index.html"
    assert printed[-1] == f"html [{language}]: {tmp_path / language / 'html' / 'index.html'}"


def test_make_help_lists_every_target_with_no_make_variables():
    import re

    proc = make("help")
    assert proc.returncode == 0, proc.stderr
    assert "$(" not in proc.stdout, proc.stdout
    documented = re.findall(r"^## (\S+)", (ROOT / "Makefile").read_text("utf-8"), re.M)
    listed = re.findall(r"^(\S+) ", proc.stdout, re.M)
    assert documented and listed[: len(documented)] == documented, proc.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_parts_continue_the_chapter_numbers(html_of, language):
    """Each part is a numbered toctree of the index (parts.py): its caption
    heads it in the contents, and its chapters go on from the part before
    (Sphinx alone would number each part from 1)."""
    import re

    from bs4 import BeautifulSoup

    html = html_of(language)
    index = (ROOT / "book" / "index.md").read_text("utf-8")
    chapters = re.findall(r"^(ch\d\d-[\w-]+)$", index, re.M)
    assert len(re.findall(r":numbered:", index)) >= 2 and chapters
    soup = BeautifulSoup((html / "index.html").read_text("utf-8"), "html.parser")
    captions = [caption.get_text() for caption in soup.select("article p.caption")]
    assert len(captions) >= 3, captions  # two parts and the appendices
    for number, chapter in enumerate(chapters, 1):
        link = soup.select_one(f'article a[href="{chapter}.html"]')
        assert link.get_text().startswith(f"{number}. "), (chapter, link.get_text())
        page = BeautifulSoup((html / f"{chapter}.html").read_text("utf-8"), "html.parser")
        assert page.select_one("h1 span.section-number").get_text() == f"{number}. ", chapter


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_general_index_links_to_existing_anchors(html_of, language):
    """Every entry of genindex.html ({index} in the pages, the glossary's
    terms) leads to an anchor of its page: an {index} right before a
    listing would lose its anchor (the listing's first node is not written).
    The anchor holds text: the search page shows an index hit with the text
    at its anchor, and fails on an empty one (two {index} in a row, or one
    right before a heading, used to leave an empty <span>)."""
    from bs4 import BeautifulSoup

    html = html_of(language)
    index = BeautifulSoup((html / "genindex.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in index.select("table.indextable a[href]")]
    assert len(links) >= 10
    pages, broken, empty = {}, [], []
    for link in links:
        page, _, anchor = link.partition("#")
        if page not in pages:
            soup = BeautifulSoup((html / page).read_text("utf-8"), "html.parser")
            pages[page] = {tag["id"]: tag.get_text().strip() for tag in soup.select("[id]")}
        if anchor not in pages[page]:
            broken.append(link)
        elif not pages[page][anchor]:
            empty.append(link)
    assert not broken, broken
    assert not empty, f"index entries that point at an empty element: {empty}"

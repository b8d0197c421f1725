"""The book builds with zero warnings (-n -W --keep-going) in every builder."""

import pytest

from asyncbook.languages import LANGUAGES, SOURCE_LANGUAGE
from conftest import ROOT, sphinx

# html: built once per session by the html_of fixture, which fails on any
# warning; LaTeX and ePub: test_offline.py.
BUILDS = [("doctest", lang) for lang in LANGUAGES] + [("gettext", SOURCE_LANGUAGE)]


@pytest.mark.parametrize("builder,language", BUILDS)
def test_builder_has_no_warnings(builder, language, tmp_path):
    code, log = sphinx(builder, tmp_path, language)
    assert code == 0, log
    assert "WARNING" not in log and "ERROR" not in log, log


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_has_no_warnings(html_of, language):
    assert (html_of(language) / "index.html").exists()


def test_every_chapter_is_in_the_html(html_build):
    for page in sorted((ROOT / "book").glob("*.md")):
        assert (html_build / f"{page.stem}.html").exists(), page.name


def test_no_unrendered_markup(html_build):
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
        text = article.get_text()
        for marker in ("**", "__", "{doc}", "{term}", "{numref}", ":::"):
            assert marker not in text, f"{page.name}: unrendered {marker!r} near {text[max(0, text.find(marker) - 30):text.find(marker) + 30]!r}"

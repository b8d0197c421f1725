"""Chinese full-text search: the index keeps the book's terms whole, and a
reader typing a query into the built site's search page (Debian's chromium,
driven by Playwright) gets the chapters that contain it."""

import json

import pytest

from asyncbook.code_i18n import CJK
from conftest import ROOT

CHAPTERS_WITH = {  # query -> chapter pages that must be listed
    "协程": ["ch02-async-await", "ch05-faq"],
    "事件循环": ["ch02-async-await", "ch03-key-points", "ch04-frameworks"],
    "可等待对象": ["ch02-async-await", "ch03-key-points"],
    "烧水": ["ch01-why-async"],
}


def load_index(html):
    text = (html / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def pages_with(index, word):
    found = set()
    for table in ("terms", "titleterms"):
        hits = index[table].get(word, [])
        found |= {index["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits)}
    return found


@pytest.mark.parametrize("word", ["协程", "协程函数", "协程对象", "可等待对象", "事件循环", "任务", "并发"])
def test_terms_are_indexed_whole(html_build, word):
    assert pages_with(load_index(html_build), word), f"{word} is not in the search index"


def test_terms_are_not_split(html_build):
    # without the user dictionary jieba cuts 事件循环 into 事件/循环 only
    index = load_index(html_build)
    assert "事件循环" in index["terms"] and "可等待对象" in index["terms"]


def test_search_language_follows_the_edition():
    conf = (ROOT / "conf.py").read_text("utf-8")
    assert "html_search_language =" not in conf


@pytest.mark.parametrize("query", CHAPTERS_WITH)
def test_search_page_lists_chapters(html_build, chromium, serve, query):
    base = serve(html_build)
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/search.html?q={query}")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    links = page.locator("#search-results ul.search li > a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    found = {link.split(".html")[0] for link in links}
    assert not errors, errors  # e.g. "ChineseStemmer is not defined" (sphinx-doc/sphinx#14229)
    for chapter in CHAPTERS_WITH[query]:
        assert chapter in found, f"searching {query!r} did not list {chapter}: {sorted(found)}"
    page.close()


def test_english_edition_gets_english_search(html_of):
    index = load_index(html_of("en"))
    assert pages_with(index, "coroutin")  # English stemming: coroutine(s) -> coroutin
    assert "ch03-key-points" in pages_with(index, "event") and "ch03-key-points" in pages_with(index, "loop")
    chinese = [term for term in index["terms"] if CJK.search(term)]
    assert all(pages_with(index, term) == {"glossary"} for term in chinese), chinese  # the glossary's Chinese terms

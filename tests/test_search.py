"""Full-text search in each edition's built site.

The Chinese edition's index is cut into words by jieba, whose user
dictionary keeps the book's terms (协程函数, 事件循环, ...) whole; the English
edition's index is split and stemmed the English way.  A reader typing a
query into the built site's search page (Debian's chromium, driven by
Playwright) gets the chapters that contain it."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from asyncbook.code_i18n import CJK
from conftest import ROOT
from test_i18n import kept_chinese

CHAPTERS_WITH = {  # query -> chapter pages that must be listed
    "协程": ["ch02-async-await", "ch05-faq"],
    "事件循环": ["ch02-async-await", "ch03-key-points", "ch04-frameworks"],
    "可等待对象": ["ch02-async-await", "ch03-key-points"],
    "烧水": ["ch01-why-async"],
}
USER_DICTIONARY = ROOT / "book" / "_ext" / "jieba_userdict.txt"


def load_index(html):
    text = (html / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def index_terms(index):
    return set(index["terms"]) | set(index["titleterms"])


def pages_with(index, word):
    found = set()
    for table in ("terms", "titleterms"):
        hits = index[table].get(word, [])
        found |= {index["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits)}
    return found


@pytest.mark.parametrize("word", ["协程", "协程函数", "协程对象", "可等待对象", "事件循环", "任务", "并发"])
def test_chinese_index_has_the_term(html_build, word):
    assert pages_with(load_index(html_build), word), f"{word} is not in the search index"


def test_chinese_index_is_cut_by_jieba_with_the_user_dictionary(html_build):
    """jieba (cut_for_search) indexes a long word and the words inside it:
    事件循环 and 事件, 循环.  The user dictionary keeps the book's terms whole
    (plain jieba cuts 可等待对象 apart).  An index split at punctuation only
    (an English search language) has neither the parts nor short terms."""
    terms = index_terms(load_index(html_build))
    dictionary = [line.split()[0] for line in USER_DICTIONARY.read_text("utf-8").splitlines() if line.strip()]
    assert {"事件循环", "可等待对象", "协程函数"} <= set(dictionary)
    for word, parts in {"事件循环": ["事件", "循环"], "可等待对象": ["等待", "对象"], "协程函数": ["协程", "函数"]}.items():
        assert word in terms and all(part in terms for part in parts), (word, [p for p in parts if p not in terms])
    clauses = [term for term in terms if CJK.search(term) and len(term) > 8]
    assert not clauses, f"whole clauses indexed as one term (not cut into words): {clauses[:3]}"


def test_english_index_is_split_and_stemmed_the_english_way(html_of):
    """English search: words are stemmed (coroutines -> coroutin), split at
    every non-word character (asyncio.run -> asyncio, run; 3.11 -> numbers,
    not indexed), and the glossary's Chinese terms stay whole: jieba, which
    a Chinese search language would use, keeps 3.11 and cuts 事件循环."""
    index = load_index(html_of("en"))
    terms = index_terms(index)
    assert "coroutin" in terms and "coroutine" not in terms and "coroutines" not in terms
    assert "ch03-key-points" in pages_with(index, "event") and "ch03-key-points" in pages_with(index, "loop")
    assert not [term for term in terms if "." in term], sorted(term for term in terms if "." in term)
    assert "事件循环" in terms and "事件" not in terms and "循环" not in terms
    kept = {word.lower() for page in html_of("en").glob("*.html")  # Chinese kept on purpose ({zh}, {zh-code})
            for text in kept_chinese(BeautifulSoup(page.read_text("utf-8"), "html.parser"))
            for word in re.findall(r"\w+", text)}
    chinese = [term for term in terms if CJK.search(term) and term not in kept]
    assert all(pages_with(index, term) == {"glossary"} for term in chinese), chinese  # the glossary's Chinese terms


def search_results(browser, base, query):
    """Type a query into the search page; return (result links, summary
    line) once Sphinx's search has finished: it adds the results one by one
    and writes the summary line (p.search-summary) only after the last."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/search.html?q={query}")
    page.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')?.innerText.trim()", timeout=20_000)
    summary = page.locator("#search-results p.search-summary").inner_text()
    links = page.locator("#search-results ul.search li > a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    page.close()
    assert not errors, errors  # e.g. "ChineseStemmer is not defined" (sphinx-doc/sphinx#14229)
    return links, summary


@pytest.mark.parametrize("query", CHAPTERS_WITH)
def test_search_page_lists_the_chapters_with_the_query(html_build, chromium, serve, query):
    links, summary = search_results(chromium, serve(html_build), query)
    counts = [int(n) for n in re.findall(r"\d+", summary)] or [1]  # "found one page" has no digit
    assert counts == [len(links)], f"{summary!r} but {len(links)} results listed"
    found = {link.split(".html")[0] for link in links}
    for chapter in CHAPTERS_WITH[query]:
        assert chapter in found, f"searching {query!r} did not list {chapter}: {sorted(found)}"

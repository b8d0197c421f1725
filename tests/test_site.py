"""The HTML site as readers get it, in Debian's chromium (Playwright): both
editions served side by side the way `make book` lays them out
(``<lang>/html/``), on a phone and on a desktop.

- navigation: the chapter list, the language switch, the PDF/ePub links and
  the page's contents can be reached by tapping, and by keyboard;
- the interface speaks the edition's language, attributes included;
- nothing is wider than a phone's screen, and no listing is wider than
  79 columns (so that no code box scrolls on a desktop);
- the first load of a chapter stays light (tests/bench.py reports it);
- no request leaves the site;
- axe-core finds no serious or critical accessibility problem;
- a 404 page, Open Graph and description metadata, html lang and hreflang
  alternates in each edition.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from asyncbook import code_i18n, exercises, listings
from asyncbook.editions import text_width
from asyncbook.languages import EDITIONS, LANGUAGES, SOURCE_LANGUAGE
from conftest import ROOT, QuietHandler, first_load, serve_folder

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHAPTER = "ch02-async-await"
MAX_FIRST_LOAD = 120 * 1024  # bytes, gzip-compressed, search index aside
MAX_COLUMNS = 79
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")
# Latin words a Chinese reader's interface may show: names.
NAMES = {"PDF", "ePub", "Sphinx", "Furo"}


class NotFoundHandler(QuietHandler):
    """Like a web server with the book's 404 page: a missing file under
    <lang>/html/ gets that edition's 404.html (as Read the Docs does)."""

    def send_error(self, code, message=None, explain=None):
        parts = urlsplit(self.path).path.strip("/").split("/")
        page = Path(self.directory, *parts[:2], "404.html")
        if code != 404 or len(parts) < 2 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site(html_of):
    """URL of the folder holding every edition's html/, served on 127.0.0.1."""
    roots = {html_of(language).parent.parent for language in LANGUAGES}
    assert len(roots) == 1, roots
    url, server = serve_folder(roots.pop(), NotFoundHandler)
    yield url
    server.shutdown()


def pages(html):
    return sorted(path.name for path in html.glob("*.html"))


def open_page(chromium, url, viewport=PHONE, **options):
    page = chromium.new_page(viewport=viewport, **options)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.errors = errors
    return page


def in_view(page, selector):
    """The element is visible and on screen: a reader can tap it."""
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    return (page.locator(selector).first.is_visible() and box is not None
            and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size["width"]
            and box["y"] + box["height"] <= size["height"])


def other(language):
    return next(code for code in LANGUAGES if code != language)


# Navigation ------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_reader_taps_through_the_book(chromium, site, language):
    page = open_page(chromium, f"{site}/{language}/html/{CHAPTER}.html", has_touch=True, is_mobile=True)
    assert not in_view(page, ".sidebar-tree a[href='ch03-key-points.html']"), "the chapter list covers the page"
    # the menu opens the chapter list, and a chapter can be chosen
    page.locator(".mobile-header label.nav-overlay-icon").tap()
    page.wait_for_timeout(400)  # the drawer slides in
    assert in_view(page, ".sidebar-tree a[href='ch03-key-points.html']"), "the menu does not show the chapters"
    page.locator(".sidebar-tree a[href='ch03-key-points.html']").tap()
    page.wait_for_url("**/ch03-key-points.html")
    # the downloads and the language switch are in the menu
    page.locator(".mobile-header label.nav-overlay-icon").tap()
    page.wait_for_timeout(400)
    for link in page.locator(".book-editions-offline a").all():
        link.scroll_into_view_if_needed()
        assert link.is_visible() and link.bounding_box()["x"] >= 0, link.get_attribute("href")
    switch = page.locator(f".book-language-switch a[hreflang='{EDITIONS[other(language)].bcp47}']")
    switch.scroll_into_view_if_needed()
    switch.tap()
    page.wait_for_url(f"**/{other(language)}/html/ch03-key-points.html")
    # the page's contents: behind their own button
    page.locator(".mobile-header label.toc-overlay-icon").tap()
    page.wait_for_timeout(400)
    entry = page.locator(".toc-tree a.reference").nth(1)
    assert entry.is_visible() and entry.bounding_box()["x"] + entry.bounding_box()["width"] <= PHONE["width"]
    target = entry.get_attribute("href")
    entry.tap()
    page.wait_for_timeout(400)
    assert page.url.endswith(target)
    assert not page.errors, page.errors
    page.close()


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching selector has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_reader_reaches_the_chapters_and_the_other_edition(chromium, site, language, viewport):
    page = open_page(chromium, f"{site}/{language}/html/{CHAPTER}.html", viewport)
    if viewport is PHONE:
        tab_to(page, "#__navigation")
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
    tab_to(page, ".sidebar-tree a[href='ch03-key-points.html']")
    assert in_view(page, ".sidebar-tree a[href='ch03-key-points.html']")
    target = EDITIONS[other(language)].bcp47
    tab_to(page, f".book-language-switch a[hreflang='{target}']")
    assert in_view(page, f".book-language-switch a[hreflang='{target}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{other(language)}/html/{CHAPTER}.html")
    page.close()


def test_closed_menu_is_out_of_the_tab_order(chromium, site):
    """On a phone, Tab does not wander through the hidden chapter list."""
    page = open_page(chromium, f"{site}/{SOURCE_LANGUAGE}/html/{CHAPTER}.html")
    for _ in range(12):
        page.keyboard.press("Tab")
        assert not page.evaluate("!!document.activeElement.closest('.sidebar-drawer')"), "focus went into the closed menu"
    page.close()


# The interface's language ----------------------------------------------------

CHROME_STRINGS = """(wholeArticle) => {
  // Text and labels of the interface: everything but the book's own text
  // (the article, the chapter titles in the menus, the search results).
  // The search page's and the 404 page's articles are interface.
  const content = (wholeArticle ? "" : "article[role=main] > *, ")
    + ".sidebar-tree, .toc-tree, .related-pages .title, "
    + ".sidebar-brand-text, .mobile-header .brand, ul.search, script, style, svg";
  const found = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || parent.closest(content)) continue;
    found.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [data-tooltip]"))
    for (const name of ["aria-label", "title", "placeholder", "alt", "data-tooltip"])
      if (el.getAttribute(name) && !(el.closest(content) && name === "title" && el.tagName === "ABBR"))
        found.push(el.getAttribute(name).trim());
  found.push(document.title);
  return found;
}"""


def chrome_of(page, whole_article=False):
    """The interface strings of a page as shown in the browser, scripts'
    strings included (the copy button's tooltip shows on hover)."""
    if page.locator("div.highlight").count():
        page.locator("div.highlight").first.hover()
    return page.evaluate(CHROME_STRINGS, whole_article)


def wrong_language(language, strings):
    switch = {edition.native_name for edition in EDITIONS.values()}
    if language == SOURCE_LANGUAGE:
        return sorted({s for s in strings if LATIN.search(s) and not CJK.search(s)
                       and s not in NAMES | switch and not re.fullmatch(r"[\d\W]*", s)})
    return sorted({s for s in strings if CJK.search(s) and s not in switch})


@pytest.mark.parametrize("language", LANGUAGES)
def test_interface_speaks_the_editions_language(chromium, site, html_of, language):
    problems = {}
    urls = [f"{site}/{language}/html/{name}" for name in pages(html_of(language))]
    urls.append(f"{site}/{language}/html/no/such/page.html")  # the 404 page
    for url in urls:
        page = open_page(chromium, url)
        if url.endswith("search.html"):
            page.goto(url + "?q=" + ("协程" if language == SOURCE_LANGUAGE else "coroutine"))
            page.wait_for_selector("#search-results ul.search li", timeout=20_000)
            page.wait_for_function("!document.querySelector('#search-progress')?.textContent?.trim()"
                                   " || document.querySelector('#search-results p.search-summary')", timeout=20_000)
            page.wait_for_timeout(1500)
        strings = chrome_of(page, whole_article=url.endswith(("search.html", "404.html", "/no/such/page.html")))
        wrong = wrong_language(language, strings)
        if wrong:
            problems[url.rsplit("/html/", 1)[1]] = wrong
        page.close()
    assert not problems, f"{language} interface strings in another language: {problems}"


def test_wrong_language_finds_english_in_chinese_and_chinese_in_english():
    assert wrong_language("zh_CN", ["搜索", "Toggle site navigation sidebar", "PDF", "English", "2.1"]) == [
        "Toggle site navigation sidebar"]
    assert wrong_language("en", ["Search", "搜索", "中文"]) == ["搜索"]


# Layout ----------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_is_wider_than_a_phone(chromium, site, html_of, language):
    """The page does not scroll sideways, and neither does its text column
    (Furo lets .content scroll, which would hide a table too wide for it):
    only code boxes and tables scroll, each within itself."""
    too_wide = {}
    for name in pages(html_of(language)):
        page = open_page(chromium, f"{site}/{language}/html/{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = f"page {width} px"
        columns = page.evaluate("""[...document.querySelectorAll('.main, .content')]
            .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => `${el.className || el.tagName}: ${el.scrollWidth} px`)""")
        if columns:
            too_wide[name] = columns
        page.close()
    assert not too_wide, f"wider than {PHONE['width']} px: {too_wide}"


columns = text_width  # East Asian wide characters count as 2, as an editor shows them


@pytest.mark.parametrize("language", LANGUAGES)
def test_listings_fit_79_columns(language):
    long_lines = []
    for listing in listings.all_listings() + exercises.all_exercises():  # an exercise: starter and solution
        table = code_i18n.catalog(language, listing.chapter) if language != SOURCE_LANGUAGE else {}
        for path in code_i18n.translated_files(listing.path):
            if path.suffix != ".py":
                continue
            source = code_i18n.translate(path.read_text("utf-8"), table.get)
            for number, line in enumerate(source.splitlines(), 1):
                if columns(line) > MAX_COLUMNS:
                    long_lines.append(f"{path.relative_to(ROOT)}:{number} [{language}] {columns(line)} columns: {line.strip()}")
    assert not long_lines, "\n".join(long_lines)


def test_columns_count_wide_characters_twice():
    assert columns("print('ok')") == 11 and columns("# 下载") == 6


# Weight and requests ---------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_first_load_of_a_chapter_is_light(chromium, site, language):
    files = first_load(chromium, f"{site}/{language}/html/{CHAPTER}.html")
    total = sum(size for _, size in files)
    heaviest = ", ".join(f"{urlsplit(url).path} {size / 1024:.1f} KB" for url, size in files[:5])
    assert total <= MAX_FIRST_LOAD, f"{total / 1024:.0f} KB in {len(files)} requests: {heaviest}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_request_leaves_the_site(chromium, site, html_of, language):
    outside = set()
    host = urlsplit(site).netloc
    for name in [*pages(html_of(language)), "search.html?q=async", "no/such/page.html"]:
        page = chromium.new_page(viewport=PHONE)
        page.on("request", lambda request: outside.add(request.url) if urlsplit(request.url).netloc != host
                and not request.url.startswith(("data:", "blob:")) else None)
        page.goto(f"{site}/{language}/html/{name}", wait_until="networkidle")
        page.close()
    assert not outside, sorted(outside)


# Accessibility ---------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_serious_problem(chromium, site, html_of, language, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = {}
    for name in pages(html_of(language)):
        page = open_page(chromium, f"{site}/{language}/html/{name}", DESKTOP, color_scheme=scheme)
        results = axe.run(page)
        serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
                   for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[name] = serious
        page.close()
    assert not problems, "\n".join(f"{name}: {problem}" for name, found in problems.items() for problem in found)


# Metadata --------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_name_their_language_and_translations(html_of, language):
    edition = EDITIONS[language]
    for name in pages(html_of(language)):
        soup = BeautifulSoup((html_of(language) / name).read_text("utf-8"), "html.parser")
        assert soup.html["lang"] == edition.bcp47, name
        if name == "404.html":
            continue
        alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert set(alternates) == {EDITIONS[code].bcp47 for code in LANGUAGES} | {"x-default"}, name
        for code in LANGUAGES:
            target = (html_of(language) / alternates[EDITIONS[code].bcp47]).resolve()
            assert target == (html_of(code) / name).resolve() and target.exists(), f"{name} -> {target}"
        if not (ROOT / "book" / name).with_suffix(".md").exists():
            continue  # search, genindex: no text to describe
        assert soup.find("meta", attrs={"name": "description"})["content"].strip(), name
        assert soup.find("meta", property="og:title")["content"].strip(), name
        assert soup.find("meta", property="og:site_name")["content"] == edition.title, name


def test_readthedocs_urls_are_absolute(tmp_path, monkeypatch):
    """On Read the Docs, alternates and og:url are absolute, and the 404
    page's links start with /<slug>/<version>/."""
    from conftest import sphinx

    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_VERSION", "latest")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "en")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://asyncbook.readthedocs.io/en/latest/")
    code, log = sphinx("html", tmp_path, "en")
    assert code == 0 and "WARNING" not in log, log
    soup = BeautifulSoup((tmp_path / f"{CHAPTER}.html").read_text("utf-8"), "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    assert alternates == {
        "zh-CN": f"https://asyncbook.readthedocs.io/zh-cn/latest/{CHAPTER}.html",
        "en": f"https://asyncbook.readthedocs.io/en/latest/{CHAPTER}.html",
        "x-default": f"https://asyncbook.readthedocs.io/zh-cn/latest/{CHAPTER}.html",
    }
    assert soup.find("meta", property="og:url")["content"] == f"https://asyncbook.readthedocs.io/en/latest/{CHAPTER}.html"
    assert soup.find("link", rel="canonical")["href"] == f"https://asyncbook.readthedocs.io/en/latest/{CHAPTER}.html"
    not_found = BeautifulSoup((tmp_path / "404.html").read_text("utf-8"), "html.parser")
    for tag in not_found.select("link[rel=stylesheet], script[src]"):
        assert (tag.get("href") or tag.get("src")).startswith("/en/latest/_static/"), tag
    downloads = [a["href"] for a in not_found.select(".book-editions-offline a")]
    assert downloads == ["/_/downloads/en/latest/pdf/", "/_/downloads/en/latest/epub/"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_page_is_styled_and_links_work(chromium, site, language):
    page = open_page(chromium, f"{site}/{language}/html/some/old/page.html", DESKTOP)
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.reload(wait_until="networkidle")
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", "no stylesheet"
    assert page.locator("link[rel=stylesheet]").count() and page.evaluate(
        "[...document.styleSheets].every(sheet => { try { return sheet.cssRules.length > 0 } catch (e) { return false } })")
    assert page.locator("article h1").inner_text().strip()
    page.locator("article a").first.click()
    page.wait_for_url(f"**/{language}/html/index.html")
    assert not failed, failed
    # the language switch leads to the other edition's contents
    page.goto(f"{site}/{language}/html/some/old/page.html")
    page.locator(f".book-language-switch a[hreflang='{EDITIONS[other(language)].bcp47}']").click()
    page.wait_for_url(f"**/{other(language)}/html/index.html")
    page.close()

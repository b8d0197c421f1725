"""The listings' Run buttons (book/_static/run.js, run-worker.mjs), in
Debian's chromium, in both editions:

- every listing that can run in a browser, run in its page, prints what the
  book recorded for Python 3.14 (Pyodide is CPython 3.14), and the program it
  runs is the edition's own text, the one the page shows;
- Stop ends a program that runs forever; an edited program runs; Reset
  restores the text; a raising program shows its traceback;
- the runtime comes from the site itself, and only on the first Run;
- a browser without WebAssembly or module workers says so on the button;
  one without WebAssembly stack switching (JSPI, which Safari lacks) runs
  the programs;
- the page stays usable and accessible with the buttons (phone, desktop,
  light and dark), and the ePub has none of it.
"""

import re
import zipfile
from urllib.parse import urlsplit

import pytest

from asyncbook import browser, listings
from asyncbook.languages import LANGUAGES, SOURCE_LANGUAGE
from asyncbook.normalize import normalize
from asyncbook.publish import sphinx_env
from conftest import ROOT, first_load, serve_folder
from test_site import DESKTOP, MAX_FIRST_LOAD, PHONE

RUNNABLE = [listing for listing in listings.all_listings()
            if listing.not_in_browser is None and "repl" not in listing.options]
CHAPTER = "ch02-async-await"
FIRST = "ch02-async-await/01-gather"
DONE = ("finished", "stopped", "failed")
# What each worker is sent: recorded before the page's own scripts run.
RECORD_PROGRAMS = """
window.programsSent = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && typeof message.code === "string") window.programsSent.push(message.code);
  return post.call(this, message, ...rest);
};
"""
FOREVER = """import asyncio


async def main():
    n = 0
    while True:
        print("tick", n)
        n += 1
        await asyncio.sleep(0.1)


asyncio.run(main())
"""
RAISES = """def divide(a, b):
    return a / b


print("before")
divide(1, 0)
"""


@pytest.fixture(scope="module")
def site(html_of):
    roots = {html_of(language).parent.parent for language in LANGUAGES}
    assert len(roots) == 1, roots
    url, server = serve_folder(roots.pop())
    yield url
    server.shutdown()


PYODIDE = "3.14"  # the Python the page runs: Pyodide 314 is CPython 3.14


def expected(listing, language):
    """What the book recorded for the Python the page runs."""
    return in_real_time(listing.expected_path(language, PYODIDE).read_text("utf-8"))


# Debug mode reports a slow step to the millisecond ("took 2.000 seconds").
# The recording ran on the virtual clock; the page runs in real time, where a
# 2-second step takes 2.0 s and a few milliseconds more, by chance.  The
# milliseconds are compared as "xx" on both sides; the tenths still count.
SLOW_STEP = re.compile(r"(took \d+\.\d)\d\d( seconds)")


def in_real_time(text):
    return SLOW_STEP.sub(r"\1xx\2", text)


def as_shown(text):
    """A run's output as the page shows it, made comparable with ``expected``."""
    return in_real_time(normalize(text))


def slot(name):
    return f"div.listing-run[data-listing='{name}']"


def open_page(chromium, url, viewport=DESKTOP, **options):
    page = chromium.new_page(viewport=viewport, **options)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.add_init_script(RECORD_PROGRAMS)
    page.goto(url)
    return page


def wait_done(page, name, timeout=60_000):
    from playwright.sync_api import TimeoutError

    try:
        page.wait_for_function(f"{list(DONE)!r}.includes(document.querySelector({slot(name)!r}).dataset.state)",
                               timeout=timeout)
    except TimeoutError:
        state = page.locator(slot(name)).get_attribute("data-state")
        shown, status = output_of(page, name)
        pytest.fail(f"{page.url} {name}: still {state} after {timeout / 1000:g} s ({status!r}); "
                    f"output so far: {shown!r}; page errors: {page.errors}", pytrace=False)


def output_of(page, name):
    """This run's output as the page shows it, and its status line."""
    box = page.locator(f"{slot(name)} ~ .listing-run-output").first
    return box.locator("pre").text_content(), box.locator(".listing-run-status").text_content()


# How many programs run at once in `runs`, to keep the suite fast.  Several
# listings print the seconds they took, to one decimal: on a busy machine
# (Python loading in other tabs) a timer can fire late enough to make 10.0
# read 10.1.  So a listing whose output differs from its recording is run
# once more, alone, and that run must match exactly.
AT_ONCE = 3


@pytest.fixture(scope="module")
def runs(chromium, site):
    """Every runnable listing of every edition, run in its page (each
    chapter in its own tab, AT_ONCE programs at a time); per (language,
    listing name): the program the code block shows, the programs the page
    sent to its workers, the output shown, the status line and the state."""
    import time

    started = time.monotonic()
    pages, queue = {}, []
    for language in LANGUAGES:
        for listing in RUNNABLE:
            key = language, listing.chapter
            if key not in pages:
                pages[key] = open_page(chromium, f"{site}/{language}/html/{listing.chapter}.html")
            queue.append((pages[key], listing.name))
    running, deadline = [], {}
    while queue or running:
        while queue and len(running) < AT_ONCE:
            page, name = queue.pop(0)
            page.locator(f"{slot(name)} .listing-run-start").click()
            running.append((page, name))
            deadline[page, name] = time.monotonic() + 60
        time.sleep(0.1)
        for page, name in list(running):
            if page.locator(slot(name)).get_attribute("data-state") in DONE:
                running.remove((page, name))
            elif time.monotonic() > deadline[page, name]:
                wait_done(page, name, timeout=1)  # fails with what the page shows
    print(f"\n{len(LANGUAGES) * len(RUNNABLE)} runs, {AT_ONCE} at a time, in {time.monotonic() - started:.1f} s")
    for (language, chapter), page in pages.items():  # each differing listing once more, alone
        for listing in RUNNABLE:
            if listing.chapter == chapter and as_shown(output_of(page, listing.name)[0]) != expected(listing, language):
                print(f"\n{language} {listing.name}: its output differs, running it once more, alone:",
                      repr(output_of(page, listing.name)[0]))
                page.locator(f"{slot(listing.name)} .listing-run-start").click()
                wait_done(page, listing.name)
    results = {}
    for (language, chapter), page in pages.items():
        sent = page.evaluate("window.programsSent")
        for listing in RUNNABLE:
            if listing.chapter != chapter:
                continue
            shown, status = output_of(page, listing.name)
            code = page.evaluate(f"document.querySelector({slot(listing.name)!r}).previousElementSibling"
                                 ".querySelector('.listing-code pre').textContent")
            results[language, listing.name] = {"shown": shown, "status": status, "code": code, "sent": sent,
                                               "state": page.locator(slot(listing.name)).get_attribute("data-state")}
        assert not page.errors, page.errors
        page.close()
    return results


@pytest.mark.parametrize("listing", RUNNABLE, ids=[listing.name for listing in RUNNABLE])
@pytest.mark.parametrize("language", LANGUAGES)
def test_run_in_the_page_prints_the_recorded_output(runs, language, listing):
    run = runs[language, listing.name]
    assert run["state"] == "finished", run["status"]
    assert as_shown(run["shown"]) == expected(listing, language), (
        f"{language} {listing.name}: the page's run differs from "
        f"{listing.expected_path(language, PYODIDE).relative_to(listings.ROOT)}")


@pytest.mark.parametrize("listing", RUNNABLE, ids=[listing.name for listing in RUNNABLE])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_runs_the_editions_own_program(runs, language, listing):
    program = listing.program(language)["main.py"].decode("utf-8")
    run = runs[language, listing.name]
    assert run["code"] == program, "the code block does not show the edition's program"
    assert program in run["sent"], "the page ran another text than the code block's"


def edit(page, name, text):
    page.locator(f"{slot(name)} .listing-run-edit").click()
    page.locator(f"{slot(name)} ~ textarea.listing-run-editor, "
                 f"div:has(+ {slot(name)}) textarea.listing-run-editor").fill(text)


def test_stop_ends_a_program_that_runs_forever(chromium, site):
    page = open_page(chromium, f"{site}/{SOURCE_LANGUAGE}/html/{CHAPTER}.html")
    edit(page, FIRST, FOREVER)
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    page.wait_for_function(f"document.querySelector({slot(FIRST)!r} + ' ~ .listing-run-output pre')"
                           "?.textContent.includes('tick 3')", timeout=30_000)
    assert page.locator(f"{slot(FIRST)} .listing-run-start").is_disabled()
    page.locator(f"{slot(FIRST)} .listing-run-stop").click()
    assert page.locator(slot(FIRST)).get_attribute("data-state") == "stopped"
    stopped, status = output_of(page, FIRST)
    assert status == "已停止。"
    page.wait_for_timeout(500)
    assert output_of(page, FIRST)[0] == stopped, "the program still prints after Stop"
    # ready again: Stop is gone, Run runs the program once more from its start
    assert page.locator(f"{slot(FIRST)} .listing-run-stop").is_hidden()
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    page.wait_for_function(f"document.querySelector({slot(FIRST)!r}).dataset.state === 'running'", timeout=30_000)
    page.wait_for_function(f"document.querySelector({slot(FIRST)!r} + ' ~ .listing-run-output pre')"
                           "?.textContent.startsWith('tick 0\\ntick 1')", timeout=30_000)
    page.locator(f"{slot(FIRST)} .listing-run-stop").click()
    assert not page.errors, page.errors
    page.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_edited_program_runs_and_reset_restores_the_text(chromium, site, language):
    page = open_page(chromium, f"{site}/{language}/html/{CHAPTER}.html")
    original = listings.find(FIRST).program(language)["main.py"].decode("utf-8")
    edit(page, FIRST, 'print("edited", 6 * 7)\n')
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    wait_done(page, FIRST)
    shown, status = output_of(page, FIRST)
    assert shown == "edited 42\n"
    assert status == ("运行结束，退出状态为 0。" if language == SOURCE_LANGUAGE else "Finished with exit status 0.")
    page.locator(f"{slot(FIRST)} .listing-run-reset").click()
    assert page.locator("textarea.listing-run-editor").count() == 0
    code = page.locator(f"div:has(+ {slot(FIRST)}) .listing-code")
    assert code.is_visible() and code.locator("pre").text_content() == original
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    page.wait_for_function(f"document.querySelector({slot(FIRST)!r}).dataset.state === 'running'", timeout=30_000)
    assert page.evaluate("window.programsSent") == ['print("edited", 6 * 7)\n', original]
    page.locator(f"{slot(FIRST)} .listing-run-stop").click()
    page.close()


def test_a_raising_program_shows_its_traceback(chromium, site):
    page = open_page(chromium, f"{site}/en/html/{CHAPTER}.html")
    edit(page, FIRST, RAISES)
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    wait_done(page, FIRST)
    shown, status = output_of(page, FIRST)
    assert shown == ("before\nTraceback (most recent call last):\n"
                     '  File "main.py", line 6, in <module>\n    divide(1, 0)\n    ~~~~~~^^^^^^\n'
                     '  File "main.py", line 2, in divide\n    return a / b\n           ~~^~~\n'
                     "ZeroDivisionError: division by zero\n")
    assert status == "Finished with exit status 1."
    stderr = page.locator(f"{slot(FIRST)} ~ .listing-run-output .listing-run-stderr").first.text_content()
    assert stderr.startswith("Traceback") and "ZeroDivisionError" in stderr
    page.close()


def test_runtime_comes_from_the_site_on_the_first_run_only(chromium, site):
    context = chromium.new_context(viewport=DESKTOP)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(f"{site}/{SOURCE_LANGUAGE}/html/{CHAPTER}.html", wait_until="networkidle")
    before = list(requests)
    assert any(urlsplit(url).path.endswith("/_static/run.js") for url in before)
    assert not [url for url in before if "/_static/pyodide/" in url or "run-worker" in url], before
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    wait_done(page, FIRST)
    page.wait_for_load_state("networkidle")
    fetched = {urlsplit(url).path.rsplit("/", 1)[-1] for url in requests if "/_static/pyodide/" in url}
    assert set(browser.RUNTIME) <= fetched, fetched
    host = urlsplit(site).netloc
    outside = [url for url in requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")
               and urlsplit(url).netloc != host]
    assert not outside, outside
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_load_stays_light_and_without_the_runtime(chromium, site, language):
    files = first_load(chromium, f"{site}/{language}/html/{CHAPTER}.html")
    paths = [urlsplit(url).path for url, _ in files]
    assert any(path.endswith("/_static/run.js") for path in paths)
    assert not [path for path in paths if "/pyodide/" in path or "run-worker" in path], paths
    assert sum(size for _, size in files) <= MAX_FIRST_LOAD


NO_WEBASSEMBLY = "delete window.WebAssembly;"
# A Worker that knows nothing of module workers (it never reads `type`).
CLASSIC_WORKERS_ONLY = "window.Worker = class { constructor(url) { this.url = url; } terminate() {} };"


@pytest.mark.parametrize("stub, english", [
    (NO_WEBASSEMBLY, "This browser cannot run Python here: it does not support WebAssembly."),
    (CLASSIC_WORKERS_ONLY, "This browser cannot run Python here: it does not support module workers."),
], ids=["no-webassembly", "no-module-workers"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_browser_that_cannot_run_python_says_so(chromium, site, language, stub, english):
    page = chromium.new_page(viewport=PHONE)
    page.add_init_script(stub)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site}/{language}/html/{CHAPTER}.html")
    button = page.locator(f"{slot(FIRST)} .listing-run-start")
    note = page.locator(f"{slot(FIRST)} .listing-run-note")
    chinese = {
        NO_WEBASSEMBLY: "这个浏览器不能在网页里运行 Python：它不支持 WebAssembly。",
        CLASSIC_WORKERS_ONLY: "这个浏览器不能在网页里运行 Python：它不支持模块类型的 Web Worker。",
    }[stub]
    assert note.text_content() == (chinese if language == SOURCE_LANGUAGE else english)
    assert button.get_attribute("aria-disabled") == "true"
    assert button.get_attribute("aria-describedby") == note.get_attribute("id")
    button.click(force=True)  # Playwright itself waits for an aria-disabled button
    page.wait_for_timeout(300)
    assert page.locator(slot(FIRST)).get_attribute("data-state") == "unsupported"
    assert not [url for url in requests if "/pyodide/" in url], requests
    page.close()


# A browser without WebAssembly stack switching (JSPI), as Safari: in the
# page and in the worker, which gets it removed before Pyodide loads.
NO_STACK_SWITCHING = "delete WebAssembly.Suspending;"


def test_a_browser_without_stack_switching_runs_the_programs(chromium, site):
    page = chromium.new_page(viewport=PHONE)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.add_init_script(NO_STACK_SWITCHING)

    def worker_without_stack_switching(route):
        response = route.fetch()
        route.fulfill(response=response, body=NO_STACK_SWITCHING + "\n" + response.text())

    page.route("**/_static/run-worker.mjs", worker_without_stack_switching)
    page.goto(f"{site}/{SOURCE_LANGUAGE}/html/{CHAPTER}.html")
    assert page.evaluate("typeof WebAssembly.Suspending") == "undefined"
    assert page.locator(f"{slot(FIRST)} .listing-run-note").count() == 0
    edit(page, FIRST, "import asyncio\nprint(hasattr(__import__('js').WebAssembly, 'Suspending'))\n"
         + listings.find(FIRST).program(SOURCE_LANGUAGE)["main.py"].decode("utf-8"))
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    wait_done(page, FIRST)
    shown, status = output_of(page, FIRST)
    assert page.locator(slot(FIRST)).get_attribute("data-state") == "finished", status
    assert in_real_time(normalize(shown)) == "False\n" + expected(listings.find(FIRST), SOURCE_LANGUAGE)
    assert not page.errors, page.errors
    page.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_buttons_speak_the_editions_language(chromium, site, language):
    page = open_page(chromium, f"{site}/{language}/html/{CHAPTER}.html")
    texts = page.locator(f"{slot(FIRST)} button").all_text_contents()
    assert texts == (["运行", "编辑", "还原", "停止"] if language == SOURCE_LANGUAGE else ["Run", "Edit", "Reset", "Stop"])
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_after_a_run_the_page_fits_and_axe_finds_no_serious_problem(chromium, site, language, scheme, viewport):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(chromium, f"{site}/{language}/html/{CHAPTER}.html", viewport, color_scheme=scheme,
                     has_touch=viewport is PHONE, is_mobile=viewport is PHONE)
    second = RUNNABLE[[listing.name for listing in RUNNABLE].index(FIRST) + 1].name
    edit(page, FIRST, RAISES)  # its output: stdout, then a traceback on stderr
    page.locator(f"{slot(FIRST)} .listing-run-start").click()
    wait_done(page, FIRST)
    page.locator(f"{slot(second)} .listing-run-start").click()  # running: its Stop button shows
    page.wait_for_function(f"document.querySelector({slot(second)!r}).dataset.state === 'running'", timeout=30_000)
    if viewport is PHONE:
        for button in page.locator(".listing-run-bar button:visible").all():
            box = button.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, (button.text_content(), box)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide"
    # The buttons, the editor and this run's output (test_site.py checks
    # whole pages; on a phone it would also find Furo's code blocks, which
    # scroll sideways and cannot take the focus: not the Run buttons' doing).
    results = Axe().run(page, context={"include": [[".listing-run"], [".listing-run-output"],
                                                   [".listing-run-editor"]]})
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)
    page.locator(f"{slot(second)} .listing-run-stop").click()
    assert not page.errors, page.errors
    page.close()


def test_the_epub_has_no_run_buttons(tmp_path):
    import subprocess
    import sys

    command = [sys.executable, "-m", "asyncbook.publish", "epub", "--lang", SOURCE_LANGUAGE,
               "--out", str(tmp_path / "epub"), "--work", str(tmp_path / "work")]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=sphinx_env())
    assert proc.returncode == 0 and "WARNING" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    epub = next((tmp_path / "epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        names = book.namelist()
        pages = "".join(book.read(name).decode("utf-8") for name in names if name.endswith(".xhtml"))
    assert not [name for name in names if re.search(r"run\.(js|css)$|run-worker|pyodide", name)], names
    assert "listing-run" not in pages and "run.js" not in pages

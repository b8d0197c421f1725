"""Benchmark: how long the book takes to build and test, and how heavy a
chapter is for a reader's browser.  Measures only.

    make bench                          # every measurement
    python tests/bench.py weight run listings   # some of them

Each build runs from scratch into a temporary folder, as the tests do.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ROOT, first_load, launch_chromium, serve_folder, sphinx  # noqa: E402

from asyncbook import listings, pythons, runner  # noqa: E402
from asyncbook.languages import LANGUAGES  # noqa: E402


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def bench_builders():
    rows = []
    for language in LANGUAGES:
        for builder in ("html", "doctest", "gettext"):
            with tempfile.TemporaryDirectory() as out:
                seconds, (code, _) = timed(lambda: sphinx(builder, Path(out), language))
                rows.append((f"sphinx {builder} [{language}]", seconds, "ok" if code == 0 else "FAILED"))
    return rows


def bench_offline():
    """PDF and ePub, through the same command as the Makefile and Read the Docs."""
    import os
    import subprocess

    rows = []
    env = {**os.environ, "PYTHONPATH": str(ROOT / "book" / "_ext")}
    for language in LANGUAGES:
        for fmt in ("pdf", "epub"):
            with tempfile.TemporaryDirectory() as out:
                command = [sys.executable, "-m", "asyncbook.publish", fmt, "--lang", language,
                           "--out", f"{out}/{fmt}", "--work", f"{out}/work"]
                seconds, proc = timed(lambda: subprocess.run(command, env=env, capture_output=True, text=True))
                files = list(Path(out, fmt).glob("*"))
                note = f"{files[0].stat().st_size / 1024:.0f} KiB" if proc.returncode == 0 and files else "FAILED"
                rows.append((f"{fmt} [{language}]", seconds, note))
    return rows


def bench_tests():
    import subprocess

    seconds, proc = timed(lambda: subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                                                 cwd=ROOT, capture_output=True, text=True))
    return [("make test (pytest, whole suite)", seconds, proc.stdout.strip().splitlines()[-1])]


def bench_listings():
    """Each edition's listings, on each CPython found (asyncbook.pythons)."""
    rows = []
    for python in pythons.found():
        for language in LANGUAGES:
            virtual = real = claimed = 0.0
            for listing in listings.all_listings():
                seconds, run = timed(lambda: runner.run(listing, language, python=python))
                if listing.clock == "virtual":
                    virtual += seconds
                    claimed += run.timeline[-1][0] if run.timeline else 0
                else:
                    real += seconds
            rows.append((f"listings on the virtual clock [{language}] [{python.id}]", virtual, f"{claimed:g} s of sleeping claimed"))
            rows.append((f"listings on the real clock [{language}] [{python.id}]", real, ""))
    return rows


def bench_timelines():
    """Drawing every recorded run's timeline, as a first build does (SVG and PDF;
    later builds take them from _build/timelines)."""
    from asyncbook import timeline

    rows = []
    for language in LANGUAGES:
        runs = [timeline.load(item, language) for item in listings.all_listings() if item.events_path(language).exists()]
        with tempfile.TemporaryDirectory() as out:
            timeline.CACHE = Path(out) / "cache"  # drawn afresh, not from _build/timelines
            for fmt in ("svg", "pdf"):
                size = 0

                def draw():
                    nonlocal size
                    for i, events in enumerate(runs):
                        scale = timeline.end_time(events) or 1.0
                        if fmt == "svg":
                            size += len(timeline.svg(events, scale).encode())
                        else:
                            path = Path(out, f"{i}.pdf")
                            timeline.pdf(events, scale, path)
                            size += path.stat().st_size
                seconds, _ = timed(draw)
                rows.append((f"timelines {fmt} [{language}]", seconds, f"{len(runs)} figures, {size / 1024:.0f} KiB"))
    return rows


WEIGHED_PAGE = "ch02-async-await.html"


def bench_weight():
    """First load of a chapter in each edition, as Chromium fetches it from a
    web server that compresses (gzip), search index aside; the limit (120 KB)
    is tests/test_site.py's."""
    from urllib.parse import urlsplit

    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as out, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for language in LANGUAGES:
            html = Path(out, language, "html")
            code, _ = sphinx("html", html, language)
            if code:
                rows.append((f"first load of {WEIGHED_PAGE} [{language}]", 0.0, "FAILED to build"))
                continue
            base, server = serve_folder(html)
            seconds, files = timed(lambda: first_load(browser, f"{base}/{WEIGHED_PAGE}"))
            server.shutdown()
            total = sum(size for _, size in files)
            heaviest = ", ".join(f"{urlsplit(url).path.rsplit('/', 1)[-1]} {size / 1024:.1f}" for url, size in files[:4])
            rows.append((f"first load of {WEIGHED_PAGE} [{language}]", seconds,
                         f"{total / 1024:.1f} KB gzip, {len(files)} requests (limit 120 KB); heaviest KB: {heaviest}"))
        browser.close()
    return rows


RUN_LISTING = "ch02-async-await/01-gather"
# Click on Run, then time until the program's first line shows.
FIRST_LINE = """(slot) => new Promise((resolve) => {
  const start = performance.now();
  const seen = new MutationObserver(() => {
    const pre = document.querySelector(slot + " ~ .listing-run-output pre");
    if (pre && pre.textContent.includes("\\n")) {
      seen.disconnect();
      resolve(performance.now() - start);
    }
  });
  seen.observe(document.body, { subtree: true, childList: true, characterData: true });
  document.querySelector(slot + " .listing-run-start").click();
})"""


def bench_run():
    """The Run button: what a reader downloads on the first Run (the five
    runtime files, gzip as a web server sends them), and the time from the
    click to the first line of ch02's first listing in Debian's chromium:
    cold (a fresh browser profile: nothing cached), on a fresh page with the
    runtime in the browser's cache, and warm (a second Run on the same page,
    3 s after the first one ended: the next worker loads in advance)."""

    from playwright.sync_api import sync_playwright

    from asyncbook import browser as runtime

    seconds, size = timed(runtime.download_size)
    raw = sum((runtime.PACKAGE / name).stat().st_size for name in runtime.RUNTIME)
    rows = [("runtime download on the first Run", seconds,
             f"{size / 2**20:.2f} MB gzip ({raw / 2**20:.2f} MB as files), {len(runtime.RUNTIME)} files; "
             f"the button says about {runtime.megabytes(size)} MB")]
    slot = f"div.listing-run[data-listing='{RUN_LISTING}']"
    page_name = RUN_LISTING.split("/")[0] + ".html"
    with tempfile.TemporaryDirectory() as out, sync_playwright() as playwright:
        html = Path(out, "html")
        code, _ = sphinx("html", html, "zh_CN")
        if code:
            return rows + [("Run: click to first line", 0.0, "FAILED to build")]
        base, server = serve_folder(html)
        browser = launch_chromium(playwright)
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/{page_name}")
        cold = page.evaluate(FIRST_LINE, slot) / 1000
        page.wait_for_function(f"document.querySelector({slot!r}).dataset.state === 'finished'", timeout=60_000)
        page.wait_for_timeout(3000)
        warm = page.evaluate(FIRST_LINE, slot) / 1000
        cached_page = context.new_page()
        cached_page.goto(f"{base}/{page_name}")
        cached = cached_page.evaluate(FIRST_LINE, slot) / 1000
        browser.close()
        server.shutdown()
    note = f"zh_CN {RUN_LISTING}, chromium (Pyodide {runtime.installed_version()})"
    rows += [("Run: click to first line, cold (empty cache)", cold, note),
             ("Run: click to first line, runtime cached", cached, "a fresh page, the runtime in the browser's cache"),
             ("Run: click to first line, warm (second Run)", warm, "the same page, 3 s after the first run ended")]
    return rows


BENCHES = {"weight": bench_weight, "run": bench_run, "builders": bench_builders, "offline": bench_offline, "listings": bench_listings,
           "timelines": bench_timelines, "tests": bench_tests}


def main(names):
    print(f"{'measurement':<48} {'seconds':>8}  note")
    for name in names or BENCHES:
        for label, seconds, note in BENCHES[name]():
            print(f"{label:<48} {seconds:8.2f}  {note}")


if __name__ == "__main__":
    main(sys.argv[1:])

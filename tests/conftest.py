"""Shared helpers: run Sphinx the way the Makefile does, on fresh output
folders (an incremental build would not repeat warnings of unchanged pages)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from asyncbook.publish import sphinx_command, sphinx_env  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")


def sphinx(builder: str, out: Path, language: str = "zh_CN", source: Path = ROOT / "book"):
    """Run sphinx-build as the Makefile does; return (exit code, everything it printed)."""
    command = sphinx_command(builder, language, out, out / ".doctrees", source)
    proc = subprocess.run(command, capture_output=True, text=True, env=sphinx_env(), cwd=ROOT)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="session")
def html_of(tmp_path_factory):
    """html_of(language): that edition's HTML, built once per test session,
    into <tmp>/<language>/html like `make html` does into _build/."""
    root = tmp_path_factory.mktemp("editions")
    built = {}

    def build(language):
        if language not in built:
            out = root / language / "html"
            code, log = sphinx("html", out, language)
            assert code == 0, log
            assert "WARNING" not in log, log
            built[language] = out
        return built[language]

    return build


@pytest.fixture(scope="session")
def html_build(html_of):
    """The Chinese HTML edition."""
    return html_of("zh_CN")


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, driven by Playwright (which cannot download its own)."""
    if not CHROMIUM.exists():
        pytest.fail("chromium is not installed: run `make system-deps` (or `sudo apt-get install chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def serve():
    """Serve built HTML folders on 127.0.0.1, as a reader's browser would get them."""
    import functools
    import http.server
    import threading

    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


class QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def first_load(browser, url, viewport=(390, 844)):
    """What a reader's browser fetches to show `url` the first time: every
    response, as (url, bytes gzip-compressed as a web server sends them),
    heaviest first.  Requests to other hosts are listed too (a test fails on
    them).  The search index is left out: only the search page loads it."""
    import gzip
    from urllib.parse import urlsplit

    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    bodies = {}

    def record(response):
        try:
            bodies[response.url] = response.body()
        except Exception:  # a redirect or a failed request has no body
            bodies[response.url] = b""

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.close()
    files = [(link, len(gzip.compress(body, compresslevel=6))) for link, body in bodies.items()
             if not urlsplit(link).path.endswith("/searchindex.js")]
    return sorted(files, key=lambda item: -item[1])

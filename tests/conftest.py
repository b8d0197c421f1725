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


def sphinx(builder: str, out: Path, language: str = "zh_CN", source: Path = ROOT / "book", python: str = sys.executable):
    """Run sphinx-build as the Makefile does; return (exit code, everything it printed)."""
    command = sphinx_command(builder, language, out, out / ".doctrees", source, python)
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


# Which CPython versions the book was checked on: tests that take a `python`
# parameter (asyncbook.pythons.Python; ids py3.11 …) are counted per
# interpreter, and the end of the run says which ones passed and which of
# the versions the book names this machine lacks.
from asyncbook import listings, pythons  # noqa: E402

KINDS = {"test_listing_output_matches_recording": "listings", "test_doctests_pass": "doctests",
         "test_the_version_claims_hold": "version notes"}
_PYTHON_OF = {}  # test id -> (Python, what it checks: a value of KINDS)
_OUTCOMES = {}  # (Python, kind) -> {"passed", "failed"}


def pytest_collection_modifyitems(items):
    for item in items:
        python = getattr(item, "callspec", None) and item.callspec.params.get("python")
        if isinstance(python, pythons.Python):
            _PYTHON_OF[item.nodeid] = (python, KINDS.get(item.originalname, item.originalname))


def pytest_runtest_logreport(report):
    key = _PYTHON_OF.get(report.nodeid)
    if key and (report.when == "call" or report.failed):
        _OUTCOMES.setdefault(key, set()).add("failed" if report.failed else "passed")


def pytest_terminal_summary(terminalreporter):
    if not _PYTHON_OF:
        return
    verified, failed, unrun = {}, [], []
    for python in pythons.found():
        kinds = [kind for kind in dict.fromkeys([*KINDS.values(), *(k for _, k in _PYTHON_OF.values())]) if (python, kind) in _OUTCOMES]
        if any("failed" in _OUTCOMES[python, kind] for kind in kinds):
            failed.append(python.full)
        elif kinds:
            verified.setdefault(", ".join(kinds[:-1]) + " and " * (len(kinds) > 1) + kinds[-1], []).append(python.full)
        else:
            unrun.append(python.full)
    parts = [f"{kinds} verified on CPython {', '.join(versions)}" for kinds, versions in verified.items()]
    parts += [f"FAILED on CPython {', '.join(failed)}"] if failed else []
    parts += [f"not run in this session: {', '.join(unrun)}"] if unrun else []
    parts += [f"not checked on this machine: {', '.join(pythons.missing())}"] if pythons.missing() else []
    terminalreporter.write_sep("-", "CPython versions")
    terminalreporter.write_line("; ".join(parts))
    for listing in listings.all_listings():
        later = [p.full for p in pythons.found() if not listing.checked_on(p.version)]
        if later:
            terminalreporter.write_line(f"{listing.name}: output checked up to Python {listing.last_python} only, not on "
                                        f"{', '.join(later)} (last_python in its listing.toml says why)")

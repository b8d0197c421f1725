"""Shared helpers: run Sphinx the way the Makefile does, on fresh output
folders (an incremental build would not repeat warnings of unchanged pages)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from asyncbook.languages import EDITIONS, LANGUAGES  # noqa: E402
from asyncbook.publish import sphinx_command, sphinx_env  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CONFIG = ROOT / ".readthedocs.yaml"
VENV_BIN = os.path.dirname(sys.executable)  # Read the Docs runs the jobs inside its virtualenv
# `make` as a reader runs it, but never the venv rule (-o): the tests run
# inside .venv already, and the rule could rebuild it from the network in
# the middle of a test.
MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed"]


def sphinx(builder: str, out: Path, language: str = "zh_CN", source: Path = ROOT / "book", python: str = sys.executable):
    """Run sphinx-build as the Makefile does; return (exit code, everything it printed)."""
    command = sphinx_command(builder, language, out, out / ".doctrees", source, python)
    proc = subprocess.run(command, capture_output=True, text=True, env=sphinx_env(), cwd=ROOT)
    return proc.returncode, proc.stdout + proc.stderr


def pytest_sessionstart(session):
    """Before any test: every catalog parses and passes po_check, and a
    published translation is complete.  Otherwise stop at once with one
    line per problem (FILE:LINE: what is wrong; what to do) instead of
    every test that reads a catalog failing on its own."""
    from asyncbook import po_check

    try:
        problems = po_check.check_locale(ROOT / "locale")
    except SystemExit as missing_tool:  # msgfmt not installed
        pytest.exit(str(missing_tool), returncode=1)
    if problems:
        report = po_check.report(problems, (
            "No test ran: fix each line above in its .po file (run `make po` if the Chinese "
            "source changed), then run `make test` again."))
        terminal = session.config.pluginmanager.get_plugin("terminalreporter")
        if terminal:  # once, as the first lines, not again in pytest's Exit message
            terminal.write_line(report)
        pytest.exit("stopped by the catalog problems above" if terminal else report, returncode=1)


class Editions:
    """html_of(language): that edition's HTML, built once per test session,
    into <root>/<language>/html like `make html` does into _build/.  A build
    that failed fails the first test that needed it with Sphinx's warnings,
    and every later one with one line."""

    def __init__(self, root: Path, run=None):
        self.root, self.run, self.built = root, run or sphinx, {}
        self.logs = {}  # language -> (exit code, everything Sphinx printed)

    def __call__(self, language: str) -> Path:
        if language not in self.built:
            out = self.root / language / "html"
            self.logs[language] = code, log = self.run("html", out, language)
            self.built[language] = out if code == 0 and "WARNING" not in log else None
            if self.built[language] is None:
                problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
                pytest.fail(f"the {language} HTML build failed:\n" + "\n".join(problems or log.splitlines()[-30:]),
                            pytrace=False)
        if self.built[language] is None:
            pytest.fail(f"the {language} HTML build failed (its warnings are in the first test that built it)",
                        pytrace=False)
        return self.built[language]


@pytest.fixture(scope="session")
def html_of(tmp_path_factory):
    return Editions(tmp_path_factory.mktemp("editions"))


@pytest.fixture(scope="session")
def rtd_install():
    """Read the Docs' install jobs, run once as Read the Docs would (into
    .venv, whose python is first on PATH): what each command printed."""
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}", "READTHEDOCS": "True"}
    env.pop("PYTHONPATH", None)
    printed = []
    for command in yaml.safe_load(CONFIG.read_text("utf-8"))["build"]["jobs"]["install"]:
        proc = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, f"install: {command}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        printed.append(proc.stdout + proc.stderr)
    return printed


@pytest.fixture(scope="session", params=LANGUAGES)
def rtd(request, tmp_path_factory, rtd_install):
    """Every Read the Docs install and build job of one edition, run as Read
    the Docs would (test_offline.py, test_pdf.py): (language,
    READTHEDOCS_OUTPUT folder)."""
    language = request.param
    edition = EDITIONS[language]
    output = tmp_path_factory.mktemp(f"rtd-{language}")
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}", "READTHEDOCS": "True", "READTHEDOCS_OUTPUT": str(output),
           "READTHEDOCS_LANGUAGE": edition.readthedocs, "READTHEDOCS_VERSION": "latest"}
    env.pop("PYTHONPATH", None)
    jobs = yaml.safe_load(CONFIG.read_text("utf-8"))["build"]["jobs"]["build"]
    for job in ("html", "pdf", "epub"):
        for command in jobs[job]:
            proc = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True)
            assert proc.returncode == 0, f"{job}: {command}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
            JOB_OUTPUT.setdefault(language, {}).setdefault(job, []).append(proc.stdout + proc.stderr)
    return language, output


JOB_OUTPUT = {}  # language -> {job: [what each of its commands printed]} (test_offline.py checks it)


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
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def launch_chromium(playwright):
    """Debian's chromium, headless, as the tests, make bench and the
    screenshots drive it: with no requests of its own (background
    networking, component updates, sync), which a closed machine refuses."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    )


def serve_folder(folder: Path, handler=None):
    """Serve a folder on 127.0.0.1 (any free port), as a reader's browser
    would get it; (its URL, the server: shut it down when done)."""
    import functools
    import threading

    server = QuietServer(("127.0.0.1", 0), functools.partial(handler or QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def serve():
    """Serve built HTML folders on 127.0.0.1 for the session."""
    servers = []

    def start(folder: Path) -> str:
        url, server = serve_folder(folder)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()


class QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(__import__("http.server").server.ThreadingHTTPServer):
    """A browser that closes a page or ends a worker (Stop) drops the
    downloads it had under way: not an error of the server."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


# Which Pythons the book was checked on (CPython, and Pyodide for 3.14): tests that take a `python`
# parameter (asyncbook.pythons.Python; ids py3.11 …, pyodide3.14) are counted per
# interpreter, and the end of the run says which ones passed and which of
# the versions the book names this machine lacks.
from asyncbook import listings, pythons  # noqa: E402

KINDS = {"test_listing_output_matches_recording": "listings", "test_doctests_pass": "doctests",
         "test_doctests_pass_on_pyodide": "doctests",
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
            failed.append(str(python))
        elif kinds:
            verified.setdefault(", ".join(kinds[:-1]) + " and " * (len(kinds) > 1) + kinds[-1], []).append(str(python))
        else:
            unrun.append(str(python))
    parts = [f"{kinds} verified on {', '.join(versions)}" for kinds, versions in verified.items()]
    parts += [f"FAILED on {', '.join(failed)}"] if failed else []
    parts += [f"not run in this session: {', '.join(unrun)}"] if unrun else []
    parts += [f"not checked on this machine: {', '.join(pythons.missing())}"] if pythons.missing() else []
    terminalreporter.write_sep("-", "Python versions")
    terminalreporter.write_line("; ".join(parts))
    for listing in listings.all_listings():
        later = [str(p) for p in pythons.found() if not listing.checked_on(p.version)]
        if later:
            terminalreporter.write_line(f"{listing.name}: output checked up to Python {listing.last_python} only, not on "
                                        f"{', '.join(later)} (last_python in its listing.toml says why)")
    browser = [listing.name for listing in listings.all_listings() if listing.not_in_browser]
    if any(p.pyodide for p in pythons.found()) and browser:
        terminalreporter.write_line(f"not run on Pyodide (not_in_browser in their listing.toml): {', '.join(browser)}")
        from test_pythons import CLAIMS, NOT_ON_PYODIDE

        left = [f"{sentence!r} (book/{page}.md)" for page, sentence, expression, _ in CLAIMS if expression in NOT_ON_PYODIDE]
        terminalreporter.write_line(f"not checked on Pyodide (NOT_ON_PYODIDE in tests/test_pythons.py says why): {'; '.join(left)}")


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

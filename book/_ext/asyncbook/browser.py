"""Run in the page: Pyodide, the runtime behind each listing's Run button,
and Python 3.14 for the tests.

Pyodide is CPython compiled to WebAssembly.  It comes from the npm registry,
pinned with its integrity hash in ``pyodide/package-lock.json`` (beside this
file) and installed by ``npm ci`` into ``pyodide/node_modules`` (``make
runtime``; on Read the Docs, a ``build.jobs`` step).  The HTML builder
copies the files a browser needs (``RUNTIME``) into ``_static/pyodide/``
of each edition: a reader's browser fetches them from the site itself, and
only when the reader first presses Run.

The same Pyodide runs under Node as ``pyodide/python3.14``, a ``python``
for the listing runner and the doctests (see pythons.py).

A listing runs in the browser unless its ``listing.toml`` says why it
cannot: ``not_in_browser = "…"`` (threads, processes, sockets, a server),
in the chapter's language and translated through its catalog.  The page
then shows that reason and the command that runs it on the reader's own
machine, in place of the Run button.

The Run buttons themselves: ``book/_static/run.js`` (the buttons, the
editor, the live output) and ``run-worker.mjs`` (the module worker that
runs one program in Pyodide), with ``run.css``.  Only the HTML pages that
hold a listing that can run load them (``add_run_button``), and the ePub
leaves them out.  The script tag carries the runtime's download size
(``download_size``), which the first Run announces.
"""

import filecmp
import functools
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

from sphinx.errors import ExtensionError

from .listings import WEB_BUILDERS

HERE = Path(__file__).resolve().parent / "pyodide"
PACKAGE = HERE / "node_modules" / "pyodide"
PYTHON = HERE / "python3.14"
# What a browser loads to run Python: the loader, the interpreter and the
# standard library (asyncio included); nothing else of the package.
RUNTIME = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
STATIC = "pyodide"  # under the site's _static/
# The book's own pieces, used in the page and under Node alike: a program
# runs as CPython runs it (copied into _static/pyodide/ with the runtime).
OURS = [HERE / "as_cpython.py", HERE / "run_main.mjs"]
# The Run buttons' own files, in book/_static/ (web pages only: not the ePub).
RUN_FILES = ["run.js", "run-worker.mjs", "run.css"]
# In a page's HTML, where run.js puts a listing's Run button (listings.py).
RUN_SLOT = '<div class="listing-run" data-listing="'


class RuntimeMissing(ExtensionError):
    pass


def locked_version() -> str:
    """The Pyodide version package-lock.json pins."""
    lock = json.loads((HERE / "package-lock.json").read_text("utf-8"))
    return lock["packages"]["node_modules/pyodide"]["version"]


def installed_version() -> str | None:
    manifest = PACKAGE / "package.json"
    return json.loads(manifest.read_text("utf-8"))["version"] if manifest.exists() else None


def install() -> bool:
    """``npm ci`` in pyodide/ unless the locked version is installed; True
    when it ran.  npm checks every file against the lock's integrity hash."""
    if installed_version() == locked_version() and all((PACKAGE / name).exists() for name in RUNTIME):
        return False
    if not shutil.which("npm"):
        raise SystemExit("npm is missing: it installs Pyodide for the Run buttons and Python 3.14. "
                         "Install Node.js and npm (Debian/Ubuntu: apt-get install nodejs npm), "
                         "or run `make system-deps`.")
    print(f"installing Pyodide {locked_version()} from {(HERE / 'package-lock.json').name} (npm ci)", flush=True)
    proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE)
    if proc.returncode:
        raise SystemExit(f"npm ci in {HERE} failed (exit {proc.returncode}); see its messages above")
    return True


def check_runtime(app) -> None:
    """The HTML builds need the runtime installed: one clear error if not."""
    if app.builder.name not in WEB_BUILDERS:
        return
    found = installed_version()
    if found != locked_version() or not all((PACKAGE / name).exists() for name in RUNTIME):
        state = f"version {found} is installed" if found else "it is not installed"
        raise RuntimeMissing(
            f"Pyodide {locked_version()} (the Run buttons' runtime) is needed for HTML, and {state} in "
            f"{PACKAGE.parent}: run `make runtime` (or `python -m asyncbook.browser`).")


def copy_runtime(app, exception) -> None:
    """Copy the runtime into the build's _static/pyodide/ (files that
    changed only)."""
    if exception or app.builder.name not in WEB_BUILDERS:
        return
    target = Path(app.outdir) / "_static" / STATIC
    target.mkdir(parents=True, exist_ok=True)
    for source in [*(PACKAGE / name for name in RUNTIME), *OURS]:
        copy = target / source.name
        if not copy.exists() or not filecmp.cmp(source, copy, shallow=False):
            shutil.copyfile(source, copy)


@functools.cache
def download_size() -> int:
    """Bytes a reader's browser downloads on the first Run: the runtime's
    files compressed as a web server sends them (gzip, level 6).  Kept in
    node_modules/ beside the package, per version (it takes a second)."""
    cache = HERE / "node_modules" / ".asyncbook-download-size.json"
    key = f"{installed_version()} " + " ".join(f"{name}:{(PACKAGE / name).stat().st_size}" for name in RUNTIME)
    known = json.loads(cache.read_text("utf-8")) if cache.exists() else {}
    if key not in known:
        known = {key: sum(len(gzip.compress((PACKAGE / name).read_bytes(), 6)) for name in RUNTIME)}
        cache.write_text(json.dumps(known), "utf-8")
    return known[key]


def megabytes(size: int) -> str:
    """A download size as the Run button announces it: whole MB (2^20 bytes)."""
    return str(max(1, round(size / 2**20)))


def add_run_button(app, pagename, templatename, context, doctree):
    """A page with a listing that can run gets run.js and run.css."""
    if app.builder.name not in WEB_BUILDERS or RUN_SLOT not in context.get("body", ""):
        return
    app.add_css_file("run.css")
    app.add_js_file("run.js", loading_method="defer", **{"data-runtime-mb": megabytes(download_size())})


def leave_out_of_epub(app, config):
    """The ePub has no Run buttons: their files stay out of it (Sphinx
    copies every static file into every build)."""
    config.epub_exclude_files = [*config.epub_exclude_files, *(f"_static/{name}" for name in RUN_FILES)]


def setup(app):
    app.connect("config-inited", leave_out_of_epub, priority=600)  # after editions.configure sets the list
    app.connect("builder-inited", check_runtime)
    app.connect("html-page-context", add_run_button)
    app.connect("build-finished", copy_runtime)


if __name__ == "__main__":
    install()
    sys.exit(0)

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
"""

import filecmp
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
    for name in RUNTIME:
        source, copy = PACKAGE / name, target / name
        if not copy.exists() or not filecmp.cmp(source, copy, shallow=False):
            shutil.copyfile(source, copy)


def setup(app):
    app.connect("builder-inited", check_runtime)
    app.connect("build-finished", copy_runtime)


if __name__ == "__main__":
    install()
    sys.exit(0)

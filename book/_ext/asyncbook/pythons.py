"""Every CPython the book names, as found on this machine, each with its own
virtualenv.

    python -m asyncbook.pythons          # find them, create the missing virtualenvs (make pythons)
    python -m asyncbook.pythons --list   # only say what is found

The book targets the oldest Python that ``pyproject.toml`` accepts
(``requires-python``, 3.11) and notes what changes up to the newest one its
pages name (3.14): ``VERSIONS`` is that range, read from the sources.  Its
listings and doctests run on each of these that the machine has.

Finding them: the interpreter running this code counts for its own version;
for each other version, ``python3.X`` on PATH, then pyenv's builds
(``$PYENV_ROOT/versions/3.X.*/bin/python3.X``, newest first: pyenv's shims
fail unless a version is selected, so the builds are called directly).  A
candidate that does not start, or is not CPython 3.X, is passed over.

Virtualenvs: ``.venv/py3.X/`` for each version other than the running one
(which is ``.venv`` itself), from the same ``requirements.lock``, with
hashes, through pip's cache.  They live inside ``.venv``, so ``make venv``
removes them when the lock changes; a stamp also ties each one to its base
interpreter and to the lock's hash.

Pyodide: the Run buttons' runtime (browser.py) is CPython 3.14 compiled to
WebAssembly; under Node, ``pyodide/python3.14`` runs it as a ``python``.
Once ``make runtime`` installed it, it is one more interpreter here (id
``pyodide3.14``), with no virtualenv: it runs every listing that can run in
a browser and the doctests, against the same recorded outputs.

Output variants: ``output.txt`` is what a listing prints on 3.11; where a
later version prints something else, ``output.py3.X.txt`` (in another
edition ``output.<lang>.py3.X.txt``) holds what it prints from 3.X on (see
``Listing.output_path``).
"""

import argparse
import functools
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .languages import ROOT

VENVS = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
PROBE = "import platform, sys; print(platform.python_implementation(), platform.python_version(), sys.executable)"


class PythonsError(SystemExit):
    pass


def version_key(version: str) -> tuple[int, ...]:
    """'3.13' -> (3, 13), to order versions as numbers ('3.9' < '3.13')."""
    return tuple(int(part) for part in version.split("."))


@functools.cache
def target() -> str:
    """The version the book targets and output.txt records: requires-python's lower bound."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(3\.\d+)", spec.strip())
    if not match:
        raise PythonsError(f"pyproject.toml: requires-python = {spec!r}; expected '>=3.N'")
    return match.group(1)


def named_versions(pages: Path = ROOT / "book") -> list[str]:
    """The target and every later version up to the newest one a page names."""
    low = version_key(target())[1]
    named = {int(m) for page in pages.glob("*.md") for m in re.findall(r"(?<![\w.])3\.(\d+)", page.read_text("utf-8"))}
    return [f"3.{minor}" for minor in range(low, max(named | {low}) + 1)]


VERSIONS = named_versions()


@dataclass(frozen=True)
class Python:
    version: str  # "3.12": names its tests (py3.12) and its output variants
    full: str  # "3.12.1"
    base: str  # the interpreter found
    pyodide: str = ""  # Pyodide's version, for CPython compiled to WebAssembly, run by Node

    @property
    def id(self) -> str:
        return f"pyodide{self.version}" if self.pyodide else f"py{self.version}"

    @property
    def is_current(self) -> bool:
        return self.base == sys.executable

    @property
    def venv(self) -> Path:
        return Path(sys.prefix) if self.is_current else VENVS / self.id

    @property
    def executable(self) -> str:
        """The interpreter of its virtualenv, which has the lock's packages."""
        if self.is_current:
            return sys.executable
        if self.pyodide:  # the standard library only: it runs listings and doctests, not Sphinx
            return self.base
        if _stamp(self.venv) != self._stamp_text():
            raise PythonsError(f"{self.venv} is missing or out of date for CPython {self.full}: run `make pythons`")
        return str(self.venv / "bin" / "python")

    def _stamp_text(self) -> str:
        return f"{self.base} {self.full} {_lock_hash()}\n"

    def __str__(self):
        return f"Pyodide {self.pyodide} (CPython {self.full})" if self.pyodide else f"CPython {self.full}"


@functools.cache
def _lock_hash() -> str:
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def _stamp(venv: Path) -> str:
    stamp = venv / ".installed"
    return stamp.read_text("utf-8") if stamp.exists() else ""


def _probe(executable: str, version: str) -> Python | None:
    try:
        proc = subprocess.run([executable, "-c", PROBE], capture_output=True, text=True, timeout=20,
                              env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = proc.stdout.strip().split(" ", 2)
    if proc.returncode or len(parts) != 3 or parts[0] != "CPython":
        return None
    implementation, full, _ = parts
    if not full.startswith(f"{version}."):
        return None
    return Python(version, full, executable)


def _pyenv_root() -> Path:
    return Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")


def candidates(version: str) -> list[str]:
    found = [shutil.which(f"python{version}")] if shutil.which(f"python{version}") else []
    builds = (_pyenv_root() / "versions").glob(f"{version}.*/bin/python{version}")
    patch = lambda path: [int(n) if n.isdigit() else -1 for n in re.split(r"[.]", path.parts[-3])]  # noqa: E731
    return found + [str(path) for path in sorted(builds, key=patch, reverse=True)]


@functools.cache
def found() -> tuple[Python, ...]:
    """One interpreter per version in VERSIONS that this machine has, oldest first."""
    here = current()
    result = []
    for version in VERSIONS:
        if version == here.version:
            result.append(here)
            continue
        for candidate in candidates(version):
            python = _probe(candidate, version)
            if python:
                result.append(python)
                break
    pyodide = _pyodide()
    if pyodide and pyodide.version in VERSIONS:
        result.append(pyodide)
    return tuple(sorted(result, key=lambda p: (version_key(p.version), bool(p.pyodide))))


def _pyodide() -> Python | None:
    """Pyodide under Node (browser.py), once `make runtime` installed it."""
    from . import browser

    if not browser.installed_version() or not shutil.which("node"):
        return None
    python = _probe(str(browser.PYTHON), "3")
    if python is None:
        return None
    return Python(".".join(python.full.split(".")[:2]), python.full, python.base, browser.installed_version())


def missing() -> list[str]:
    """The versions the book names that this machine lacks."""
    have = {python.version for python in found()}
    return [version for version in VERSIONS if version not in have]


def current() -> Python:
    """The interpreter running this code."""
    return Python(f"{sys.version_info.major}.{sys.version_info.minor}", platform.python_version(), sys.executable)


def ensure_venv(python: Python) -> bool:
    """Create python's virtualenv from requirements.lock unless it is up to
    date; True when it was (re)created."""
    if python.is_current or python.pyodide or _stamp(python.venv) == python._stamp_text():
        return False
    folder = python.venv
    print(f"creating {folder.relative_to(ROOT)} for {python} ({python.base}) from {LOCK.name}", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    steps = [
        [python.base, "-m", "venv", str(folder)],
        [str(folder / "bin" / "python"), "-m", "pip", "install", "-qq", "--disable-pip-version-check",
         "--require-hashes", "-r", str(LOCK)],
    ]
    for step in steps:
        proc = subprocess.run(step, capture_output=True, text=True, cwd=ROOT,
                              env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
        if proc.returncode:
            shutil.rmtree(folder, ignore_errors=True)
            raise PythonsError(
                f"{' '.join(step)} failed for {python}:\n{proc.stdout}{proc.stderr}\n"
                f"Fix that interpreter (for a Debian python3.X: apt-get install python3.X-venv), "
                f"or take it off PATH, then run `make pythons` again.")
    (folder / ".installed").write_text(python._stamp_text(), "utf-8")
    return True


def describe() -> str:
    """One line: which versions the book names are on this machine."""
    have = ", ".join(f"{p.full}" for p in found() if not p.pyodide) or "none"
    have += "".join(f"; {p}" for p in found() if p.pyodide)
    lacking = f"; not on this machine: {', '.join(missing())}" if missing() else ""
    return f"CPython {have}{lacking}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="only list the interpreters found")
    args = parser.parse_args(argv)
    if args.list:
        for python in found():
            print(f"{python.id}  {python.full}  {python.base}")
        print(describe())
        return 0
    for python in found():
        ensure_venv(python)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check, and on Debian or Ubuntu install, the system tools the book needs.

    python3 -m asyncbook.system_deps html|book|test

Run by ``make book``, ``make test`` and ``.ci/run`` before anything else.
On a machine with apt-get it says what it will install and installs it
(through sudo when not root); elsewhere it stops with the exact list.  Only
the Python standard library is used: it runs before .venv exists.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# What each need is checked by, and the Debian package that provides it.
TOOLS = {
    "venv": ("python3-ensurepip", "python3-venv"),  # Debian splits venv out of python3
    "chromium": ("/usr/bin/chromium", "chromium"),  # search and copy-button tests
    "msgfmt": ("msgfmt", "gettext"),
}
NEEDS = {
    "venv": ["venv"],
    "book": ["venv"],
    "test": ["venv", "chromium", "msgfmt"],
}


def _present(check: str) -> bool:
    if check == "python3-ensurepip":
        return importlib.util.find_spec("ensurepip") is not None
    return Path(check).exists() if check.startswith("/") else shutil.which(check) is not None


def missing(goal: str) -> list[str]:
    packages = []
    for tool in NEEDS[goal]:
        check, package = TOOLS[tool]
        if not _present(check) and package not in packages:
            packages.append(package)
    return packages


def main(argv=None) -> int:
    goal = (argv or sys.argv[1:] or ["test"])[0]
    packages = missing(goal)
    if not packages:
        return 0
    listing = " ".join(packages)
    if not shutil.which("apt-get"):
        print(f"Missing system packages for `make {goal}`: {listing}\n"
              f"Install them with your system's package manager (Debian/Ubuntu: sudo apt-get install {listing}).",
              file=sys.stderr)
        return 1
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"`make {goal}` needs these system packages; installing with apt-get: {listing}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True, env=env)
    still = missing(goal)
    if still:
        print(f"still missing after apt-get install: {' '.join(still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

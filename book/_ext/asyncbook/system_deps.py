"""Check, and on Debian or Ubuntu install, the system tools the book needs.

    python3 -m asyncbook.system_deps venv|runtime|book|test

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
# A check is a command on PATH, an absolute path, "tex:FILE" (found by
# kpsewhich) or "font:FAMILY" (known to fontconfig).
TOOLS = {
    "venv": ("python:ensurepip", "python3-venv"),  # Debian splits venv out of python3
    "xelatex": ("xelatex", "texlive-xetex"),
    "latexmk": ("latexmk", "latexmk"),
    "fontspec": ("tex:fontspec.sty", "texlive-latex-recommended"),
    "sphinx latex packages": ("tex:fncychap.sty", "texlive-latex-extra"),
    "dingbat font": ("tex:pzdr.tfm", "texlive-fonts-recommended"),  # pifont, loaded by Sphinx
    "newunicodechar": ("tex:newunicodechar.sty", "texlive-latex-extra"),
    "xeCJK": ("tex:xeCJK.sty", "texlive-lang-cjk"),
    "ctex": ("tex:ctexbook.cls", "texlive-lang-chinese"),
    "Noto CJK fonts": ("font:Noto Serif CJK SC", "fonts-noto-cjk"),
    "Noto fonts": ("font:Noto Sans Symbols2", "fonts-noto-core"),
    "DejaVu fonts": ("font:DejaVu Sans", "fonts-dejavu-core"),
    "epubcheck": ("/usr/bin/epubcheck", "epubcheck"),  # a jar: run with java -jar
    "poppler": ("pdftotext", "poppler-utils"),  # pdftotext, pdffonts, pdftoppm
    "chromium": ("/usr/bin/chromium", "chromium"),  # search and copy-button tests
    "msgfmt": ("msgfmt", "gettext"),
    # Pyodide (browser.py): npm installs it, Node runs it as the tests' Python 3.14
    "node": ("node", "nodejs"),
    "npm": ("npm", "npm"),
}
OFFLINE = ["xelatex", "latexmk", "fontspec", "sphinx latex packages", "dingbat font", "newunicodechar", "xeCJK", "ctex",
           "Noto CJK fonts", "Noto fonts", "DejaVu fonts"]
NEEDS = {
    # make html (msgfmt checks a translation's catalogs; the timeline figures measure CJK text)
    "venv": ["venv", "msgfmt", "Noto CJK fonts"],
    "runtime": ["node", "npm"],  # make runtime (make html, make pythons)
    "book": ["venv", "msgfmt", "node", "npm", *OFFLINE],  # make book, pdf, epub
    "test": ["venv", "msgfmt", "node", "npm", *OFFLINE, "epubcheck", "poppler", "chromium"],
}


def _present(check: str) -> bool:
    kind, _, name = check.partition(":")
    if kind == "python":
        return importlib.util.find_spec(name) is not None
    if kind == "tex":
        return bool(shutil.which("kpsewhich")) and subprocess.run(
            ["kpsewhich", name], capture_output=True).returncode == 0
    if kind == "font":
        return bool(shutil.which("fc-list")) and bool(subprocess.run(
            ["fc-list", name, "family"], capture_output=True, text=True).stdout.strip())
    return Path(check).exists() if check.startswith("/") else shutil.which(check) is not None


def missing(goal: str) -> list[str]:
    packages = []
    for tool in NEEDS[goal]:
        check, package = TOOLS[tool]
        if package not in packages and not _present(check):
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
    # fontconfig comes with the font packages; recommends are not needed
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "fontconfig", *packages],
                   check=True, env=env)
    still = missing(goal)
    if still:
        print(f"still missing after apt-get install: {' '.join(still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

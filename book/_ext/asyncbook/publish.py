"""Build one format of one edition into one folder.

    python -m asyncbook.publish html|pdf|epub|doctest --lang zh_CN --out DIR

The Makefile and Read the Docs (``.readthedocs.yaml``) both build through
here, so that a local build and the published one are the same.  ``--lang``
also takes Read the Docs' slugs (``zh-cn``).  ``pdf`` and ``epub`` leave
exactly one file in DIR; the intermediate files go to ``--work``.
Every Sphinx run is ``-n -W --keep-going``: any warning fails the build.
Every build reads every page again (fresh doctrees), so that a warning is
reported on every build, not only on the one after the page changed.  Sphinx
runs quietly (``-q``): its progress is not printed, its warnings and errors
are, in full; publish prints the file it made.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .languages import ROOT, from_readthedocs

SPHINXOPTS = ["-n", "-W", "--keep-going", "-q"]


class PublishError(SystemExit):
    pass


def sphinx_command(builder: str, language: str, out: Path, doctrees: Path, source: Path = ROOT / "book",
                   python: str = sys.executable) -> list[str]:
    """The one way the book runs Sphinx: conf.py at the root, sources in book/.
    ``python``: the interpreter to run it with (the doctests run on each one
    the book names: asyncbook.pythons)."""
    return [python, "-m", "sphinx", "-c", str(ROOT), str(source), str(out), "-b", builder,
            *SPHINXOPTS, "-D", f"language={language}", "-d", str(doctrees)]


def sphinx_env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT / "book" / "_ext")}


def sphinx(builder: str, language: str, out: Path, work: Path, source: Path) -> None:
    """Run one builder on freshly read pages (doctrees in WORK/doctrees/BUILDER)."""
    command = sphinx_command(builder, language, out, fresh(work / "doctrees" / builder), source)
    if subprocess.run(command, env=sphinx_env(), cwd=ROOT).returncode:
        raise PublishError(f"sphinx-build -b {builder} failed for {language} (see the messages above)")


def fresh(folder: Path) -> Path:
    """An empty folder: a PDF or ePub is always built from scratch, so that
    no file of an earlier build ends up inside it."""
    if folder.exists():
        shutil.rmtree(folder)
    return folder


def only_file(out: Path, produced: Path) -> Path:
    fresh(out).mkdir(parents=True)
    target = out / produced.name
    shutil.copy2(produced, target)
    return target


def latex_problems(log: str) -> list[str]:
    """Lines of the xelatex log that mean lost or broken text."""
    return [line for line in log.splitlines() if re.match(r"Missing character|! |LaTeX Error", line)]


def build_pdf(language: str, out: Path, work: Path, source: Path) -> Path:
    missing = [tool for tool in ("xelatex", "latexmk") if not shutil.which(tool)]
    if missing:
        raise PublishError(f"{', '.join(missing)} not found: run `make system-deps` (apt-get install texlive-xetex latexmk …)")
    latex = fresh(work / "latex")
    sphinx("latex", language, latex, work, source)
    (tex,) = latex.glob("*.tex")
    # Sphinx's latexmkrc runs xelatex as often as needed; -halt-on-error so that
    # a TeX error stops the build instead of producing a partial PDF.
    proc = subprocess.run(
        ["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=latex, capture_output=True, text=True, errors="replace",
    )
    log_path = tex.with_suffix(".log")
    log = log_path.read_text("utf-8", errors="replace") if log_path.exists() else proc.stdout
    problems = latex_problems(log)
    if proc.returncode or problems:
        detail = "\n".join(problems[:20]) or proc.stdout[-3000:]
        raise PublishError(f"xelatex failed or lost characters ({log_path}):\n{detail}")
    return only_file(out, tex.with_suffix(".pdf"))


def build_epub(language: str, out: Path, work: Path, source: Path) -> Path:
    epub = fresh(work / "epub")
    sphinx("epub", language, epub, work, source)
    (produced,) = epub.glob("*.epub")
    return only_file(out, produced)


def build_html(language: str, out: Path, work: Path, source: Path) -> Path:
    sphinx("html", language, out, work, source)
    return out / "index.html"


def build_doctest(language: str, out: Path, work: Path, source: Path) -> Path:
    sphinx("doctest", language, out, work, source)
    return out / "output.txt"


BUILDERS = {"html": build_html, "pdf": build_pdf, "epub": build_epub, "doctest": build_doctest}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("format", choices=BUILDERS)
    parser.add_argument("--lang", required=True, help="zh_CN, en, or a Read the Docs slug (zh-cn)")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--work", type=Path, help="intermediate files (default: _build/<lang>/work)")
    parser.add_argument("--source", type=Path, default=ROOT / "book", help="the pages (default: book/)")
    args = parser.parse_args(argv)
    language = from_readthedocs(args.lang)
    work = (args.work or ROOT / "_build" / language / "work").resolve()
    result = BUILDERS[args.format](language, args.out.resolve(), work, args.source.resolve())
    print(f"{args.format} [{language}]: {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

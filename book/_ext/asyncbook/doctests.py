"""The pages' doctests on an interpreter that has no Sphinx: Pyodide, the
tests' Python 3.14 (pythons.py).

Every other interpreter runs them through Sphinx's doctest builder, in its
own virtualenv.  Pyodide has the standard library only, so the ``{doctest}``
blocks are read from the pages here and run by the standard library's
doctest module in that interpreter: the blocks of one page share their
names, as in the builder's default group, and each block starts from what
the ones before it left.  They run on the virtual clock, as the listings do
(in Pyodide, asyncio's own loop is the virtual clock's: Pyodide's loop
only runs in the browser's event loop).  ``testcode``/``testoutput`` blocks are not read:
a page that uses them is reported, not passed over.
"""

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

from .languages import ROOT

FENCE = re.compile(r"^(`{3,}|:{3,})\{(doctest|testcode|testoutput|testsetup|testcleanup)\}[^\n]*\n(.*?)^\1[ \t]*$",
                   re.M | re.S)
# Run inside the interpreter: {page: [block, ...]} from the file named by
# argv[1]; prints each failure, then "<examples> examples, <failed> failed".
SCRIPT = r"""
import doctest, json, sys
pages = json.load(open(sys.argv[1], encoding="utf-8"))
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
parser = doctest.DocTestParser()
for page, blocks in pages.items():
    names = {"__name__": "__main__"}
    for number, block in enumerate(blocks, 1):
        test = parser.get_doctest(block, names, f"{page} block {number}", page, 0)
        runner.run(test, clear_globs=False)
result = runner.summarize(verbose=False)
print(f"{result.attempted} examples, {result.failed} failed")
"""
SUMMARY = re.compile(r"^(\d+) examples, (\d+) failed$", re.M)


class DoctestError(Exception):
    pass


def blocks(pages: Path = ROOT / "book") -> dict[str, list[str]]:
    """The doctest blocks of every page, by page, in order."""
    found = {}
    for page in sorted(pages.glob("*.md")):
        for match in FENCE.finditer(page.read_text("utf-8")):
            if match.group(2) != "doctest":
                line = page.read_text("utf-8")[: match.start()].count("\n") + 1
                where = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page
                raise DoctestError(f"{where}:{line}: a {match.group(2)} block; only "
                                   f"{{doctest}} blocks run on Pyodide (asyncbook/doctests.py): write it as one")
            body = "".join(line for line in match.group(3).splitlines(keepends=True) if not line.startswith(":"))
            found.setdefault(page.stem, []).append(body)
    return found


def run(executable: str, pages: Path = ROOT / "book") -> tuple[int, int, str]:
    """Run every page's doctests with ``executable``: (examples run,
    examples failed, report)."""
    from .runner import BOOT, EXT

    with tempfile.TemporaryDirectory(prefix="doctests-") as tmp:
        data, script = Path(tmp) / "blocks.json", Path(tmp) / "run.py"
        data.write_text(json.dumps(blocks(pages), ensure_ascii=False), "utf-8")
        script.write_text(SCRIPT, "utf-8")
        proc = subprocess.run([executable, str(script), str(data)], capture_output=True, text=True, cwd=tmp,
                              env={"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", ""),
                                   "PYTHONPATH": os.pathsep.join([str(BOOT), str(EXT)]),
                                   "ASYNCBOOK_VIRTUAL_CLOCK": "1"}, timeout=120)
        report = proc.stdout + proc.stderr
        summary = SUMMARY.search(proc.stdout)
        if proc.returncode or not summary:
            raise DoctestError(f"the doctests did not run to the end on {executable} (exit {proc.returncode}):\n{report}")
        return int(summary.group(1)), int(summary.group(2)), report

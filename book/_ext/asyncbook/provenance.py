"""Which program text each recorded output came from.

Every listing folder that has recorded outputs has a sidecar,
``recorded.json``, written only by ``runner.record`` (``make outputs``)::

    {
      "output.en.txt": "sha256:…",
      "output.txt": "sha256:…"
    }

It maps each recorded output file of the folder (``output.txt``,
``output.<lang>.txt``, and any other ``output*.txt`` variant) to the digest
of the files that ran to produce it, *as they ran*: the program of that
edition, translated from the catalogs (``Listing.program``), so that a
changed comment, string, translation, ``app.py`` or ``listing.toml`` all
make the output stale.  The digest covers the files only: not the
interpreter, not the machine, so the same program recorded under another
Python has the same digest (its variant output file is its own entry).

A stale or unregistered output fails the build (a warning at the
``listing`` directive, an error under ``-W``), ``runner.diff`` and the
listing tests, each saying to run ``make outputs``.
"""

import hashlib
import json
from pathlib import Path

from .languages import ROOT
from .listings import SIDECAR, Listing


def digest(files: dict[str, bytes]) -> str:
    """One digest for a set of files: their paths and contents, in path order."""
    total = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
        total.update(f"{name}\0{len(data)}\0".encode("utf-8"))
        total.update(data)
    return f"sha256:{total.hexdigest()}"


def sidecar(listing: Listing) -> Path:
    return listing.path / SIDECAR


def _show(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def entries(listing: Listing) -> dict[str, str]:
    path = sidecar(listing)
    if not path.exists():
        return {}
    try:
        table = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{_show(path)}:{error.lineno}: not valid JSON ({error.msg}); run `make outputs` to rewrite it") from None
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ValueError(f"{_show(path)}: expected an object of output file names to digests; run `make outputs` to rewrite it")
    return table


def register(listing: Listing, output: Path, program: str) -> None:
    """Note that ``output`` (a file of the listing's folder) came from the
    program whose digest is ``program``."""
    table = entries(listing)
    if table.get(output.name) == program:
        return
    table[output.name] = program
    sidecar(listing).write_text(json.dumps(table, indent=2, sort_keys=True) + "\n", "utf-8")


def unregister(listing: Listing, output: Path) -> None:
    """Forget ``output``, a file ``make outputs`` removed (a variant that no
    longer differs)."""
    table = entries(listing)
    if table.pop(output.name, None) is not None:
        sidecar(listing).write_text(json.dumps(table, indent=2, sort_keys=True) + "\n", "utf-8")


def check(listing: Listing, output: Path, program: str) -> str:
    """An empty string when ``output`` was recorded from the program whose
    digest is ``program``, else what is wrong and what to do."""
    try:
        recorded = entries(listing).get(output.name)
    except ValueError as error:
        return f"{error}\n"
    if recorded is None:
        return f"{_show(output)}: not registered in {SIDECAR} (no record of the program it came from); run `make outputs`\n"
    if recorded != program:
        return (f"{_show(output)}: recorded from another version of the program (its files or their translation "
                f"changed since); run `make outputs`\n")
    return ""

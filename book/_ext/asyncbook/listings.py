"""Listings: runnable programs under ``examples/`` and the directive that
shows them.

A listing is one folder, ``examples/<chapter>/<NN-name>/``, named after the
chapter page ``book/<chapter>.md`` that shows it.  It holds:

- ``main.py``: the program, run as a reader would run it (``python main.py``);
- ``output.txt``: what it prints, recorded by ``make outputs``;
- optionally other files the page shows (``app.py``) and ``listing.toml``:
  ``clock = "real"`` for programs that use threads or processes (default:
  ``"virtual"``), ``repl = "session.txt"`` to type that file into the
  ``python -m asyncio`` REPL instead of running ``main.py``.

In a page::

    ```{listing} 01-sync-download
    :caption: 同步下载
    ```

shows ``main.py`` (or ``:file:``) followed by its recorded output.
"""

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import LiteralInclude
from sphinx.util.docutils import SphinxDirective

from .languages import ROOT, SOURCE_LANGUAGE

EXAMPLES = ROOT / "examples"
OUTPUT_CAPTION = "运行结果"


@dataclass(frozen=True, order=True)
class Listing:
    path: Path

    @property
    def chapter(self) -> str:
        return self.path.parent.name

    @property
    def name(self) -> str:
        return f"{self.chapter}/{self.path.name}"

    @property
    def options(self) -> dict:
        toml = self.path / "listing.toml"
        return tomllib.loads(toml.read_text("utf-8")) if toml.exists() else {}

    @property
    def clock(self) -> str:
        return self.options.get("clock", "virtual")

    def output_path(self, language: str = SOURCE_LANGUAGE) -> Path:
        if language == SOURCE_LANGUAGE:
            return self.path / "output.txt"
        return self.path / f"output.{language}.txt"


def all_listings() -> list[Listing]:
    """Every listing folder: one with a main.py, or a REPL session."""
    folders = {p.parent for p in EXAMPLES.glob("*/*/main.py")}
    folders |= {p.parent for p in EXAMPLES.glob("*/*/listing.toml")}
    return [Listing(folder) for folder in sorted(folders)]


def find(name: str) -> Listing:
    listing = Listing(EXAMPLES / name)
    if not listing.path.is_dir():
        raise FileNotFoundError(f"no listing folder {listing.path.relative_to(ROOT)}")
    return listing


class ListingDirective(SphinxDirective):
    """A listing's program and its recorded output, both included from files."""

    required_arguments = 1
    option_spec = {
        "caption": directives.unchanged,
        "file": directives.unchanged,
        "no-output": directives.flag,
        "emphasize-lines": directives.unchanged,
    }

    def run(self):
        chapter = Path(self.env.docname).name
        listing = Listing(EXAMPLES / chapter / self.arguments[0])
        if not listing.path.is_dir():
            raise self.error(f"listing folder not found: {listing.path.relative_to(ROOT)}")
        caption = self.options.get("caption", "")
        if "repl" in listing.options:
            # A REPL transcript is its own output: input and replies interleaved.
            result = self._include(listing.output_path(), "pycon", caption, "listing-output")
        else:
            shown = self.options.get("file", "main.py")
            result = self._include(listing.path / shown, "python", caption, "listing-code")
            if shown == "main.py" and "no-output" not in self.options:
                result += self._include(listing.output_path(), "text", OUTPUT_CAPTION, "listing-output")
        for node in result:
            for block in node.findall(nodes.literal_block):
                block["listing"] = listing.name
        return result

    def _include(self, path: Path, language: str, caption: str, css_class: str):
        if not path.exists():
            raise self.error(f"listing file not found: {path.relative_to(ROOT)} (record outputs with `make outputs`)")
        options = {"language": language, "class": [css_class]}
        if caption:
            options["caption"] = caption
        if css_class == "listing-code" and "emphasize-lines" in self.options:
            options["emphasize-lines"] = self.options["emphasize-lines"]
        here = Path(self.env.doc2path(self.env.docname)).parent
        include = LiteralInclude(
            "literalinclude", [os.path.relpath(path, here)], options, self.content, self.lineno,
            self.content_offset, self.block_text, self.state, self.state_machine,
        )
        return include.run()


def setup(app):
    app.add_directive("listing", ListingDirective)

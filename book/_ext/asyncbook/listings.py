"""Listings: runnable programs under ``examples/`` and the directive that
shows them.

A listing is one folder, ``examples/<chapter>/<NN-name>/``, named after the
chapter page ``book/<chapter>.md`` that shows it.  It holds:

- ``main.py``: the program, run as a reader would run it (``python main.py``);
- ``output.txt``: what it prints, recorded by ``make outputs``;
- ``events.jsonl``: on the virtual clock, what its tasks did and when,
  recorded with the output (the timeline figures are drawn from it);
- optionally other files the page shows (``app.py``) and ``listing.toml``:
  ``clock = "real"`` for programs that use threads or processes (default:
  ``"virtual"``), ``repl = "session.txt"`` to type that file into the
  ``python -m asyncio`` REPL instead of running ``main.py``.

In a page::

    ```{listing} 01-sync-download
    :caption: 同步下载
    ```

shows ``main.py`` (or ``:file:``) followed by its recorded output.  In
another edition, the program's comments and strings come from the chapter's
catalog and the output from ``output.<lang>.txt`` (see code_i18n).
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives.code import container_wrapper
from sphinx.util.docutils import SphinxDirective

from .code_i18n import catalog, catalog_path, locale_dir, messages as code_messages, translate, translated_files
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

    def events_path(self, language: str = SOURCE_LANGUAGE) -> Path:
        """The recorded run's events on the virtual clock (see virtual_clock)."""
        if language == SOURCE_LANGUAGE:
            return self.path / "events.jsonl"
        return self.path / f"events.{language}.jsonl"


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


class listing_messages(nodes.Element, addnodes.translatable):
    """Invisible: carries a listing's translatable code pieces (comments and
    strings) into the chapter's gettext catalog.  The code is translated by
    the directive itself, from the same catalog (see code_i18n)."""

    def preserve_original_messages(self):
        pass

    def apply_translated_message(self, original_message, translated_message):
        pass

    def extract_original_messages(self):
        return self["messages"]


def _skip(translator, node):
    raise nodes.SkipNode


class ListingDirective(SphinxDirective):
    """A listing's program and its recorded output, both included from files,
    in the edition's language."""

    required_arguments = 1
    option_spec = {
        "caption": directives.unchanged,
        "file": directives.unchanged,
        "no-output": directives.flag,
    }

    def run(self):
        chapter = Path(self.env.docname).name
        listing = Listing(EXAMPLES / chapter / self.arguments[0])
        if not listing.path.is_dir():
            raise self.error(f"listing folder not found: {listing.path.relative_to(ROOT)}")
        language = self.config.language
        caption = self.options.get("caption", "")
        if "repl" in listing.options:
            # A REPL transcript is its own output: input and replies interleaved.
            result = [self._block(listing, listing.output_path(language), "pycon", caption, "listing-output")]
        else:
            shown = listing.path / self.options.get("file", "main.py")
            result = [self._block(listing, shown, "python", caption, "listing-code")]
            if shown.name == "main.py" and "no-output" not in self.options:
                result.append(self._block(listing, listing.output_path(language), "text", OUTPUT_CAPTION, "listing-output"))
        messages = listing_messages(messages=[m for f in translated_files(listing.path) for m in code_messages(f.read_text("utf-8"))])
        self.set_source_info(messages)
        return [messages, *result]

    def _block(self, listing: Listing, path: Path, language: str, caption: str, css_class: str):
        if not path.exists():
            raise self.error(f"listing file not found: {path.relative_to(ROOT)} (record outputs with `make outputs`)")
        self.env.note_dependency(str(path))
        text = path.read_text("utf-8")
        if css_class == "listing-code" and self.config.language != SOURCE_LANGUAGE:
            locale = locale_dir(self.env.srcdir, self.config)
            self.env.note_dependency(str(catalog_path(self.config.language, listing.chapter, locale)))
            text = translate(text, catalog(self.config.language, listing.chapter, locale).get)
        block = nodes.literal_block(text, text, language=language, classes=[css_class])
        block["listing"] = listing.name
        block["source"] = str(path)
        self.set_source_info(block)
        if caption:
            return container_wrapper(self, block, caption)
        return block


def setup(app):
    app.add_node(listing_messages, **{fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")})
    app.add_directive("listing", ListingDirective)

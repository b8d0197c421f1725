"""Listings: runnable programs under ``examples/`` and the directive that
shows them.

A listing is one folder, ``examples/<chapter>/<NN-name>/``, named after the
chapter page ``book/<chapter>.md`` that shows it.  It holds:

- ``main.py``: the program, run as a reader would run it (``python main.py``);
- ``output.txt``: what it prints on the Python the book targets (3.11),
  recorded by ``make outputs``;
- optionally other files the page shows (``app.py``) and ``listing.toml``:
  ``clock = "real"`` for programs that use threads or processes (default:
  ``"virtual"``), ``repl = "session.txt"`` to type that file into the
  ``python -m asyncio`` REPL instead of running ``main.py``;
  ``last_python = "3.12"`` when the runner cannot check it on later versions
  (with the reason in a comment);
- ``output.py3.13.txt`` (``output.<lang>.py3.13.txt``): where Python 3.13
  prints something else than the version before it, what it prints from 3.13
  on (recorded too; the page shows it under the output).

In a page::

    ```{listing} 01-sync-download
    :caption: 同步下载
    ```

shows ``main.py`` (or ``:file:``) followed by its recorded output, and
under it each variant, captioned "Python 3.13 起的运行结果".  In
another edition, the program's comments and strings come from the chapter's
catalog and the output from ``output.<lang>.txt`` (see code_i18n).
"""

import re
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
from .pythons import target, version_key

EXAMPLES = ROOT / "examples"
OUTPUT_CAPTION = "运行结果"
VARIANT_CAPTION = "Python {version} 起的运行结果"  # translated per version, like the captions


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

    @property
    def last_python(self) -> str | None:
        """``last_python`` in listing.toml: the newest Python the runner can
        check the listing on (say why in a comment there)."""
        return self.options.get("last_python")

    def checked_on(self, version: str) -> bool:
        return self.last_python is None or version_key(version) <= version_key(self.last_python)

    def output_path(self, language: str = SOURCE_LANGUAGE, version: str | None = None) -> Path:
        """``output.txt`` (``output.<lang>.txt`` in another edition): what the
        listing prints on the Python the book targets.  With a later
        ``version``: its variant, ``output.py3.13.txt`` (``output.<lang>.py3.13.txt``)."""
        stem = "output" if language == SOURCE_LANGUAGE else f"output.{language}"
        if version and version != target():
            stem += f".py{version}"
        return self.path / f"{stem}.txt"

    def variants(self, language: str = SOURCE_LANGUAGE) -> list[tuple[str, Path]]:
        """(version, file) of each recorded variant, oldest version first: from
        that version on, the listing prints that file instead."""
        stem = re.escape(self.output_path(language).stem)
        found = [(m.group(1), path) for path in self.path.glob("output*.txt")
                 if (m := re.fullmatch(stem + r"\.py(3\.\d+)\.txt", path.name))]
        return sorted(found, key=lambda item: version_key(item[0]))

    def expected_path(self, language: str = SOURCE_LANGUAGE, version: str | None = None, below: bool = False) -> Path:
        """The file ``version`` must print: its newest variant not later than
        it (``below``: earlier than it), else ``output.txt``."""
        version = version or target()
        earlier = [path for v, path in self.variants(language)
                   if version_key(v) < version_key(version) or (not below and v == version)]
        return earlier[-1] if earlier else self.output_path(language)


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
            output_language = "pycon"
        else:
            shown = listing.path / self.options.get("file", "main.py")
            result = [self._block(listing, shown, "python", caption, "listing-code")]
            output_language = None
            if shown.name == "main.py" and "no-output" not in self.options:
                result.append(self._block(listing, listing.output_path(language), "text", OUTPUT_CAPTION, "listing-output"))
                output_language = "text"
        if output_language:  # what later Pythons print instead, where they differ
            for version, path in listing.variants(language):
                variant_caption = VARIANT_CAPTION.format(version=version)
                result.append(self._block(listing, path, output_language, variant_caption, "listing-output"))
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

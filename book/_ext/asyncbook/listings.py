"""Listings: runnable programs under ``examples/`` and the directive that
shows them.

A listing is one folder, ``examples/<chapter>/<NN-name>/``, named after the
chapter page ``book/<chapter>.md`` that shows it.  It holds:

- ``main.py``: the program, run as a reader would run it (``python main.py``);
- ``output.txt``: what it prints, recorded by ``make outputs`` (and
  ``output.<lang>.txt`` for each other edition), with ``recorded.json``:
  which program text each output file came from (see provenance);
- ``events.jsonl`` (``events.<lang>.jsonl``): on the virtual clock, what its
  tasks did and when, recorded with the output (the timeline figures are
  drawn from it), and registered in ``recorded.json`` too;
- optionally other files the page shows (``app.py``) and ``listing.toml``:
  ``clock = "real"`` for programs that use threads or processes (default:
  ``"virtual"``), ``repl = "session.txt"`` to type that file into the
  ``python -m asyncio`` REPL instead of running ``main.py``;
  ``last_python = "3.12"`` when the runner cannot check it on later versions
  (with the reason in a comment); ``not_in_browser = "…"``: why it cannot
  run in a browser (threads, processes, a server; in the chapter's language,
  translated through its catalog): the page shows that reason and how to run
  it locally instead of a Run button (see browser.py), and Pyodide, the
  tests' Python 3.14, does not run it either; on the virtual clock, its timing claims,
  checked by tests/test_timings.py: ``seconds``, the virtual second of each
  output line, and ``total``, the total the program prints, if it prints one;
- ``output.py3.13.txt`` (``output.<lang>.py3.13.txt``): where Python 3.13
  prints something else than the version before it, what it prints from 3.13
  on (recorded too; the page shows it under the output);
- ``ruff.txt`` (``ruff.<lang>.txt``): with ``ruff = ["ASYNC251"]`` in
  listing.toml, what the linter ruff (pinned in requirements.lock) reports
  on the program with only those rules selected, recorded by ``make
  outputs`` like an output (runner.lint) and shown under the outputs,
  captioned "ruff 对代码清单 11.3 的检查结果".

In a page::

    ```{listing} 01-sync-download
    :caption: 同步下载
    ```

shows ``main.py`` (or ``:file:``) followed by its recorded output, and
under it each variant, captioned "Python 3.13 起的运行结果" (or, when a
later variant follows, with the versions it holds for: "Python 3.12 和 3.13
的运行结果").  In
another edition, the program's comments and strings come from the chapter's
catalog and the output from ``output.<lang>.txt`` (see code_i18n).
"""

import re
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives.code import container_wrapper
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .code_i18n import catalog, catalog_path, locale_dir, messages as code_messages, translate, translated_files
from .languages import ROOT, SOURCE_LANGUAGE
from .pythons import target, version_key

logger = logging.getLogger(__name__)
EXAMPLES = ROOT / "examples"
# A program's output is captioned after its listing ("代码清单 2.1 的运行结果"),
# not numbered itself; translated through the chapter's catalog.
OUTPUT_CAPTION = "{listing} 的运行结果"
# In HTML, in place of the Run button of a listing that cannot run in a
# browser: its reason (listing.toml's not_in_browser) and the command that
# runs it on the reader's machine.
WEB_BUILDERS = ("html", "dirhtml", "singlehtml")
NOT_IN_BROWSER = "这段代码不能在本页运行：{reason}。请在自己的电脑上运行：{command}"
# What a later Python prints instead, where it differs (a variant output).
VARIANT_CAPTION = "Python {version} 起的运行结果"
# A variant that a later one replaces holds for the versions up to that one:
# one version, two, or a range (Listing.variant_caption).
VARIANT_ONE_CAPTION = "Python {version} 的运行结果"
VARIANT_TWO_CAPTION = "Python {first} 和 {last} 的运行结果"
VARIANT_RANGE_CAPTION = "Python {first}–{last} 的运行结果"
# What the linter reports on a listing (listing.toml's ruff, runner.lint).
RUFF_CAPTION = "ruff 对{listing} 的检查结果"
# What `make outputs` writes into a listing's folder (never part of the program):
# output files (output.txt, output.<lang>.txt, and any variant output*.txt),
# events files (events*.jsonl), the linter's reports (ruff*.txt) and their
# provenance sidecar.
SIDECAR = "recorded.json"


def is_recorded(name: str) -> bool:
    return name == SIDECAR or any(fnmatch(name, pattern) for pattern in ("output*.txt", "events*.jsonl", "ruff*.txt"))


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

    def program(self, language: str = SOURCE_LANGUAGE, locale: Path = ROOT / "locale") -> dict[str, bytes]:
        """The files that run in an edition, by path in the folder: every
        file but the recorded outputs and their sidecar, with the comments
        and strings of the programs in the edition's language (code_i18n).
        The runner runs exactly these; provenance hashes exactly these."""
        files = {}
        for path in sorted(self.path.rglob("*")):
            if path.is_file() and not is_recorded(path.name) and "__pycache__" not in path.parts:
                files[path.relative_to(self.path).as_posix()] = path.read_bytes()
        if language != SOURCE_LANGUAGE:
            table = catalog(language, self.chapter, locale)
            for path in translated_files(self.path):
                files[path.name] = translate(path.read_text("utf-8"), table.get).encode("utf-8")
        return files

    @property
    def not_in_browser(self) -> str | None:
        """Why the listing cannot run in a browser (``not_in_browser`` in
        listing.toml); None when it can."""
        return self.options.get("not_in_browser")

    @property
    def command(self) -> str:
        """What runs it in a terminal, in its folder."""
        return "python -m asyncio" if "repl" in self.options else "python main.py"

    @property
    def last_python(self) -> str | None:
        """``last_python`` in listing.toml: the newest Python the runner can
        check the listing on (say why in a comment there)."""
        return self.options.get("last_python")

    def checked_on(self, version: str) -> bool:
        return self.last_python is None or version_key(version) <= version_key(self.last_python)

    def runs_on(self, python) -> bool:
        """Whether the runner checks it on ``python`` (a pythons.Python): up
        to its last_python, and on Pyodide only if it can run in a browser."""
        return self.checked_on(python.version) and not (python.pyodide and self.not_in_browser)

    def why_not_on(self, python) -> str:
        """The listing.toml setting that keeps it off ``python``."""
        if not self.checked_on(python.version):
            return f"last_python = {self.last_python}"
        return "not_in_browser" if not self.runs_on(python) else ""

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

    def variant_caption(self, version: str, language: str = SOURCE_LANGUAGE) -> str:
        """The caption of ``version``'s variant, untranslated: "Python 3.13 起的
        运行结果" when no later variant follows; else the versions it holds
        for, up to the one before the next variant: "Python 3.12 和 3.13 的运行结果"."""
        later = [v for v, _ in self.variants(language) if version_key(v) > version_key(version)]
        if not later:
            return VARIANT_CAPTION.format(version=version)
        major, minor = version_key(version)
        last = version_key(later[0])[1] - 1
        if last == minor:
            return VARIANT_ONE_CAPTION.format(version=version)
        template = VARIANT_TWO_CAPTION if last == minor + 1 else VARIANT_RANGE_CAPTION
        return template.format(first=version, last=f"{major}.{last}")

    def expected_path(self, language: str = SOURCE_LANGUAGE, version: str | None = None, below: bool = False) -> Path:
        """The file ``version`` must print: its newest variant not later than
        it (``below``: earlier than it), else ``output.txt``."""
        version = version or target()
        earlier = [path for v, path in self.variants(language)
                   if version_key(v) < version_key(version) or (not below and v == version)]
        return earlier[-1] if earlier else self.output_path(language)

    @property
    def ruff(self) -> list[str]:
        """``ruff`` in listing.toml: the linter rules to report on the
        program (runner.lint); empty when it is not linted."""
        rules = self.options.get("ruff", [])
        if not isinstance(rules, list) or not all(isinstance(r, str) and r.isalnum() for r in rules):
            raise ValueError(f"{self.name}: listing.toml: ruff must be a list of rule codes, e.g. [\"ASYNC251\"]")
        return rules

    def ruff_path(self, language: str = SOURCE_LANGUAGE) -> Path:
        """What ruff reports on the edition's program: ``ruff.txt`` (``ruff.<lang>.txt``)."""
        return self.path / ("ruff.txt" if language == SOURCE_LANGUAGE else f"ruff.{language}.txt")

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
        "name": directives.unchanged,  # a label, for {numref}`代码清单 %s <label>`
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
            captions = []
        else:
            shown = listing.path / self.options.get("file", "main.py")
            result = [self._block(listing, shown, "python", caption, "listing-code")]
            self.add_name(result[0])  # the numbered container (or block)
            captions = [OUTPUT_CAPTION]
            if shown.name == "main.py" and "no-output" not in self.options:
                result.append(self._output(listing, listing.output_path(language)))
                # what later Pythons print instead, where they differ
                for version, path in listing.variants(language):
                    result.append(self._output(listing, path, version))
                    captions.append(listing.variant_caption(version, language))
                if listing.ruff:  # what the linter reports on it
                    result.append(self._output(listing, listing.ruff_path(language), lint=True))
                    captions.append(RUFF_CAPTION)
        if self.env.app.builder.name in WEB_BUILDERS:  # not in the PDF or the ePub
            result.insert(1, self._run_here(listing))
        pieces = [m for f in translated_files(listing.path) for m in code_messages(f.read_text("utf-8"))]
        if listing.not_in_browser:
            pieces += [NOT_IN_BROWSER, listing.not_in_browser]
        messages = listing_messages(messages=pieces + captions * (len(result) > 1))
        self.set_source_info(messages)
        return [messages, *result]

    def _run_here(self, listing: Listing) -> nodes.Node:
        """Under the program, in HTML: where the Run button goes (run.js
        puts it there), or why the listing cannot run in a browser."""
        reason = listing.not_in_browser
        if reason is None:
            html = f'<div class="listing-run" data-listing="{listing.name}"></div>'
            return nodes.raw("", html, format="html", run_here=True)
        table = catalog(self.config.language, listing.chapter, locale_dir(self.env.srcdir, self.config))
        template = table.get(NOT_IN_BROWSER, NOT_IN_BROWSER)
        before, _, rest = template.partition("{reason}")
        middle, _, after = rest.partition("{command}")
        line = nodes.paragraph("", "", nodes.Text(before), nodes.Text(table.get(reason, reason)), nodes.Text(middle),
                               nodes.literal(listing.command, listing.command), nodes.Text(after),
                               classes=["listing-local"], run_here=True)
        self.set_source_info(line)
        return line

    def _output(self, listing: Listing, path: Path, version: str | None = None, lint: bool = False) -> nodes.container:
        """A recorded output (of the targeted Python, or a later ``version``'s
        variant, or with ``lint`` the linter's report) under its listing:
        captioned by caption_outputs once the
        listing has its number; an empty caption until then, and no id, so
        that Sphinx does not number it as a listing of its own."""
        block = self._block(listing, path, "text", "", "listing-output")
        if version:
            block["classes"].append("listing-variant")
        if lint:
            block["classes"].append("listing-lint")
        output = nodes.container("", nodes.caption(), block, literal_block=True, output_of=self.env.docname,
                                 variant=version, lint=lint, classes=["literal-block-wrapper"])
        self.set_source_info(output)
        return output

    def _check_provenance(self, listing: Listing, output: Path, locale: Path) -> None:
        """Warn (an error under -W) when the output was recorded from
        another program text than the one this edition shows."""
        from . import provenance

        self.env.note_dependency(str(provenance.sidecar(listing)))
        for name in listing.program():
            self.env.note_dependency(str(listing.path / name))
        problem = provenance.check(listing, output, provenance.digest(listing.program(self.config.language, locale)))
        if problem:
            logger.warning(problem.rstrip("\n"), location=self.get_location(), type="asyncbook", subtype="stale-output")

    def _block(self, listing: Listing, path: Path, language: str, caption: str, css_class: str):
        # Extracting messages (`make po`) needs no output: a new listing's
        # strings are extracted and translated before its outputs are recorded.
        extracting = self.env.app.builder.name == "gettext"
        output = css_class == "listing-output"
        if not path.exists() and not (output and extracting):
            raise self.error(f"listing file not found: {path.relative_to(ROOT)} (record outputs with `make outputs`)")
        self.env.note_dependency(str(path))
        text = path.read_text("utf-8") if path.exists() else ""
        locale = locale_dir(self.env.srcdir, self.config)
        if self.config.language != SOURCE_LANGUAGE:
            self.env.note_dependency(str(catalog_path(self.config.language, listing.chapter, locale)))
        if css_class == "listing-code" and self.config.language != SOURCE_LANGUAGE:
            text = translate(text, catalog(self.config.language, listing.chapter, locale).get)
        if output and not extracting:
            self._check_provenance(listing, path, locale)
        block = nodes.literal_block(text, text, language=language, classes=[css_class])
        block["listing"] = listing.name
        block["source"] = str(path)
        self.set_source_info(block)
        if caption:
            return container_wrapper(self, block, caption)
        return block


def caption_outputs(app, doctree, docname):
    """Caption each program's output after its listing, now numbered:
    "代码清单 2.1 的运行结果", a link to the listing (in LaTeX, \\ref to its
    label); a later Python's variant: "Python 3.13 起的运行结果" (or
    "Python 3.12 和 3.13 的运行结果", see Listing.variant_caption); the
    linter's report: "ruff 对代码清单 11.3 的检查结果"."""
    listing_format = app.config.numfig_format["code-block"]
    for output in list(doctree.findall(lambda node: isinstance(node, nodes.container) and node.get("output_of"))):
        listing = Listing(EXAMPLES / output[1]["listing"])
        table = catalog(app.config.language, listing.chapter, locale_dir(app.srcdir, app.config))
        if output.get("variant"):
            text = listing.variant_caption(output["variant"], app.config.language)
            output[0] += nodes.Text(table.get(text, text))
            continue
        before = output.parent[:output.parent.index(output)]
        # the program: before its outputs and the Run button (or the reason it has none)
        code = next(node for node in reversed(before) if not node.get("output_of") and not node.get("run_here"))
        number = app.env.toc_fignumbers.get(output["output_of"], {}).get("code-block", {}).get(code["ids"][0] if code["ids"] else None)
        if not number:
            logger.warning("a listing with output needs a :caption: (its output is captioned with its number)", location=output)
            continue
        caption = RUFF_CAPTION if output.get("lint") else OUTPUT_CAPTION
        template = table.get(caption, caption)
        before, _, after = template.partition("{listing}")
        reference = addnodes.number_reference("", listing_format % ".".join(map(str, number)),
                                              refid=code["ids"][0], title=listing_format, internal=True)
        output[0] += [nodes.Text(before), reference, nodes.Text(after)]


def setup(app):
    app.connect("doctree-resolved", caption_outputs)
    app.add_node(listing_messages, **{fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")})
    app.add_directive("listing", ListingDirective)

"""The book's own Sphinx extension and tools, one module per concern.

- ``listings``: the ``listing`` directive (a program and its recorded output)
  and the registry of every listing under ``examples/``.
- ``runner``: runs one listing the way a reader would (``python main.py``),
  on a virtual clock, and compares or records its output.
- ``provenance``: which program text each recorded output came from
  (``recorded.json`` beside the outputs).
- ``stuck``: installed in every listing's interpreter; tells the runner
  where a listing that does not finish is stuck.
- ``pythons``: every CPython the book names (3.11–3.14) that the machine
  has, each with its own virtualenv (``.venv/py3.X``).
- ``virtual_clock``: an event loop whose time jumps instead of waiting; it
  also records what every task does and when (``events.jsonl``).
- ``exercises``: the ``exercise`` and ``solution`` directives: an
  exercise's starting program in its chapter, its solution and recorded
  output in the solutions appendix; the runner records and checks both
  programs as listings.
- ``parts``: the book's parts (the numbered toctrees of the index):
  chapter numbers continue from one part to the next; a part page each
  in the PDF.
- ``timeline``: the ``timeline`` directive, a figure of a listing's run
  drawn from those events.
- ``normalize``: the one place where output that varies between runs is
  made stable.
- ``editions``: titles, PDF and ePub settings for each edition.
- ``publish``: builds one format of one edition into one folder (the
  Makefile and Read the Docs both call it).
- ``code_i18n``: the listings' comments and strings, translated through
  the chapters' catalogs.
- ``translations``: catalog checks in translated builds, the language switch.
- ``site``: the HTML site: links between editions, 404 page, Open Graph,
  the interface in the edition's language.
- ``po_check`` / ``po_status``: catalog checks and translation progress;
  ``po_update``: ``make po`` (nothing rewritten unless every catalog passes).
- ``code_blocks``: every code block is a listing, a doctest, or marked as
  not runnable with a reason.
- ``quiet``: a build prints its problems, not its progress.
- ``live``: the live preview (``make live``).
- ``browser``: Pyodide, the runtime of the listings' Run buttons (copied
  into the site) and the tests' Python 3.14 (``pyodide/python3.14``); the
  buttons themselves (``book/_static/run.js``, ``run-worker.mjs``,
  ``run.css``) on the pages that have a listing to run.
"""


def setup(app):
    from . import browser, code_blocks, editions, exercises, listings, parts, quiet, site, timeline, translations

    listings.setup(app)
    exercises.setup(app)
    parts.setup(app)
    browser.setup(app)
    timeline.setup(app)
    code_blocks.setup(app)
    editions.setup(app)
    translations.setup(app)
    quiet.setup(app)
    site.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Settings that depend on the edition: titles, PDF (xelatex) and ePub.

``-D language=en`` is applied after conf.py has run, so everything that
depends on the language is set here, in a ``config-inited`` handler.  Every
edition gets CJK typesetting (xeCJK with Noto CJK fonts): the English
edition still contains Chinese (the language switch, the glossary).
Read the Docs no longer injects any of this.
"""

import os

from docutils import nodes
from sphinx import addnodes

from .languages import EDITIONS, SOURCE_LANGUAGE

# Fonts from Debian's fonts-noto-core, fonts-noto-cjk and fonts-dejavu-core.
FONTS = r"""
\usepackage{fontspec}
\setmainfont{Noto Serif}
\setsansfont{Noto Sans}
\setmonofont{DejaVu Sans Mono}[Scale=0.9]
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Serif CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}[BoldFont=Noto Sans CJK SC Bold]
\setCJKmonofont{Noto Sans Mono CJK SC}[Scale=0.9]
% Typeset with the Latin fonts, not the CJK ones:
% - U+2026 (…): the CJK glyph extracts as U+22EF, so "…" could not be found;
% - symbols and emoji (👉 ⚠, U+FE0F): from Noto Sans Symbols2 / DejaVu Sans.
\xeCJKDeclareCharClass{Default}{"2026, "2600 -> "27BF, "1F000 -> "1FAFF, "FE0F}
\newfontfamily\booksymbols{Noto Sans Symbols2}
\newfontfamily\bookselectors{DejaVu Sans}
\usepackage{newunicodechar}
\newunicodechar{👉}{{\booksymbols 👉}}
\newunicodechar{⚠}{{\booksymbols ⚠}}
\newunicodechar{^^^^fe0f}{{\bookselectors ^^^^fe0f}}
"""

TITLE_PAGE = r"""
\begin{titlepage}
  \centering
  \vspace*{0.25\textheight}
  {\Huge\bfseries %(title)s\par}
  \vspace{1.5em}
  {\Large %(subtitle)s\par}
  \vfill
  {\large %(author)s\par}
  \vspace{0.5em}
  {\large %(edition)s\par}
  \vspace*{0.1\textheight}
\end{titlepage}
"""

# A listing's output: a lighter box with a rule on the left, after its code.
OUTPUT_START = r"\begingroup\sphinxsetup{pre_background-TeXcolor={RGB}{250,250,245}, pre_border-TeXcolor={RGB}{230,126,34}, pre_border-left-width=3pt}"
OUTPUT_END = r"\endgroup"


def _latex_escape(text: str) -> str:
    return text.replace("\\", r"\textbackslash{}").replace("&", r"\&").replace("%", r"\%").replace("_", r"\_")


def configure(app, config):
    edition = EDITIONS.get(config.language, EDITIONS[SOURCE_LANGUAGE])
    chinese = config.language == "zh_CN"
    config.project = edition.title
    config.author = edition.author
    config.html_title = edition.title
    basename = f"python-async-await-{config.language}"

    # HTML: where to get the offline editions.  On Read the Docs, its
    # download links; locally, the files `make book` writes beside html/;
    # none in the live preview (`make live`), which serves no PDF or ePub.
    if app.tags.has("live"):
        downloads = []
    elif os.environ.get("READTHEDOCS") == "True":
        base = f"/_/downloads/{os.environ['READTHEDOCS_LANGUAGE']}/{os.environ['READTHEDOCS_VERSION']}"
        downloads = [("PDF", f"{base}/pdf/"), ("ePub", f"{base}/epub/")]
    else:
        downloads = [("PDF", f"../pdf/{basename}.pdf"), ("ePub", f"../epub/{basename}.epub")]
    config.html_context = {
        **config.html_context,
        "offline_label": edition.offline,
        "offline_downloads": downloads,
        "offline_absolute": os.environ.get("READTHEDOCS") == "True",
    }

    # LaTeX / PDF -----------------------------------------------------------
    config.latex_engine = "xelatex"
    # makeindex and xindy are not needed: the book prints no general index.
    config.latex_use_xindy = False
    config.latex_domain_indices = False
    config.latex_documents = [("index", f"{basename}.tex", edition.title, edition.author, "manual", False)]
    # The Chinese edition is typeset with ctexbook: Chinese chapter headings
    # (第一章) and 目录; fonts are ours (fontset=none), not ctex's Fandol.
    config.latex_docclass = {"manual": "ctexbook" if chinese else "book"}
    values = {k: _latex_escape(v) for k, v in vars(edition).items()}
    config.latex_elements = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "extraclassoptions": "openany,fontset=none" if chinese else "openany",
        "fontenc": "",
        "fontpkg": FONTS,
        "babel": "" if chinese else r"\usepackage[english]{babel}",
        "polyglossia": "",
        "fncychap": "" if chinese else r"\usepackage[Sonny]{fncychap}",
        "fvset": r"\fvset{fontsize=\small,formatcom=\xeCJKVerbAddon}",
        "maketitle": TITLE_PAGE % values,
        "printindex": "",
        "makeindex": "",
        # wrap long code lines, at any character if need be
        "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=true, verbatimmaxunderfull=2",
        "preamble": r"\ctexset{chapter/name={第,章}, chapter/number=\arabic{chapter}}" if chinese
        # English text: quotes and dashes are Latin punctuation, not full-width CJK
        else r'\xeCJKDeclareCharClass{Default}{"2013 -> "2014, "2018 -> "201F}',
    }

    # ePub ------------------------------------------------------------------
    config.epub_basename = basename
    config.epub_title = edition.title
    config.epub_author = edition.author
    config.epub_publisher = edition.author
    config.epub_copyright = config.copyright
    config.epub_language = edition.bcp47
    # Sphinx writes epub_uid into toc.ncx and epub_identifier into the OPF;
    # epubcheck wants them equal (NCX-001), and epub_uid must be an XML name.
    config.epub_identifier = config.epub_uid = f"python-async-await-{edition.bcp47}"
    config.epub_scheme = "URN"
    config.epub_cover = (f"_static/cover-{config.language}.svg", "epub-cover.html")
    other_covers = [f"_static/cover-{code}.svg" for code in EDITIONS if code != edition.code]
    config.epub_exclude_files = ["search.html", *other_covers]
    config.epub_show_urls = "no"
    config.epub_tocdepth = 2
    config.epub_description = edition.subtitle


def mark_outputs_for_latex(app, doctree, docname):
    """Set listings' outputs apart from their code in the PDF."""
    if app.builder.format != "latex":
        return
    for block in list(doctree.findall(nodes.literal_block)):
        if "listing-output" in block["classes"]:
            target = block.parent if isinstance(block.parent, nodes.container) else block
            target.parent.insert(target.parent.index(target), nodes.raw("", OUTPUT_START, format="latex"))
            target.parent.insert(target.parent.index(target) + 1, nodes.raw("", OUTPUT_END, format="latex"))


LONG_TABLE_ROWS = 12  # taller tables may not fit a page: let LaTeX break them


def break_long_tables(app, doctree, docname):
    """A table taller than a page is cut off by tabulary; a longtable breaks
    across pages, and gets column widths in proportion to its text so that
    its cells wrap."""
    if app.builder.format != "latex":
        return
    for table in doctree.findall(nodes.table):
        rows = list(table.findall(nodes.row))
        if len(rows) <= LONG_TABLE_ROWS or "longtable" in table["classes"]:
            continue
        colspecs = list(table.findall(nodes.colspec))
        lengths = [0] * len(colspecs)
        for row in rows:
            for i, cell in enumerate(row.children[: len(colspecs)]):
                lengths[i] += len(cell.astext())
        for colspec, length in zip(colspecs, lengths):
            colspec["colwidth"] = max(length // len(rows), 8)
        table["classes"] += ["longtable", "colwidths-given"]


def divide_matter(app, doctree, docname):
    """Front matter, main matter and appendices in the PDF, from the index:
    the toctrees before the numbered one (the preface) are front matter,
    the numbered one holds the chapters, and those after it are appendices."""
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    toctrees = list(app.env.get_doctree(docname).findall(addnodes.toctree))
    numbered = [i for i, tree in enumerate(toctrees) if tree.get("numbered")]
    if not numbered:
        return
    first = {}
    for i, tree in enumerate(toctrees):
        # numbering follows the HTML (:numbered: 1): chapters only, none in the front matter
        if i < numbered[0]:
            command = r"\frontmatter\setcounter{secnumdepth}{-1}"
        elif i in numbered:
            command = r"\mainmatter\setcounter{secnumdepth}{0}"
        else:
            command = r"\appendix"
        entries = [entry for _, entry in tree["entries"]]
        if entries and command not in first.values():
            first[entries[0]] = command
    for start in doctree.findall(addnodes.start_of_file):
        if start["docname"] in first:
            start.insert(0, nodes.raw("", first[start["docname"]] + "\n", format="latex"))


def setup(app):
    app.connect("config-inited", configure)
    app.connect("doctree-resolved", mark_outputs_for_latex)
    app.connect("doctree-resolved", divide_matter)
    app.connect("doctree-resolved", break_long_tables)

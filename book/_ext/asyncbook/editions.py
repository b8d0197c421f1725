"""Settings that depend on the edition: titles, captions, PDF (xelatex) and ePub.

``-D language=en`` is applied after conf.py has run, so everything that
depends on the language is set here, in a ``config-inited`` handler.  Every
edition gets CJK typesetting (xeCJK with Noto CJK fonts): the English
edition still contains Chinese (the language switch, the glossary).
Read the Docs no longer injects any of this.
"""

import os
import re
import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

from .languages import EDITIONS, SOURCE_LANGUAGE, on_readthedocs

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
% Code blocks look as in an editor: a CJK character takes exactly two columns
% of DejaVu Sans Mono (2 x 0.602048 em at Scale=0.9, rounded down), so that
% \xeCJKVerbAddon adds no space between characters (< 0.0001pt remains).
\setCJKfamilyfont{bookcode}{Noto Sans Mono CJK SC}[Scale=1.08368]
\newfontfamily\booksymbols{Noto Sans Symbols2}
\newfontfamily\bookselectors{DejaVu Sans}
\usepackage{newunicodechar}
\newunicodechar{👉}{{\booksymbols 👉}}
\newunicodechar{⚠}{{\booksymbols ⚠}}
\newunicodechar{^^^^fe0f}{{\bookselectors ^^^^fe0f}}
"""
# Characters typeset with the Latin fonts, not the CJK ones (xeCJK's "Default"
# class), in the text and again in code, where \xeCJKVerbAddon makes them CJK:
# - U+2026 (…): the CJK glyph extracts as U+22EF, so "…" could not be found,
#   and in code it is one column wide, as in an editor;
# - symbols and emoji (👉 ⚠, U+FE0F): from Noto Sans Symbols2 / DejaVu Sans.
LATIN_CHARACTERS = '"2026, "2600 -> "27BF, "1F000 -> "1FAFF, "FE0F'
# English text: quotes and dashes are Latin punctuation, not full-width CJK.
ENGLISH_PUNCTUATION = '"2013 -> "2014, "2018 -> "201F'

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
# ... and its caption ("代码清单 2.1 的运行结果", see listings.caption_outputs) is not numbered.
UNNUMBERED_CAPTION = r"\def\sphinxcaption{\caption*}"

# Sphinx heads a longtable's continuation "\tablename\ \thetable{} \textendash{} 接上页":
# for a table without a caption (and number), drop all but "接上页".
UNNUMBERED_TABLE_START = r"\begingroup\def\tablename#1\textendash#2 {}"

# The general index, sorted and grouped by makeindex, which reads bytes: a
# group of entries that start with a Chinese character is headed by a lone
# UTF-8 lead byte, which XeTeX reads as U+FFFD (catcode 12).  Only a letter
# (an English entry's initial, catcode 11) heads its group; the Chinese
# groups get the space before a group, no heading.  Entries are set in the
# text font, not Sphinx's typewriter (most are terms, not code).
INDEX_STYLE = r"""
\makeatletter
\renewcommand\sphinxstyleindexlettergroup[1]{%
  \ifcat a\noexpand#1{\Large\sffamily#1}\nopagebreak\vspace{1mm}\else\vspace{1mm}\fi}
\renewcommand\sphinxstyleindexentry[1]{#1}
\makeatother
"""

# Running heads: the book's title on left-hand pages, the chapter on
# right-hand ones (\leftmark: ctexbook's "第 2 章　async 和 await", book's
# "Chapter 2. async and await"); the page number at the foot's outer corner.
# Sphinx's own head is "Title, Release 0.1".  A page left blank (before
# the front matter starts on a right-hand page) has neither (emptypage).
RUNNING_HEADS = r"""
\usepackage{emptypage}
\setlength{\headheight}{14pt}% fancyhdr: the head's CJK line is 13.6pt high
\makeatletter
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[LE]{{\py@HeaderFamily\@title}}%
  \fancyhead[RO]{{\py@HeaderFamily\nouppercase{\leftmark}}}%
  \fancyfoot[LE,RO]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0pt}}
\fancypagestyle{plain}{%
  \fancyhf{}%
  \fancyfoot[LE,RO]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0pt}%
  \renewcommand{\footrulewidth}{0pt}}
\makeatother
"""


def edition_of(config):
    return EDITIONS.get(config.language, EDITIONS[SOURCE_LANGUAGE])


def _latex_escape(text: str) -> str:
    return text.replace("\\", r"\textbackslash{}").replace("&", r"\&").replace("%", r"\%").replace("_", r"\_")


def configure(app, config):
    edition = edition_of(config)
    chinese = config.language == "zh_CN"
    config.project = edition.title
    config.author = edition.author
    config.html_title = edition.title
    basename = f"python-async-await-{config.language}"

    # Listings are numbered per chapter, in every format: "代码清单 2.1".
    config.numfig = True
    config.numfig_secnum_depth = 1
    config.numfig_format = {**config.numfig_format, "code-block": edition.listing}

    # HTML: where to get the offline editions.  On Read the Docs, its
    # download links; locally, the files `make book` writes beside html/;
    # none in the live preview (`make live`), which serves no PDF or ePub.
    if app.tags.has("live"):
        downloads = []
    elif on_readthedocs():
        base = f"/_/downloads/{os.environ['READTHEDOCS_LANGUAGE']}/{os.environ['READTHEDOCS_VERSION']}"
        downloads = [("PDF", f"{base}/pdf/"), ("ePub", f"{base}/epub/")]
    else:
        downloads = [("PDF", f"../pdf/{basename}.pdf"), ("ePub", f"../epub/{basename}.epub")]
    config.html_context = {
        **config.html_context,
        "offline_label": edition.offline,
        "offline_downloads": downloads,
        "offline_absolute": on_readthedocs(),
    }

    # LaTeX / PDF -----------------------------------------------------------
    config.latex_engine = "xelatex"
    # The general index (the pages' {index} entries and the glossary's terms) at
    # the end, by makeindex (xindy is not in the TeX packages the book installs).
    config.latex_use_xindy = False
    config.latex_domain_indices = False
    config.latex_documents = [("index", f"{basename}.tex", edition.title, edition.author, "manual", False)]
    # The Chinese edition is typeset with ctexbook: Chinese chapter headings
    # (第一章) and 目录; fonts are ours (fontset=none), not ctex's Fandol.
    config.latex_docclass = {"manual": "ctexbook" if chinese else "book"}
    values = {k: _latex_escape(v) for k, v in vars(edition).items()}
    latin = LATIN_CHARACTERS if chinese else f"{LATIN_CHARACTERS}, {ENGLISH_PUNCTUATION}"
    config.latex_elements = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "extraclassoptions": "openany,fontset=none" if chinese else "openany",
        "fontenc": "",
        "fontpkg": FONTS + r"\newcommand\booklatinchars{\xeCJKDeclareCharClass{Default}{%s}}\booklatinchars" % latin,
        "babel": "" if chinese else r"\usepackage[english]{babel}",
        "polyglossia": "",
        "fncychap": "" if chinese else r"\usepackage[Sonny]{fncychap}",
        # code as in an editor: CJK two columns wide, no space between characters
        "fvset": r"\fvset{fontsize=\small,formatcom={\CJKfamily{bookcode}\xeCJKVerbAddon\booklatinchars}}",
        # captions: "代码清单 2.1　标题" (the caption package: \caption* for outputs)
        "extrapackages": r"\usepackage{caption}\DeclareCaptionLabelSeparator{book}{%s}\captionsetup{labelsep=book}"
        % edition.caption_separator,
        "maketitle": TITLE_PAGE % values,
        # the pages between the contents and the first chapter (the book's
        # introduction) are headed with its title, not "目录"/"Contents"
        "tableofcontents": r"\sphinxtableofcontents\markboth{%(title)s}{}" % values,
        # wrap long code lines, at any character if need be
        "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=true, verbatimmaxunderfull=2",
        "preamble": RUNNING_HEADS + INDEX_STYLE
        # the PDF's document properties (Sphinx leaves them empty)
        + r"\hypersetup{pdftitle={%(title)s}, pdfauthor={%(author)s}, pdfsubject={%(subtitle)s}, "
          r"pdfkeywords={%(keywords)s}, pdflang={%(bcp47)s}}" % values
        + "\n" + (r"\ctexset{chapter/name={第,章}, chapter/number=\arabic{chapter}}" if chinese else ""),
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
            unnumbered = target.get("output_of") or target.get("unnumbered")  # exercises.SolutionDirective
            start = OUTPUT_START + (UNNUMBERED_CAPTION if unnumbered else "")
            target.parent.insert(target.parent.index(target), nodes.raw("", start, format="latex"))
            target.parent.insert(target.parent.index(target) + 1, nodes.raw("", OUTPUT_END, format="latex"))


LONG_TABLE_ROWS = 12  # taller tables may not fit a page: let LaTeX break them
# Column widths of such a table, in half-width characters (a CJK one is two):
LINE = 80  # about a line of the text width
MIN_COLUMN = 14  # seven CJK characters: a chapter title fits in two lines
PADDING = 3  # a column's padding, and room for wide or italic letters
WORD = re.compile(r"[^\s\u2e80-\u9fff\uff00-\uffef]+|[\u2e80-\u9fff\uff00-\uffef]")  # CJK breaks anywhere


def text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_widths(columns: list[list[str]]) -> list[int]:
    """Widths (percent) of columns holding these cells: in proportion to
    their mean text width, yet none narrower than its widest word (never
    hyphenated) or MIN_COLUMN (no column of one character per line)."""
    means = [sum(map(text_width, cells)) / len(cells) for cells in columns]
    minimums = [PADDING + max([MIN_COLUMN] + [text_width(w) for cell in cells for w in WORD.findall(cell)]) for cells in columns]
    widths = [max(minimum, LINE * mean / sum(means)) for mean, minimum in zip(means, minimums)]
    return [round(100 * width / sum(widths)) for width in widths]


def break_long_tables(app, doctree, docname):
    """A table taller than a page is cut off by tabulary; a longtable breaks
    across pages.  Its columns get widths from their text (column_widths)
    and ragged-right cells: justified narrow cells spread Chinese characters
    apart and hyphenate English words."""
    if app.builder.format != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        rows = list(table.findall(nodes.row))
        if len(rows) <= LONG_TABLE_ROWS or "longtable" in table["classes"]:
            continue
        count = len(list(table.findall(nodes.colspec)))
        widths = column_widths([[row.children[i].astext() for row in rows if i < len(row.children)] for i in range(count)])
        spec = "".join(r">{\raggedright\arraybackslash}\X{%d}{%d}" % (width, sum(widths)) for width in widths)
        table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))
        table["classes"] += ["longtable"]
        if not any(isinstance(child, nodes.title) for child in table.children):
            # continued on a later page: "接上页", not "表 2.1 – 接上页" (it has no number)
            table.parent.insert(table.parent.index(table), nodes.raw("", UNNUMBERED_TABLE_START, format="latex"))
            table.parent.insert(table.parent.index(table) + 1, nodes.raw("", r"\endgroup", format="latex"))


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


class CaptionTranslator(HTML5Translator):
    """HTML and ePub captions numbered the edition's way, as in the PDF:
    "代码清单 2.1　标题", "Listing 2.1: Title" (Sphinx: a space after the number)."""

    def add_fignumber(self, node):
        start = len(self.body)
        super().add_fignumber(node)
        if len(self.body) > start:  # <span class="caption-number">, "代码清单 2.1 ", </span>
            self.body[-2] = self.body[-2].removesuffix(" ") + edition_of(self.config).caption_separator


def setup(app):
    for builder in ("html", "dirhtml", "singlehtml", "epub"):
        app.set_translator(builder, CaptionTranslator)
    app.connect("config-inited", configure)
    app.connect("doctree-resolved", mark_outputs_for_latex)
    app.connect("doctree-resolved", divide_matter)
    app.connect("doctree-resolved", break_long_tables)

"""Sphinx configuration for both editions of the book.

Sources are in book/ and this file stays at the root, so every build runs
``sphinx-build -c . book OUT`` (the Makefile and .readthedocs.yaml do).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))  # the book's own extension

# project, author, titles, LaTeX and ePub settings depend on the edition:
# see book/_ext/asyncbook/editions.py (applied once -D language=… is known).
copyright = "2026"  # the year; site.py adds the edition's author
release = version = "0.1"

language = "zh_CN"  # the source language; other editions come from locale/

# Translation (make po): one catalog per page, listings' code included (see
# book/_ext/asyncbook/code_i18n.py).  No source locations in the catalogs, so
# that editing a page does not rewrite every entry's "#:" line.
locale_dirs = ["../locale"]  # relative to book/
gettext_compact = False
gettext_location = False
gettext_uuid = False
# Index entries ({index} in the pages) are translated too: the English
# edition's index is in English.
gettext_additional_targets = ["index"]
extensions = [
    "myst_parser",
    "sphinx.ext.doctest",
    "sphinx_copybutton",
    "notfound.extension",  # a 404 page per edition (sphinx-notfound-page)
    "sphinxext.opengraph",  # description and Open Graph metadata (sphinxext-opengraph)
    "asyncbook",  # book/_ext/asyncbook: listings, snippets, code-block checks
]
# No social-card images: sphinxext-opengraph draws them with matplotlib when it
# is installed (it is, for the timelines), in a font without CJK glyphs, and
# every page would carry a generated PNG.
ogp_social_cards = {"enable": False}
exclude_patterns = ["_ext", "_templates"]
myst_enable_extensions = ["colon_fence", "deflist"]
suppress_warnings = []  # none: the build runs with -n -W --keep-going

# Doctests: asyncio doctests need nothing imported behind the reader's back.
doctest_test_doctest_blocks = ""

# Copy buttons copy commands only: no ">>> "/"... " prompts, no output lines.
# Output lines have no prompt, so only_copy_prompt_lines drops them; "..."
# alone (the line that ends a block) is a prompt too and copies as "".
copybutton_prompt_text = r">>> |\.\.\. ?|\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos"
copybutton_selector = "div:not(.listing-output) > div.highlight pre"

# HTML ---------------------------------------------------------------------
# Furo: about 40 KB compressed per chapter, a phone menu in CSS alone,
# automatic dark mode (book/_ext/asyncbook/site.py: what the book adds).
html_theme = "furo"
html_static_path = ["book/_static"]
templates_path = ["book/_templates"]
html_sidebars = {  # Furo's sidebar, plus the general index (index-link.html), the language switch and downloads (editions.html)
    "**": ["sidebar/brand.html", "sidebar/search.html", "sidebar/scroll-start.html",
           "sidebar/navigation.html", "index-link.html", "editions.html", "sidebar/scroll-end.html"],
}
html_css_files = ["book.css"]
html_theme_options = {"top_of_page_buttons": []}  # no "view source" / "edit" icons
pygments_dark_style = "github-dark"  # Furo's default (native) underlines module names
html_copy_source = False  # no _sources/ to download
html_last_updated_fmt = None
# Search: language-specific, from `language` (html_search_language unset).
# Chinese: Sphinx segments words with jieba; the user dictionary keeps the
# book's technical terms (协程函数, 事件循环, ...) whole.  Other languages
# ignore the option.
html_search_options = {"dict": str(ROOT / "book" / "_ext" / "jieba_userdict.txt")}

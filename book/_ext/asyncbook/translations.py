"""Sphinx side of the translated editions.

- Before a translated edition is built, its catalogs are checked
  (po_check): a malformed catalog or a msgstr that breaks markup is a
  warning naming the catalog file and line, an error under -W; so is a
  fuzzy or untranslated entry of a published edition (languages.PUBLISHED),
  which would show Chinese in it.
- The language switch: every page links to the same page in the other
  editions, both in a local build (``_build/<lang>/html/``) and on Read the
  Docs (``/<slug>/<version>/``); not in the live preview (one edition).
- Chinese kept in a translation: where the Chinese wording itself is the
  point (an erratum about Chinese punctuation), a translator writes
  ``{zh}`“等待1秒”``` (text) or ``{zh-code}`print("结果:", result)``` (inline
  code): the words stay as they are and are marked ``lang="zh-CN"`` in HTML
  and ePub, so screen readers and the tests know them for Chinese.
"""

from docutils import nodes
from sphinx.util import logging

from .code_i18n import locale_dir
from .languages import EDITIONS, LANGUAGES, PUBLISHED, SOURCE_LANGUAGE, edition_prefix
from .po_check import catalogs, check_file

logger = logging.getLogger(__name__)


def check_catalogs(app):
    if app.config.language == SOURCE_LANGUAGE or app.builder.name == "gettext":
        return
    published = app.config.language in PUBLISHED
    for path in catalogs(app.config.language, locale_dir(app.srcdir, app.config)):
        for location, message in check_file(path, complete=published):
            logger.warning(message, location=location, type="asyncbook", subtype="catalog")


def language_switch(app, config):
    """The editions the switch links to; none in the live preview (`make
    live`), which serves one edition only."""
    switch = []
    for code in [] if app.tags.has("live") else LANGUAGES:
        edition = EDITIONS[code]
        switch.append({"name": edition.native_name, "lang": edition.bcp47,
                       "prefix": "../.." + edition_prefix(code), "current": code == config.language})
    label = EDITIONS.get(config.language, EDITIONS[SOURCE_LANGUAGE]).switch
    config.html_context = {**config.html_context, "language_switch": switch, "language_switch_label": label}


def chinese_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{zh}`…` / {zh-code}`…`: Chinese kept as it is in a translated edition.
    docutils' HTML writers turn the class ``language-zh-CN`` into
    ``lang="zh-CN"``."""
    language = "language-" + EDITIONS[SOURCE_LANGUAGE].bcp47
    node = nodes.literal if name == "zh-code" else nodes.inline
    return [node(rawtext, text, classes=[language])], []


def setup(app):
    app.add_role("zh", chinese_role)
    app.add_role("zh-code", chinese_role)
    app.connect("config-inited", language_switch, priority=600)  # after editions.configure
    app.connect("builder-inited", check_catalogs)

"""Sphinx side of the translated editions.

- Before a translated edition is built, its catalogs are checked
  (po_check): a malformed catalog or a msgstr that breaks markup is a
  warning naming the catalog file and line, an error under -W; so is a
  fuzzy or untranslated entry of a published edition (languages.PUBLISHED),
  which would show Chinese in it.
- The language switch: every page links to the same page in the other
  editions, both in a local build (``_build/<lang>/html/``) and on Read the
  Docs (``/<slug>/<version>/``); not in the live preview (one edition).
"""

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


def setup(app):
    app.connect("config-inited", language_switch, priority=600)  # after editions.configure
    app.connect("builder-inited", check_catalogs)

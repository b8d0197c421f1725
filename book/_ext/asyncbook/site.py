"""The HTML site around the pages: what Furo and Sphinx do not do alone.

- Links between editions for search engines: every page names its
  translations (``<link rel="alternate" hreflang=…>``), with the same URLs
  as the language switch (translations.py), absolute on Read the Docs.
- The 404 page (sphinx-notfound-page) and the Open Graph metadata
  (sphinxext-opengraph) of each edition: absolute URLs under the edition's
  own prefix, titles and text in the edition's language.
- Accessibility: toctree captions get the aria-level their role needs.
- Index entries ({index} in the pages) point at the element their text
  is in, by its own id (IndexAnchors), not at an empty <span>.
- The interface in the edition's language.  Templates get their strings
  from the ``sphinx`` catalog, and the project's catalog
  (``locale/<lang>/LC_MESSAGES/sphinx.po``) comes before Sphinx's own: it
  translates Furo's strings and corrects Sphinx's.  The search page's
  messages come from ``_static/translations.js``, which is written here from
  Sphinx's own and the project's catalogs (Sphinx 8.2.3's zh_CN file has a
  stale msgid for the search summary, and Sphinx looks for a project's
  ``sphinx.js`` relative to the working directory, not to conf.py).
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import polib
from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform

from .code_i18n import CJK, locale_dir
from .languages import EDITIONS, SOURCE_LANGUAGE, UI_CATALOG, edition_prefix, on_readthedocs

_ = get_translation("sphinx")


def site_root() -> str:
    """scheme://host/ of the published site (Read the Docs' canonical URL
    without its /<slug>/<version>/), or "" when it is not known."""
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    if not canonical:
        return ""
    parts = urlsplit(canonical)
    return f"{parts.scheme}://{parts.netloc}/"


def configure(app, config):
    code = config.language if config.language in EDITIONS else SOURCE_LANGUAGE
    edition = EDITIONS[code]
    prefix = edition_prefix(code)
    # conf.py's copyright is the year: the holder is the edition's author
    config.copyright = f"{config.copyright}{'，' if CJK.search(edition.author) else ', '}{edition.author}"
    config.notfound_urls_prefix = prefix
    config.notfound_context = {
        "title": _("Page not found"),
        "body": f"<h1>{_('Page not found')}</h1>\n<p>{_('This page does not exist (any more).')} "
                f"<a href=\"{prefix}index.html\">{_('Go to the contents')}</a></p>",
    }
    config.ogp_site_name = edition.title
    config.ogp_custom_meta_tags = [f'<meta property="og:locale" content="{edition.bcp47.replace("-", "_")}">']
    if site_root():
        config.ogp_site_url = config.html_baseurl = site_root() + prefix.lstrip("/")
    elif on_readthedocs():  # without its canonical URL, sphinxext-opengraph would stop the build
        config.ogp_site_url = prefix


def alternates(app, pagename, templatename, context, doctree):
    """<link rel="alternate" hreflang=…> to this page in every edition."""
    if app.builder.name not in ("html", "dirhtml") or pagename == app.config.notfound_pagename:
        return  # web pages only: not the ePub
    root = site_root()
    links = []
    for entry in context["language_switch"]:
        code = next(c for c, e in EDITIONS.items() if e.bcp47 == entry["lang"])
        page = pagename + context["file_suffix"]
        href = root + edition_prefix(code).lstrip("/") + page if root else context["pathto"](entry["prefix"] + page, 1)
        links.append(f'<link rel="alternate" hreflang="{entry["lang"]}" href="{href}">')
        if code == SOURCE_LANGUAGE:
            links.append(f'<link rel="alternate" hreflang="x-default" href="{href}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"


def heading_level_for_captions(app):
    """Sphinx writes a toctree's caption as <p role="heading"> without the
    aria-level that role requires (axe: aria-required-attr): give it one."""
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder) or app.builder.default_translator_class

    class Translator(base):
        def visit_title(self, node):
            super().visit_title(node)
            start = len(self.body) - 2  # <p class="caption" role="heading"><span class="caption-text">
            if start >= 0 and self.body[start].startswith("<p") and 'role="heading"' in self.body[start]:
                self.body[start] = self.body[start].replace('role="heading"', 'role="heading" aria-level="2"', 1)

    app.set_translator(app.builder.name, Translator, override=True)


def search_messages(language: str, locale: Path) -> dict:
    """The search page's messages: Sphinx's own, then the project's catalog."""
    import sphinx

    messages, plural = {}, "0"
    sphinx_js = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    if sphinx_js.exists():
        text = sphinx_js.read_text("utf-8")
        catalog = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        messages, plural = catalog["messages"], catalog["plural_expr"]
    project = locale / language / "LC_MESSAGES" / f"{UI_CATALOG}.po"
    if project.exists():
        for entry in polib.pofile(str(project)):
            if entry.obsolete or entry.fuzzy:
                continue
            if entry.msgid_plural and entry.msgstr_plural:
                messages[entry.msgid] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            elif entry.msgstr:
                messages[entry.msgid] = entry.msgstr
    return {"locale": language, "messages": messages, "plural_expr": plural}


def write_translations_js(app, exception):
    if exception or app.builder.format != "html":
        return
    catalog = search_messages(app.config.language, locale_dir(app.srcdir, app.config))
    if not catalog["messages"]:
        return
    text = f"Documentation.addTranslations({json.dumps(catalog, ensure_ascii=False, indent=1)});\n"
    (Path(app.outdir) / "_static" / "translations.js").write_text(text, "utf-8")


class IndexAnchors(SphinxTransform):
    """An index entry points at the element that follows its {index}
    directive, by that element's own id.  docutils moves a directive's
    target id onto the next element only when no other {index} comes in
    between, and the HTML gives the element's extra ids (a heading's
    section has its own) as empty <span>s.  The search page shows an index
    hit with the text at its anchor: Sphinx 8.2's searchtools.js has none
    to show for an empty <span> and fails (appendChild(null)); the general
    index's links land on the same element either way."""

    default_priority = 261  # just after docutils' PropagateTargets (260)

    def apply(self):
        def element(node):
            return not isinstance(node, (addnodes.index, nodes.target))

        for index in self.document.findall(addnodes.index):
            entries = []
            for kind, value, target_id, main, key in index["entries"]:
                node = self.document.ids.get(target_id)
                if isinstance(node, nodes.target):  # not moved: another {index} followed
                    node = node.next_node(element, descend=False, siblings=True, ascend=True)
                if node is not None and node["ids"]:
                    target_id = node["ids"][0]
                entries.append((kind, value, target_id, main, key))
            index["entries"] = entries


def setup(app):
    app.add_transform(IndexAnchors)
    app.connect("config-inited", configure, priority=450)  # before editions.configure reads copyright
    app.connect("builder-inited", heading_level_for_captions)
    app.connect("html-page-context", alternates)
    app.connect("build-finished", write_translations_js)

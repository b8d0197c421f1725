"""Every code block in the book is run by the tests, or says why it is not.

A code block is accepted when it is

- part of a listing (the ``listing`` directive: run by ``make test``),
- a doctest (the ``doctest``/``testcode``/``testoutput`` directives of
  ``sphinx.ext.doctest``: run by the doctest builder), or
- a ``snippet`` with a ``:reason:`` saying why it cannot run on its own.
  Like a listing's, a snippet's comments and strings are translated through
  the chapter's catalog (code_i18n), so another edition shows them in its
  own language.

Anything else (a plain fenced block, ``code-block``, ``literalinclude``) is
reported as a warning with its file and line, which ``-W`` turns into a
failed build.
"""

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.directives.code import CodeBlock
from sphinx.util import logging

from .code_i18n import catalog, locale_dir, messages as code_messages, translate
from .languages import SOURCE_LANGUAGE
from .listings import listing_messages

logger = logging.getLogger(__name__)


class SnippetDirective(CodeBlock):
    """A code block that is deliberately not run: ``:reason:`` says why."""

    option_spec = {**CodeBlock.option_spec, "reason": directives.unchanged_required}

    def run(self):
        reason = self.options.pop("reason", "").strip()
        if not reason:
            raise self.error("a snippet needs a :reason: saying why it is not run by the tests")
        source = "\n".join(self.content)
        pieces = code_messages(source)
        if pieces and self.config.language != SOURCE_LANGUAGE:
            chapter = Path(self.env.docname).name
            table = catalog(self.config.language, chapter, locale_dir(self.env.srcdir, self.config))
            self.content = StringList(translate(source, table.get).splitlines(), items=self.content.items)
        result = CodeBlock.run(self)
        for node in result:
            for block in node.findall(nodes.literal_block):
                block["snippet_reason"] = reason
        if pieces:  # into the chapter's catalog (make po), beside its listings' pieces
            messages = listing_messages(messages=pieces)
            self.set_source_info(messages)
            result.insert(0, messages)
        return result


def check_code_blocks(app, doctree):
    for block in doctree.findall(nodes.literal_block):
        if block.get("listing") or block.get("testnodetype") or block.get("snippet_reason"):
            continue
        if isinstance(block.parent, nodes.system_message):
            continue  # the source of a directive that already failed, quoted in its error
        logger.warning(
            "code block is not tested: make it a listing, a doctest, or a snippet with a :reason:",
            location=block, type="asyncbook", subtype="untested",
        )


def setup(app):
    app.add_directive("snippet", SnippetDirective)
    app.connect("doctree-read", check_code_blocks)

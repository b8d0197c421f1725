"""The book's parts: each numbered toctree of the index is one part, its
caption the part's title ("第二部分：任务、等待与协调").

Sphinx numbers every numbered toctree from 1 ("every numbered toctree gets
new numbering", in sphinx.environment.collectors.toctree): the first
chapter of the second part would be chapter 1 again, and its listings
"代码清单 1.1".  ``continue_numbering`` shifts the chapter numbers of each
part after those of the parts before it: in the section numbers (headings,
contents, references), before Sphinx numbers the listings from them.

In the PDF, LaTeX numbers the chapters itself, on and on across parts;
``part_pages`` gives each part a part page (``\\part*`` with its caption,
listed in the contents but not in the PDF's outline of chapters).
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

_assign_section_numbers = TocTreeCollector.assign_section_numbers


def _shift(number, offset):
    return type(number)([number[0] + offset, *number[1:]]) if number else number


def continue_numbering(env) -> list[str]:
    """Shift the section numbers of each numbered toctree's documents by the
    number of chapters in the numbered toctrees before it (in the same
    document); the documents whose numbers changed."""
    changed = []
    for docname in sorted(env.numbered_toctrees):
        offset = 0
        for toctree in env.get_doctree(docname).findall(addnodes.toctree):
            if not toctree.get("numbered"):
                continue
            chapters = [ref for _, ref in toctree["entries"] if ref in env.toc_secnumbers]
            if offset:
                for ref in chapters:
                    env.toc_secnumbers[ref] = {anchor: _shift(number, offset)
                                               for anchor, number in env.toc_secnumbers[ref].items()}
                    for node in env.tocs[ref].findall(nodes.reference):
                        if node.get("secnumber"):
                            node["secnumber"] = _shift(node["secnumber"], offset)
                    title = env.titles.get(ref)
                    if title is not None and title.get("secnumber"):
                        title["secnumber"] = _shift(title["secnumber"], offset)
                    changed.append(ref)
            offset += len(chapters)
    return changed


def assign_section_numbers(self, env):
    """Sphinx's numbering, then continued across parts (see the module)."""
    return _assign_section_numbers(self, env) + continue_numbering(env)


def _latex_escape(text: str) -> str:
    for char, escaped in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#")):
        text = text.replace(char, escaped)
    return text


def part_pages(app, doctree, docname):
    """In the PDF, a part page before the first chapter of each captioned
    numbered toctree of the index, listed in the contents."""
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    starts = {}
    for toctree in app.env.get_doctree(docname).findall(addnodes.toctree):
        entries = [ref for _, ref in toctree["entries"]]
        if toctree.get("numbered") and toctree.get("caption") and entries:
            title = _latex_escape(toctree["caption"])
            # in the contents, not in the PDF's outline: there the chapters stay
            # at the top level, appendices included (no bookmark level opens)
            starts[entries[0]] = (r"\clearpage\phantomsection\addtocontents{toc}{\protect\contentsline{part}{%s}"
                                  r"{\thepage}{\csname @currentHref\endcsname}}\part*{%s}\markboth{%s}{}"
                                  % (title, title, title))
    for start in doctree.findall(addnodes.start_of_file):
        if start["docname"] in starts:
            # after \mainmatter (editions.divide_matter), before the chapter
            leading = 0
            while leading < len(start) and isinstance(start[leading], nodes.raw):
                leading += 1
            start.insert(leading, nodes.raw("", starts[start["docname"]] + "\n", format="latex"))


def setup(app):
    TocTreeCollector.assign_section_numbers = assign_section_numbers
    # after editions.divide_matter (priority 500): the part page follows \mainmatter
    app.connect("doctree-resolved", part_pages, priority=600)

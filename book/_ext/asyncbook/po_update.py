"""Extract the book's messages and update the catalogs (``make po``).

    python -m asyncbook.po_update [LANG ...]   (default: every translation)

0. every catalog (locale/*/LC_MESSAGES/*.po) is checked first (po_check:
   ``msgfmt --check`` and the markup checks); on any problem, no catalog is
   rewritten: each problem is printed as ``FILE:LINE: what is wrong; what
   to do`` and the command fails.  A catalog is never rewritten from a
   reading that could have lost text;
1. a fresh ``gettext`` build of book/ (so no message of an earlier build
   lingers), one template per page, listings' code included;
2. sphinx-intl's update (its ``load_po`` and ``update_with_fuzzy``, i.e.
   Babel's ``Catalog.update``): new messages are added untranslated, a
   changed message keeps its old translation marked fuzzy, with the Chinese
   it translated as ``#| msgid`` (until a translator removes ``#, fuzzy``),
   a removed one becomes obsolete (``#~``);
3. every catalog is written in one format (Babel's, 76 columns), whatever
   tool a translator saved it with, so that diffs stay small.  New contents
   are computed for every catalog before the first is written.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from babel.messages.pofile import generate_po, normalize
from sphinx_intl.catalog import load_po, update_with_fuzzy

from . import po_check
from .languages import ROOT, SOURCE_LANGUAGE, present
from .publish import sphinx_command, sphinx_env

LINE_WIDTH = 76


def extract(book: Path, pot_dir: Path) -> None:
    """Message templates of the Chinese source into pot_dir."""
    command = sphinx_command("gettext", SOURCE_LANGUAGE, pot_dir, pot_dir / ".doctrees", book) + ["-q"]
    if subprocess.run(command, env=sphinx_env(), cwd=ROOT).returncode:
        raise SystemExit("extracting messages failed (see the messages above)")


def load(path: Path):
    """Babel's reading of a catalog (po_check.parse has found it the same
    as polib's).  Babel cannot read ``#| msgid`` (it takes it for a
    translator's comment): the previous msgids come from polib."""
    catalog = load_po(str(path))
    previous = {(e.msgctxt or None, e.msgid): e for e in polib.pofile(str(path)) if e.previous_msgid and not e.obsolete}
    for message in catalog:
        entry = previous.get((message.context or None, message.id if isinstance(message.id, str) else message.id[0]))
        if entry:
            message.previous_id = [entry.previous_msgid] + ([entry.previous_msgid_plural] if entry.previous_msgid_plural else [])
            message.user_comments = entry.tcomment.splitlines() if entry.tcomment else []
    return catalog


def render(catalog) -> bytes:
    """A catalog in the one format: Babel's, 76 columns, with the previous
    msgid (``#| msgid``) of each fuzzy entry.  Babel's own include_previous
    re-wraps a long previous msgid as prose (a ``"" "…"`` line, strings cut
    at any space), so the ``#|`` lines are written here the way msgmerge
    writes them, each string wrapped as Babel wraps a msgid."""
    previous = iter([message.previous_id if message.fuzzy else [] for message in catalog])
    lines, entry_starts = [], True
    for line in generate_po(catalog, width=LINE_WIDTH):
        if entry_starts and line.startswith(("msgctxt ", "msgid ")):
            for keyword, text in zip(("msgid", "msgid_plural"), next(previous)):
                lines.append(f"#| {keyword} {normalize(text, prefix='#| ', width=LINE_WIDTH)}\n")
            entry_starts = False
        lines.append(line)
        entry_starts = entry_starts or line == "\n"
    return "".join(lines).encode(catalog.charset, "backslashreplace")


def merge(path: Path, template: Path | None, language: str):
    """The catalog at path (new if missing) updated to the template (if the
    page still exists), as sphinx-intl's update does."""
    catalog = load(path) if path.exists() else None
    if template is not None:
        current = load_po(str(template))
        if catalog is None:
            current.locale = language
            catalog = current
        elif {m.id for m in catalog if m.id} != {m.id for m in current if m.id}:
            # Babel sets previous_id to the msgid an entry was matched with;
            # the translation still translates the msgid of the last review
            # if that entry was fuzzy already (as msgmerge does)
            previous = {m.id: m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
            update_with_fuzzy(catalog, current)
            for message in catalog:
                if message.fuzzy:
                    matched = message.previous_id[0] if message.previous_id else message.id
                    message.previous_id = previous.get(matched, message.previous_id)
    # a new catalog's placeholder header (msgfmt --check rejects it); a
    # translator may then put their own name
    if catalog.last_translator == "FULL NAME <EMAIL@ADDRESS>" or catalog.fuzzy:
        catalog.last_translator = catalog.language_team = f"the book's translators ({language})"
        catalog.revision_date = catalog.creation_date
        catalog.fuzzy = False
    return catalog


def write(path: Path, content: bytes) -> bool:
    """Replace the file (atomically) if its content changes."""
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_bytes(content)
    os.replace(scratch, path)
    return True


NOTHING_CHANGED = ("make po changed no catalog. Fix each line above in its .po file "
                   "(`git diff locale/` shows what changed), then run `make po` again.")


def update_catalogs(languages, book: Path = ROOT / "book", locale: Path = ROOT / "locale") -> None:
    problems = po_check.check_locale(locale, complete=False)
    if problems:
        raise SystemExit(po_check.report(problems, NOTHING_CHANGED))
    contents = {}
    with tempfile.TemporaryDirectory(prefix="pot-") as tmp:
        pot_dir = Path(tmp)
        extract(book, pot_dir)
        templates = {pot.relative_to(pot_dir).with_suffix("").as_posix(): pot
                     for pot in pot_dir.rglob("*.pot") if ".doctrees" not in pot.parts}
        for language in languages:
            folder = locale / language / "LC_MESSAGES"
            names = set(templates) | {p.relative_to(folder).with_suffix("").as_posix() for p in po_check.catalogs(language, locale)}
            for name in sorted(names):
                path = folder / f"{name}.po"
                contents[path] = render(merge(path, templates.get(name), language))
    for path, content in contents.items():
        if write(path, content):
            print(f"updated: {path.relative_to(locale.parent) if path.is_relative_to(locale.parent) else path}")


def main(argv=None) -> int:
    languages = (argv or sys.argv[1:]) or present()[1:]
    languages = [code for code in languages if code != SOURCE_LANGUAGE]
    if not languages:
        raise SystemExit("no translation to update: start one with `make po lang=xx`")
    update_catalogs(languages)
    from . import po_status

    return po_status.main()


if __name__ == "__main__":
    sys.exit(main())

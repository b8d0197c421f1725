"""Extract the book's messages and update the catalogs (``make po``).

    python -m asyncbook.po_update [LANG ...]   (default: every translation)

1. a fresh ``gettext`` build of book/ (so no message of an earlier build
   lingers), one template per page, listings' code included;
2. ``sphinx-intl update``: new messages are added untranslated, a changed
   message keeps its old translation marked fuzzy, a removed one becomes
   obsolete (``#~``);
3. every catalog is rewritten in one format (Babel's, 76 columns), whatever
   tool a translator saved it with, so that diffs stay small.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sphinx_intl.basic import update
from sphinx_intl.catalog import dump_po, load_po

from .languages import ROOT, SOURCE_LANGUAGE, present
from .po_check import catalogs
from .publish import sphinx_command, sphinx_env

LINE_WIDTH = 76


def extract(book: Path, pot_dir: Path) -> None:
    """Message templates of the Chinese source into pot_dir."""
    command = sphinx_command("gettext", SOURCE_LANGUAGE, pot_dir, pot_dir / ".doctrees", book) + ["-q"]
    if subprocess.run(command, env=sphinx_env(), cwd=ROOT).returncode:
        raise SystemExit("extracting messages failed (see the messages above)")


def normalise(path: Path, language: str) -> None:
    """Rewrite a catalog in the one format (Babel's, 76 columns), whatever
    tool saved it last, and replace a new catalog's placeholder header
    (msgfmt --check rejects it); a translator may then put their own name."""
    catalog = load_po(str(path))
    if catalog.last_translator == "FULL NAME <EMAIL@ADDRESS>" or catalog.fuzzy:
        catalog.last_translator = catalog.language_team = f"the book's translators ({language})"
        catalog.revision_date = catalog.creation_date
        catalog.fuzzy = False
    dump_po(str(path), catalog, line_width=LINE_WIDTH)


def update_catalogs(languages, book: Path = ROOT / "book", locale: Path = ROOT / "locale") -> None:
    with tempfile.TemporaryDirectory(prefix="pot-") as tmp:
        pot_dir = Path(tmp)
        extract(book, pot_dir)
        shutil.rmtree(pot_dir / ".doctrees", ignore_errors=True)
        update(str(locale), str(pot_dir), list(languages), line_width=LINE_WIDTH)
    for language in languages:
        for path in catalogs(language, locale):
            normalise(path, language)


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

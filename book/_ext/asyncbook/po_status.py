"""Translation progress: one line per chapter catalog, for every language.

    python -m asyncbook.po_status        (make po-status)

A published language (languages.PUBLISHED) must be complete: the tests fail
on any untranslated or fuzzy entry.  A new language may start partial.
"""

import sys

import polib

from .languages import PUBLISHED, ROOT, present


def status(language: str) -> list[tuple[str, int, int, int]]:
    rows = []
    for path in sorted((ROOT / "locale" / language / "LC_MESSAGES").glob("*.po")):
        po = polib.pofile(str(path))
        fuzzy = len(po.fuzzy_entries())
        translated = len(po.translated_entries())
        untranslated = len(po.untranslated_entries())
        rows.append((path.stem, translated, fuzzy, untranslated))
    return rows


def main() -> int:
    for language in present()[1:]:
        rows = status(language)
        total = sum(sum(row[1:]) for row in rows) or 1
        done = sum(row[1] for row in rows)
        state = "published" if language in PUBLISHED else "in progress"
        print(f"{language} ({state}): {done}/{total} messages translated ({100 * done // total} %)")
        print(f"  {'chapter':<20} {'translated':>10} {'fuzzy':>6} {'untranslated':>12}")
        for chapter, translated, fuzzy, untranslated in rows:
            mark = "" if fuzzy == untranslated == 0 else "  <-"
            print(f"  {chapter:<20} {translated:>10} {fuzzy:>6} {untranslated:>12}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

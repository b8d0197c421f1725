"""Translating the listings' code: comments and strings, through the same
catalogs as the prose.

The text a reader of another edition should see in a program is the Chinese
in its comments and string literals ("开始下载..." → "Download started...").
Each such piece is one gettext message in the chapter's catalog, next to the
chapter's paragraphs, so a translator translates everything in one place.
Code itself is never touched: only the inside of a comment or of a string's
quotes is replaced.  The English programs are then run by the tests like the
Chinese ones, and their outputs recorded beside them (``output.en.txt``).

The scanner reads one line at a time (the listings have no multi-line
strings; ``untranslatable`` reports any Chinese it cannot reach).
"""

import re
from functools import lru_cache
from pathlib import Path

import polib

from .languages import ROOT

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
STRING = re.compile(r"""[rRbBfFuU]{0,2}(\"\"\"|'''|"|')""")
TRANSLATED_FILES = ("*.py", "session.txt")


def segments(line: str):
    """(start, end) of every comment text and string body in a line of Python."""
    i = 0
    while i < len(line):
        char = line[i]
        if char == "#":
            start = i + 1 + (line[i + 1 : i + 2] == " ")
            yield start, len(line)
            return
        match = STRING.match(line, i) if char.isalpha() or char in "\"'" else None
        if match and (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "_")):
            quote = match.group(1)
            start = match.end()
            end = start
            while end < len(line) and not line.startswith(quote, end):
                end += 2 if line[end] == "\\" else 1
            yield start, min(end, len(line))
            i = end + len(quote)
            continue
        i += 1


def messages(source: str) -> list[str]:
    """The translatable pieces of a program: comments and strings with Chinese."""
    found = []
    for line in source.splitlines():
        for start, end in segments(line):
            piece = line[start:end]
            if CJK.search(piece) and piece not in found:
                found.append(piece)
    return found


def untranslatable(source: str) -> list[int]:
    """Numbers of lines with Chinese outside every comment and string."""
    bad = []
    for number, line in enumerate(source.splitlines(), 1):
        outside = list(line)
        for start, end in segments(line):
            outside[start:end] = [" "] * (end - start)
        if CJK.search("".join(outside)):
            bad.append(number)
    return bad


def translate(source: str, lookup) -> str:
    """The program with every translatable piece replaced by ``lookup(piece)``
    (``None``: keep the original)."""
    lines = []
    for line in source.splitlines(keepends=True):
        pieces, last = [], 0
        for start, end in segments(line.rstrip("\n")):
            original = line[start:end]
            translated = lookup(original) if CJK.search(original) else None
            pieces += [line[last:start], translated if translated is not None else original]
            last = end
        lines.append("".join(pieces) + line[last:])
    return "".join(lines)


def locale_dir(srcdir, config) -> Path:
    """The catalogs' folder of a Sphinx build (conf.py's locale_dirs)."""
    return (Path(srcdir) / config.locale_dirs[0]).resolve()


def catalog_path(language: str, chapter: str, locale: Path = ROOT / "locale") -> Path:
    return locale / language / "LC_MESSAGES" / f"{chapter}.po"


@lru_cache(maxsize=None)
def _catalog(path: Path, mtime: float) -> dict:
    po = polib.pofile(str(path))
    # as Sphinx does with compiled catalogs: fuzzy entries fall back to the source
    return {e.msgid: e.msgstr for e in po if e.msgstr and not e.fuzzy and not e.obsolete}


def catalog(language: str, chapter: str, locale: Path = ROOT / "locale") -> dict:
    path = catalog_path(language, chapter, locale)
    return _catalog(path, path.stat().st_mtime) if path.exists() else {}


def translated_files(folder: Path):
    for pattern in TRANSLATED_FILES:
        yield from sorted(folder.glob(pattern))


def untranslated(folder: Path, chapter: str, language: str, locale: Path = ROOT / "locale") -> list[tuple[str, str]]:
    """(msgid, why) for every translatable piece of a listing's programs
    that its edition would still show in Chinese: not in the chapter's
    catalog yet (``make po``), untranslated, or fuzzy."""
    path = catalog_path(language, chapter, locale)
    entries = {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete} if path.exists() else {}
    found = []
    for file in translated_files(folder):
        for message in messages(file.read_text("utf-8")):
            entry = entries.get(message)
            if entry is None:
                why = "not in the catalog yet: run `make po`"
            elif entry.fuzzy:
                why = "fuzzy"
            elif not entry.msgstr:
                why = "untranslated"
            else:
                continue
            if (message, why) not in found:
                found.append((message, why))
    return found

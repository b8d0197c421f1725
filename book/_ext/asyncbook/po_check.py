"""Check translation catalogs: nothing a translator writes may break a page.

    python -m asyncbook.po_check [FILE.po ...]     (default: every catalog)

For every catalog:
- ``msgfmt --check`` (GNU gettext): syntax, format strings, header;
  polib and Babel accept some broken files silently, msgfmt does not
  (a byte-order mark and invisible control characters are checked here);
  nothing else is read from a catalog that fails this.
For every translated entry, its msgstr keeps (it may add to) the msgid's
- inline code (unless the code itself contains Chinese to translate, or
  to keep with the {zh-code} role: translations.chinese_role),
- roles ({doc}, {numref}, {ref}: same targets; {term}: same number),
- links (same URLs), emphasis and strong emphasis (same counts),
- numbers written in digits,
- f-string placeholders ``{…}`` and ``\\n`` of translated program text.
Markup is compared as MyST-Parser itself parses it, so a msgstr whose
backticks or asterisks no longer pair up is caught.  Each problem is
reported with its ``FILE:LINE`` and what to do.  In a published
translation (languages.PUBLISHED), a fuzzy or untranslated entry is a
problem too (``complete``).  Sphinx builds of a translated edition run
these checks and turn problems into warnings (errors under -W); ``make po``
and the tests (tests/conftest.py) run them first and stop on any problem.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import polib

from .code_i18n import CJK
from .languages import PUBLISHED, ROOT, SOURCE_LANGUAGE, UI_CATALOG

TARGET_ROLES = {"doc", "numref", "ref", "download", "any"}
PLACEHOLDER = re.compile(r"\{[^{}`]*\}(?!`)")
NUMBER = re.compile(r"\d+(?:\.\d+)*")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist"}), RendererHTML)


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token.children or [])


def markup(text: str) -> tuple[Counter, str]:
    """The markup a MyST paragraph carries, and its plain text outside it."""
    found = Counter()
    plain = []
    for token in _flatten(_parser().parse(text)):
        if token.type == "code_inline":
            found["code " + ("(translated)" if CJK.search(token.content) else repr(token.content))] += 1
        elif token.type == "myst_role" and token.meta.get("name") == "zh-code":
            found["code (translated)"] += 1  # Chinese code kept as it is (translations.chinese_role)
        elif token.type == "myst_role" and token.meta.get("name") == "zh":
            plain.append(token.content)  # Chinese text kept as it is: still text (its numbers count)
        elif token.type == "myst_role":
            name = token.meta.get("name", "")
            target = token.content.rsplit("<", 1)[-1].rstrip(">").strip()
            found[f"{{{name}}}" + (f"`{target}`" if name in TARGET_ROLES else "")] += 1
        elif token.type == "link_open":
            found[f"link {token.attrs.get('href')}"] += 1
        elif token.type in ("strong_open", "em_open", "math_inline", "image"):
            found[token.type.replace("_open", "")] += 1
        elif token.type == "text":
            plain.append(token.content)
    return found, " ".join(plain)


def check_entry(entry: polib.POEntry) -> list[str]:
    """What a translated entry's msgstr breaks, each with what to do."""
    if not entry.msgstr or entry.obsolete or entry.fuzzy:
        return []
    source, translation = entry.msgid, entry.msgstr
    problems = []
    want, source_text = markup(source)
    have, translation_text = markup(translation)
    lost = want - have
    # a code span with Chinese in it is translated: any new code span may stand for it
    new_code = sum(v for k, v in (have - want).items() if k.startswith("code "))
    translated_code = lost.pop("code (translated)", 0)
    if translated_code > new_code:
        lost["code (translated)"] = translated_code - new_code
    if lost:
        problems.append("msgstr changes the markup of its msgid: lost " + ", ".join(f"{k} ×{v}" for k, v in lost.items())
                        + "; keep each backtick, role, link and */** pair of the msgid")
    missing = Counter(NUMBER.findall(source_text)) - Counter(NUMBER.findall(translation_text))
    if missing:
        problems.append("msgstr drops the number(s) " + ", ".join(missing) + "; write them in digits, as the msgid does")
    if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(translation)):
        problems.append(f"msgstr changes the placeholders {sorted(PLACEHOLDER.findall(source))}; copy them unchanged")
    if source.count("\\n") != translation.count("\\n") or source.count("\n") != translation.count("\n"):
        problems.append("msgstr changes the line breaks; keep every \\n and every line break of the msgid")
    return problems


def completeness(entry: polib.POEntry) -> str | None:
    """Why an entry of a published language is not ready, and what to do."""
    if entry.obsolete or not entry.msgid:
        return None
    if entry.fuzzy:
        return ("fuzzy entry: review the translation against the msgid (the `#| msgid` lines show the "
                "Chinese it translated), then delete the `#, fuzzy` line")
    if not entry.msgstr:
        return "untranslated entry: translate it (fill in its msgstr)"
    return None


# What to do about msgfmt's complaints (GNU gettext's wording, run in English).
MSGFMT_ADVICE = [
    ("end-of-line within string", 'end the line with a closing double quote ("); write \\" for a quote inside the text'),
    ("unknown", 'every line is a #-comment, a keyword (msgid, msgstr) or text in double quotes: '
                'quote or delete the stray text'),
    ("syntax error", 'every line is a #-comment, a keyword (msgid, msgstr) or text in double quotes: '
                     'quote or delete the stray text'),
    ("invalid control sequence", 'a backslash may only start \\n, \\t, \\" or \\\\: write \\\\ for a backslash'),
    ("duplicate message definition", "keep one of the two entries and delete the other"),
    ("invalid multibyte sequence", "the file is not valid UTF-8: save it as UTF-8 and retype the characters here"),
    ("do not both", "the msgstr begins and ends with \\n exactly when the msgid does"),
    ("missing 'msgstr' section", 'add a msgstr line (msgstr "") after the msgid'),
    ("plural forms", "give each entry as many msgstr[N] as the header's Plural-Forms says (nplurals)"),
    ("header", 'the header (the first entry, msgid "") needs every standard field: restore it (`git diff` '
               'shows what changed) or copy it from another catalog of the language'),
    ("harset", 'restore the header line "Content-Type: text/plain; charset=utf-8\\n" (`git diff` shows what changed)'),
]


def _advice(message: str) -> str:
    return next((advice for key, advice in MSGFMT_ADVICE if key in message), "see `git diff` for what changed here")


def msgfmt(path: Path) -> list[tuple[str, str]]:
    """msgfmt's complaints as (LINE or "", message and what to do), one per problem."""
    if not shutil.which("msgfmt"):
        raise SystemExit("msgfmt (GNU gettext) is not installed: run `make system-deps` (apt-get install gettext)")
    proc = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True,
                          errors="replace", env={**os.environ, "LC_ALL": "C.UTF-8", "LANGUAGE": ""})
    found = []
    complaint = re.compile(rf"(?:msgfmt: )?{re.escape(str(path))}(?::(\d+))?(?::\d+)?: (.*)")
    for line in proc.stderr.splitlines():
        match = complaint.match(line)
        if match:
            number, message = match.groups()
            if message == "end-of-line within string" and number:
                number = str(int(number) - 1)  # msgfmt names the line after the one left open
            if found and found[-1][1].endswith("...") and message.startswith("..."):
                # two lines about one problem: "X..." at one line, "...Y" at another
                found[-1] = (found[-1][0], f"{found[-1][1]} {message} (line {number})")
            else:
                found.append((number or "", message))
        elif line[:1].isspace() and found:  # msgfmt continues a message on an indented line
            found[-1] = (found[-1][0], f"{found[-1][1].rstrip('.')}; {line.strip().removeprefix('warning: ')}")
        elif line.strip() and not line.startswith("msgfmt: found"):
            found.append(("", line.strip()))
    if proc.returncode and not found:
        found.append(("", f"msgfmt --check failed (exit code {proc.returncode})"))
    problems = []
    for number, message in found:
        number = number or _header_line(path, message)
        message = message.removeprefix("warning: ").rstrip(".")
        if problems and problems[-1][0] == number:  # one line, several complaints: one problem
            message = f"{problems.pop()[1]}, {message}"
        problems.append((number, message))
    return [(number, f"{message}; {_advice(message)}") for number, message in problems]


def _header_line(path: Path, message: str) -> str:
    """The line a complaint about the header is about: the Content-Type
    line for the charset, else the top of the file."""
    if "harset" in message:
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
        return str(next((i for i, line in enumerate(lines, 1) if "Content-Type:" in line), 1))
    return "1"


CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def raw_problems(path: Path) -> list[tuple[str, str]]:
    """What msgfmt lets through or words obscurely: a byte-order mark, and
    invisible control characters (a NUL byte would cut the text short)."""
    data = path.read_bytes()
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(("1", "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"))
    for number, line in enumerate(data.split(b"\n"), 1):
        for char in CONTROL.findall(line.rstrip(b"\r")):
            problems.append((str(number), f"invisible control character 0x{char[0]:02x}; delete it"))
    return problems


def parse(path: Path) -> polib.POFile:
    """polib's reading of a catalog that msgfmt accepted, checked against
    Babel's (what Sphinx compiles the edition from, and what ``make po``
    rewrites): a text the two read differently is a problem (ParseError)."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        po = polib.pofile(str(path))
    except (OSError, ValueError) as error:
        match = re.search(r"\(line (\d+)\)(?:: (.*))?", str(error))
        line, message = match.groups() if match else (None, None)
        raise ParseError(line, f"polib cannot read this line ({message or 'syntax error'}); "
                         "write each quoted string on a line of its own, after one space") from None
    try:
        with open(path, "rb") as file:  # as Sphinx reads it
            catalog = read_po(file, charset="utf-8", abort_invalid=True)
    except PoFileError as error:
        complaint = str(error).rsplit(" on ", 1)[0]
        raise ParseError(str(error.lineno + 1), f"Babel (Sphinx) cannot read this line ({complaint}); "
                         "write keyword, one space, quoted string") from None
    except UnicodeDecodeError:
        raise ParseError("", "Sphinx reads catalogs as UTF-8: save the file as UTF-8, charset=utf-8") from None
    babel = {_key(m.context, m.id, obsolete): m.string for obsolete, messages in
             ((False, list(catalog)), (True, catalog.obsolete.values())) for m in messages if m.id}
    for entry in po:
        if not entry.msgid:
            continue
        msgid = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
        text = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if entry.msgid_plural else entry.msgstr
        key = _key(entry.msgctxt, msgid, entry.obsolete)
        if key not in babel or _plain(babel.pop(key)) != text:
            raise ParseError(str(entry.linenum), "polib and Babel (Sphinx) read this entry differently; "
                             "write keyword, one space, quoted string, and check its quotes and backslashes")
    if babel:
        raise ParseError("", f"Babel (Sphinx) reads an entry polib does not: {next(iter(babel))[1]!r}; "
                         "check the quotes of the entries around it")
    return po


class ParseError(Exception):
    """(line or "", what is wrong and what to do)"""


def _plain(value):
    """Babel's list or tuple of plural forms as a tuple."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _key(context, msgid, obsolete):
    return context or None, _plain(msgid), obsolete


def check_file(path: Path, complete: bool = False) -> list[tuple[str, str]]:
    """Problems as (location "FILE:LINE", message) pairs: first whether the
    file parses (nothing else is read from a file that does not), then each
    translated entry; with ``complete``, each fuzzy or untranslated entry too."""
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path

    def where(line):
        return f"{shown}:{line}" if line else str(shown)

    syntax = raw_problems(path) or msgfmt(path)
    if syntax:
        return [(where(line), message) for line, message in syntax]
    try:
        po = parse(path)
    except ParseError as error:
        return [(where(error.args[0]), error.args[1])]
    problems = []
    for entry in po:
        found = check_entry(entry) + ([completeness(entry)] if complete else [])
        problems += [(where(entry.linenum), f"{problem} (msgid {entry.msgid[:60]!r})") for problem in found if problem]
    return problems


def language_of(path: Path) -> str:
    return path.parent.parent.name  # <locale>/<language>/LC_MESSAGES/<name>.po


def check_locale(locale: Path = ROOT / "locale", complete: bool = True) -> list[tuple[str, str]]:
    """Every catalog's problems; with ``complete``, a published translation's
    fuzzy and untranslated entries are problems too."""
    interface = sorted(locale.glob(f"*/LC_MESSAGES/{UI_CATALOG}.po"))  # checked too, never rewritten by make po
    return [problem for path in catalogs(locale=locale) + interface
            for problem in check_file(path, complete and language_of(path) in PUBLISHED
                                      and language_of(path) != SOURCE_LANGUAGE)]


def format_problems(problems) -> str:
    return "\n".join(f"{location}: {message}" for location, message in problems)


def report(problems, then: str) -> str:
    """One block for a person: what is wrong where, and what to do next."""
    files = {location.split(".po")[0] for location, _ in problems}
    count = f"{len(problems)} problem{'s' * (len(problems) != 1)} in {len(files)} catalog{'s' * (len(files) != 1)}"
    return f"{count}:\n{format_problems(problems)}\n{then}"


def catalogs(language: str | None = None, locale: Path = ROOT / "locale") -> list[Path]:
    """The book's translation catalogs, one per page (not the interface's)."""
    return sorted(p for p in locale.glob(f"{language or '*'}/LC_MESSAGES/*.po") if p.stem != UI_CATALOG)


def main(argv=None) -> int:
    paths = [Path(p).resolve() for p in (argv or sys.argv[1:])]
    problems = [problem for path in paths for problem in check_file(path)] if paths else check_locale()
    print(report(problems, "Fix each line above in its .po file.") if problems else "catalogs: no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

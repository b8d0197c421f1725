"""Check translation catalogs: nothing a translator writes may break a page.

    python -m asyncbook.po_check [FILE.po ...]     (default: every catalog)

For every catalog:
- ``msgfmt --check`` (GNU gettext): syntax, format strings, header;
  polib and Babel accept some broken files silently, msgfmt does not.
For every translated entry, its msgstr keeps (it may add to) the msgid's
- inline code (unless the code itself contains Chinese to translate),
- roles ({doc}, {numref}, {ref}: same targets; {term}: same number),
- links (same URLs), emphasis and strong emphasis (same counts),
- numbers written in digits,
- f-string placeholders ``{…}`` and ``\\n`` of translated program text.
Markup is compared as MyST-Parser itself parses it, so a msgstr whose
backticks or asterisks no longer pair up is caught.  Each problem is
reported with its ``FILE:LINE``; Sphinx builds of a translated edition
run this check and turn problems into warnings (errors under -W).
"""

import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import polib

from .code_i18n import CJK
from .languages import ROOT, UI_CATALOG

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
        problems.append("msgstr changes the markup of its msgid: lost " + ", ".join(f"{k} ×{v}" for k, v in lost.items()))
    missing = Counter(NUMBER.findall(source_text)) - Counter(NUMBER.findall(translation_text))
    if missing:
        problems.append("msgstr drops the number(s) " + ", ".join(missing))
    if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(translation)):
        problems.append(f"msgstr changes the placeholders {sorted(PLACEHOLDER.findall(source))}")
    if source.count("\\n") != translation.count("\\n") or source.count("\n") != translation.count("\n"):
        problems.append("msgstr changes the line breaks")
    return problems


def msgfmt(path: Path) -> list[tuple[str, str]]:
    """msgfmt's complaints as (FILE:LINE, message)."""
    if not shutil.which("msgfmt"):
        raise SystemExit("msgfmt (GNU gettext) is not installed: run `make system-deps` (apt-get install gettext)")
    proc = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    found = []
    for line in proc.stderr.splitlines():
        match = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", line)
        if match:
            found.append((match.group(1), match.group(2)))
        elif line and not line.startswith("msgfmt: found"):
            found.append(("", line))
    return found


def check_file(path: Path) -> list[tuple[str, str]]:
    """Problems as (location "FILE:LINE", message) pairs."""
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    syntax = msgfmt(path)
    if syntax:
        return [(f"{shown}:{line}" if line else str(shown), message) for line, message in syntax]
    return [(f"{shown}:{entry.linenum}", f"{problem} (msgid {entry.msgid[:60]!r})")
            for entry in polib.pofile(str(path)) for problem in check_entry(entry)]


def format_problems(problems) -> str:
    return "\n".join(f"{location}: {message}" for location, message in problems)


def catalogs(language: str | None = None, locale: Path = ROOT / "locale") -> list[Path]:
    """The book's translation catalogs, one per page (not the interface's)."""
    return sorted(p for p in locale.glob(f"{language or '*'}/LC_MESSAGES/*.po") if p.stem != UI_CATALOG)


def main(argv=None) -> int:
    paths = [Path(p).resolve() for p in (argv or sys.argv[1:])] or catalogs()
    problems = [problem for path in paths for problem in check_file(path)]
    print(format_problems(problems) or f"{len(paths)} catalogs: no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Chinese typography of the source pages: full-width punctuation in Chinese
text, and a space between Chinese and Latin letters, digits or inline code.

Code (inline and blocks), directive options and roles are left out; the
errata page's quotes of the original article (“…”) keep its errors on
purpose."""

import re

import pytest

from conftest import ROOT

HAN = r"[\u4e00-\u9fff]"
RULES = [
    (re.compile(rf"{HAN}[,.:;!?()]|[,:;!?(]{HAN}"), "half-width punctuation next to Chinese"),
    (re.compile(rf"{HAN}[A-Za-z0-9]|[A-Za-z0-9]{HAN}"), "no space between Chinese and Latin text"),
    (re.compile(rf"{HAN}\x00|\x00{HAN}"), "no space between Chinese and inline code"),
]
PAGES = sorted((ROOT / "book").glob("*.md"))


def prose_lines(page):
    fence = False
    for number, line in enumerate(page.read_text("utf-8").splitlines(), 1):
        if line.lstrip().startswith(("```", ":::")):
            fence = not fence if line.strip() in ("```", ":::") or not fence else fence
            continue
        if fence or line.lstrip().startswith(":"):
            continue
        line = re.sub(r"\{[a-z]+\}`[^`]*`", "角色", line)  # a role renders as a word of its own
        line = re.sub(r"`[^`]+`", "\x00", line)  # inline code: checked as a unit, not inside
        if page.name == "errata.md":
            line = re.sub(r"“[^”]*”", "引文", line)
        yield number, line


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_chinese_text_has_full_width_punctuation_and_spaces_around_latin(page):
    problems = []
    for number, line in prose_lines(page):
        for pattern, message in RULES:
            for match in pattern.finditer(line):
                context = line[max(0, match.start() - 8):match.end() + 8].replace("\x00", "`…`")
                problems.append(f"{page.name}:{number}: {message}: …{context}…")
    assert not problems, "\n".join(problems)

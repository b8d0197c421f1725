"""The translated editions: complete, consistent catalogs that cannot go
stale silently, code translated with the prose, no Chinese left in the
English edition, and a language switch on every page."""

import re
import shutil
import subprocess
from types import SimpleNamespace

import polib
import pytest
from bs4 import BeautifulSoup
from sphinx.util.tags import Tags

from asyncbook import code_i18n, listings, po_check, po_update
from asyncbook.languages import EDITIONS, LANGUAGES, PUBLISHED, SOURCE_LANGUAGE
from conftest import ROOT, sphinx

TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
PUBLISHED_TRANSLATIONS = [code for code in PUBLISHED if code != SOURCE_LANGUAGE]
CJK = code_i18n.CJK


def test_english_is_present_and_published():
    assert "en" in TRANSLATIONS and "en" in PUBLISHED_TRANSLATIONS


# Every catalog passing po_check, and a published translation being complete
# (no fuzzy or untranslated entry), are checked before any test runs: see
# pytest_sessionstart in conftest.py and tests/test_catalogs.py.


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """The messages of the current Chinese source, as `make po` extracts them."""
    pot_dir = tmp_path_factory.mktemp("pot")
    po_update.extract(ROOT / "book", pot_dir)
    return {pot.stem: {e.msgid for e in polib.pofile(str(pot)) if e.msgid} for pot in pot_dir.glob("*.pot")}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_catalogs_match_the_source(templates, language):
    """A change to book/ or examples/ without `make po` fails here."""
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    catalogs = {path.stem: path for path in folder.glob("*.po")}
    assert set(catalogs) == set(templates), f"catalogs {sorted(catalogs)} ≠ pages {sorted(templates)}: run `make po`"
    for name, path in catalogs.items():
        current = {e.msgid for e in polib.pofile(str(path)) if not e.obsolete}
        added, removed = templates[name] - current, current - templates[name]
        assert not added and not removed, (
            f"{path.relative_to(ROOT)} is stale (the Chinese source changed): run `make po`.\n"
            f"  new: {sorted(added)[:3]}\n  gone: {sorted(removed)[:3]}")


@pytest.mark.parametrize("path", po_check.catalogs(), ids=lambda p: str(p.relative_to(ROOT / "locale")))
def test_catalog_wrapping_is_consistent(path):
    """Each catalog is in the one format `make po` writes (previous msgids included)."""
    assert po_update.render(po_update.load(path)) == path.read_bytes(), f"{path.name}: rewrap with `make po`"


def test_make_po_keeps_translations_as_fuzzy_or_obsolete(tmp_path):
    """Editing a paragraph keeps its translation (fuzzy); removing one keeps
    it as obsolete: a translation never silently disappears."""
    book, locale = tmp_path / "book", tmp_path / "locale"
    shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("_ext"))
    shutil.copytree(ROOT / "locale" / "en", locale / "en")
    page = book / "ch01-why-async.md"
    text = page.read_text("utf-8")
    changed = "这就是**同步**：一件事没做完，下一件事只能等。"
    removed = "所以，异步的目标是**提高效率**"
    assert changed in text and removed in text
    text = text.replace(changed, "这就是**同步**：一件事没做完，下一件事只好等着。")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(removed))
    page.write_text(text, "utf-8")
    before = {e.msgid: e.msgstr for e in polib.pofile(str(locale / "en/LC_MESSAGES/ch01-why-async.po"))}

    po_update.update_catalogs(["en"], book, locale)

    po = polib.pofile(str(locale / "en/LC_MESSAGES/ch01-why-async.po"))
    edited = po.find("这就是**同步**：一件事没做完，下一件事只好等着。")
    assert edited and "fuzzy" in edited.flags and edited.msgstr == before[changed]
    gone = [e for e in po.obsolete_entries() if e.msgid.startswith(removed)]
    assert gone and gone[0].msgstr == before[gone[0].msgid]


def test_po_status_reports_every_chapter():
    proc = subprocess.run(["python", "-m", "asyncbook.po_status"], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "book" / "_ext"), "PATH": str(ROOT / ".venv" / "bin")})
    assert proc.returncode == 0, proc.stderr
    assert "en (published):" in proc.stdout and "(100 %)" in proc.stdout
    for page in (ROOT / "book").glob("*.md"):
        assert page.stem in proc.stdout


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("listing", listings.all_listings(), ids=lambda item: item.name)
def test_translated_programs_have_no_chinese(listing, language):
    table = code_i18n.catalog(language, listing.chapter)
    for path in code_i18n.translated_files(listing.path):
        source = path.read_text("utf-8")
        assert not code_i18n.untranslatable(source), f"{path}: Chinese outside comments and strings"
        translated = code_i18n.translate(source, table.get)
        leftover = [line for line in translated.splitlines() if CJK.search(line)]
        assert not leftover, f"{path.relative_to(ROOT)} in {language}: {leftover}"
        output = listing.output_path(language)
        if output.exists():
            assert not CJK.search(output.read_text("utf-8")), f"{output.relative_to(ROOT)} has Chinese"


SNIPPET = re.compile(r"^```\{snippet\}[^\n]*\n(?::[^\n]*\n)*(.*?)^```", re.M | re.S)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_snippets_are_translated_like_listings(html_of, language):
    """A snippet's comments and strings come from its chapter's catalog (as
    a listing's do): every piece shows translated on the edition's page."""
    checked = 0
    for page in sorted((ROOT / "book").glob("*.md")):
        table = code_i18n.catalog(language, page.stem)
        html = (html_of(language) / f"{page.stem}.html").read_text("utf-8")
        text = BeautifulSoup(html, "html.parser").get_text()
        for block in SNIPPET.findall(page.read_text("utf-8")):
            for piece in code_i18n.messages(block):
                assert table.get(piece), f"{page.name}: snippet piece {piece!r} has no translation in its catalog"
                assert table[piece] in text and piece not in text, f"{page.stem}.html [{language}]: {piece!r}"
                checked += 1
    assert checked, "no snippet has a comment or string to translate"


def allowed_chinese(language):
    """Chinese runs a reader of a translated edition may meet: the glossary's
    Chinese terms (each edition's glossary gives them beside its own)."""
    return {run for term in glossary_terms() for run in chinese_runs(term)}


def glossary_terms():
    """The terms of book/glossary.md: the unindented lines of its glossary."""
    block = (ROOT / "book" / "glossary.md").read_text("utf-8").split("```{glossary}", 1)[1].split("```", 1)[0]
    return {line.strip() for line in block.splitlines() if line.strip() and not line[0].isspace()}


def kept_chinese(soup):
    """Remove from a page the Chinese a translator kept on purpose, marked
    lang="zh-…" ({zh} and {zh-code}, translations.chinese_role); return its
    text."""
    kept = []
    for element in soup.select('[lang^="zh"]'):
        if element.parent is not None and not element.find_parent(lang=re.compile("^zh")):
            kept.append(element.get_text())
            element.decompose()
    return kept


def kept_chinese_runs(html):
    """The Chinese runs of every page's kept Chinese, in a built HTML folder."""
    return {run for page in html.glob("*.html")
            for text in kept_chinese(without_switch(BeautifulSoup(page.read_text("utf-8"), "html.parser")))
            for run in chinese_runs(text)}


def without_switch(soup):
    switch = soup.select_one("ul.book-language-switch")
    if switch:
        switch.decompose()
    return soup


def chinese_runs(text):
    return set(re.findall(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+(?:[ /A-Za-z]*[\u3400-\u9fff]+)*", text))


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_translated_html_has_no_chinese_but_glossary_terms_and_switch(html_of, language):
    """Besides the glossary's terms and the language switch, only Chinese
    marked lang="zh-…" (kept on purpose, {zh}/{zh-code}) is allowed."""
    allowed = allowed_chinese(language)
    for page in sorted(html_of(language).glob("*.html")):
        soup = without_switch(BeautifulSoup(page.read_text("utf-8"), "html.parser"))
        kept_chinese(soup)
        runs = chinese_runs(soup.get_text() + " ".join(str(v) for tag in soup.find_all(True) for v in tag.attrs.values()))
        if page.name == "glossary.html":
            runs -= allowed
        assert not runs, f"{page.name}: Chinese text {sorted(runs)[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_leads_to_the_same_page(html_of, language):
    out = html_of(language)
    for page in sorted(out.glob("*.html")):
        if page.name in ("search.html", "genindex.html", "404.html"):  # 404: absolute links, test_site.py
            continue
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        links = {a["hreflang"]: a["href"] for a in soup.select("ul.book-language-switch a")}
        others = [code for code in LANGUAGES if code != language]
        assert len(links) == len(others), f"{page.name}: switch {links}"
        for code in others:
            target = (page.parent / links[EDITIONS[code].bcp47]).resolve()
            assert target == (html_of(code) / page.name).resolve() and target.exists(), f"{page.name} -> {target}"
            assert soup.find("ul", class_="book-language-switch").find(string=EDITIONS[code].native_name)


def test_language_switch_links_to_the_readthedocs_projects(monkeypatch):
    from asyncbook import translations

    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_VERSION", "latest")

    class Config:
        language = "zh_CN"
        html_context = {}

    translations.language_switch(SimpleNamespace(tags=Tags()), Config)
    prefixes = {entry["name"]: entry["prefix"] for entry in Config.html_context["language_switch"]}
    assert prefixes == {"中文": "../../zh-cn/latest/", "English": "../../en/latest/"}


# Bad input: a broken catalog fails the translated build with file and line.
# (msgid of the entry to break, text in its msgstr, replacement, message)
BROKEN = {
    "syntax error": ("为什么需要异步", '"Why asynchronous code?"', '"Why asynchronous code?', "end-of-line within string"),
    "broken markup": ("这里用 `time.sleep(5)`", "`time.sleep(5)`", "`time.sleep(5)", "changes the markup"),
    "dropped inline code": ("这里用 `time.sleep(5)`", "`time.sleep(5)`", "time.sleep(5)", "lost code 'time.sleep(5)'"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_catalog_fails_with_file_and_line(case, tmp_path):
    msgid, old, new, message = BROKEN[case]
    book, locale = tmp_path / "book", tmp_path / "locale"
    shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("_ext"))
    shutil.copytree(ROOT / "locale", locale)
    po = locale / "en" / "LC_MESSAGES" / "ch01-why-async.po"
    entry = next(e for e in polib.pofile(str(po)) if e.msgid.startswith(msgid))
    lines = po.read_text("utf-8").splitlines()
    # the msgstr follows the msgid: change the first of its lines holding `old`
    changed = next(i for i in range(entry.linenum, len(lines)) if old in lines[i] and not lines[i].startswith("msgid"))
    lines[changed] = lines[changed].replace(old, new, 1)
    po.write_text("\n".join(lines) + "\n", "utf-8")
    # the syntax check names the broken line, the markup checks the entry's msgid line
    reported = [changed + 1] if case == "syntax error" else [entry.linenum]
    code, log = sphinx("html", tmp_path / "out", "en", book)
    assert code != 0, log
    assert message in log, log
    assert any(f"locale/en/LC_MESSAGES/ch01-why-async.po:{line}: " in log for line in reported), log


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_kept_chinese_is_marked_as_chinese(html_of, language):
    """The erratum about Chinese punctuation keeps its Chinese quotations in
    a translated edition ({zh-code} as code, {zh} as text), each marked with
    the source language for screen readers."""
    soup = BeautifulSoup((html_of(language) / "errata.html").read_text("utf-8"), "html.parser")
    lang = EDITIONS[SOURCE_LANGUAGE].bcp47
    code = [element.get_text() for element in soup.select(f'code[lang="{lang}"]')]
    text = [element.get_text() for element in soup.select(f'span[lang="{lang}"]')]
    assert 'print("结果:", result)' in code and "“等待1秒”" in text, (code, text)

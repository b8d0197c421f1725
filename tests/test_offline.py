"""PDF and ePub for every edition, built by running .readthedocs.yaml's own
commands the way Read the Docs does (READTHEDOCS_OUTPUT in a temporary
folder, READTHEDOCS_LANGUAGE set to each edition's slug)."""

import os
import re
import subprocess
import unicodedata
import zipfile

import pytest
import yaml
from bs4 import BeautifulSoup

from asyncbook.languages import EDITIONS, LANGUAGES, SOURCE_LANGUAGE
from asyncbook.publish import latex_problems
from conftest import CONFIG, JOB_OUTPUT, ROOT, VENV_BIN, sphinx

TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
# Invisible characters a PDF need not carry: the emoji presentation selector.
INVISIBLE = {"\ufe0f"}


def tool(*command):
    """Run a system tool; a missing one fails with how to install it."""
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.fail(f"{command[0]} is not installed: run `make system-deps`")


def test_build_jobs_print_only_their_result(rtd):
    """No warning, and no progress either: Sphinx's (-q), jieba's, latexmk's
    (captured by publish), LaTeX's "Run 'make' in that directory" hint."""
    from test_build import NOISE

    language, output = rtd
    for job, outputs in JOB_OUTPUT[language].items():
        for printed in outputs:
            assert "WARNING" not in printed, printed
            assert [noise for noise in NOISE if noise in printed] == [], printed
            assert len(printed.splitlines()) == 1 and printed.startswith(f"{job} [{language}]: "), (job, printed)


def only_file(folder, suffix):
    files = list(folder.iterdir())
    assert len(files) == 1, f"{folder} holds {[f.name for f in files]}"
    assert files[0].suffix == suffix and files[0].name.count(".") == 1, files[0].name
    return files[0]


def html_text(html_dir):
    """The text a reader sees in the HTML edition's pages (not the theme's chrome)."""
    texts = []
    for page in sorted(html_dir.glob("*.html")):
        if page.name in ("search.html", "genindex.html", "404.html"):  # pages of the web site only
            continue
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        article = soup.find("article")
        for anchor in article.select("a.headerlink"):
            anchor.decompose()
        texts.append(article.get_text())
    return "".join(texts)


def pdf_text(pdf):
    proc = tool("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_readthedocs_config_is_valid_and_installs_the_lock_file():
    proc = subprocess.run([os.path.join(VENV_BIN, "check-jsonschema"), "--builtin-schema", "vendor.readthedocs", str(CONFIG)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = yaml.safe_load(CONFIG.read_text("utf-8"))
    assert set(config["formats"]) == {"pdf", "epub"}
    assert config["build"]["tools"]["python"] == "3.11" and config["build"]["os"] == "ubuntu-24.04"
    assert "requirements.lock" in " ".join(config["build"]["jobs"]["install"])
    # npm installs Pyodide (asyncbook.browser) with the Node that build.tools names
    assert config["build"]["tools"]["nodejs"] and "asyncbook.browser" in " ".join(config["build"]["jobs"]["install"])


def test_readthedocs_html_carries_the_runtime(rtd):
    """The Run buttons' runtime is in the site Read the Docs builds, as the
    lock pins it; the PDF and ePub have no trace of it."""
    from asyncbook import browser

    language, output = rtd
    for name in browser.RUNTIME:
        copy = output / "html" / "_static" / browser.STATIC / name
        assert copy.read_bytes() == (browser.PACKAGE / name).read_bytes(), f"{copy} differs from the installed runtime"
    assert browser.installed_version() == browser.locked_version()


def test_outputs_where_readthedocs_expects_them(rtd):
    language, output = rtd
    assert (output / "html" / "index.html").exists()
    only_file(output / "pdf", ".pdf")
    only_file(output / "epub", ".epub")
    assert not (ROOT / "_build" / "html").exists()


def test_html_links_to_readthedocs_downloads(rtd):
    language, output = rtd
    slug = EDITIONS[language].readthedocs
    page = (output / "html" / "index.html").read_text("utf-8")
    assert f'href="/_/downloads/{slug}/latest/pdf/"' in page
    assert f'href="/_/downloads/{slug}/latest/epub/"' in page


def test_local_html_links_to_the_built_files(rtd, tmp_path):
    language, output = rtd
    code, log = sphinx("html", tmp_path / "html", language)
    assert code == 0, log
    page = (tmp_path / "html" / "index.html").read_text("utf-8")
    pdf, epub = only_file(output / "pdf", ".pdf"), only_file(output / "epub", ".epub")
    assert f'href="../pdf/{pdf.name}"' in page and f'href="../epub/{epub.name}"' in page


def test_pdf_fonts_are_all_embedded(rtd):
    language, output = rtd
    proc = tool("pdffonts", str(only_file(output / "pdf", ".pdf")))
    rows = proc.stdout.splitlines()[2:]
    assert rows, proc.stdout
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", f"font not embedded: {row}"
    assert any("NotoSerifCJK" in row or "NotoSansCJK" in row for row in rows), proc.stdout


def test_xelatex_lost_no_character(rtd):
    language, _ = rtd
    (log,) = (ROOT / "_build" / language / "work" / "latex").glob("*.log")
    text = log.read_text("utf-8", errors="replace")
    assert "Missing character" not in text
    assert not latex_problems(text)


def test_every_character_of_the_html_is_in_the_pdf(rtd):
    language, output = rtd
    html_chars = set(unicodedata.normalize("NFC", html_text(output / "html")))
    pdf_chars = set(unicodedata.normalize("NFC", pdf_text(only_file(output / "pdf", ".pdf"))))
    lost = {c for c in html_chars - pdf_chars if not c.isspace() and c not in INVISIBLE}
    assert not lost, "characters of the HTML missing from the PDF text: " + " ".join(
        f"{c!r} U+{ord(c):04X}" for c in sorted(lost))


def test_every_chapter_title_is_in_the_pdf(rtd):
    language, output = rtd
    text = re.sub(r"\s+", "", pdf_text(only_file(output / "pdf", ".pdf")))
    for page in sorted((output / "html").glob("*.html")):
        if page.name in ("search.html", "genindex.html", "404.html"):  # pages of the web site only
            continue
        title = BeautifulSoup(page.read_text("utf-8"), "html.parser").find("article").find("h1")
        for extra in title.select("a.headerlink, span.section-number"):  # the PDF numbers its own way
            extra.decompose()
        assert re.sub(r"\s+", "", title.get_text()) in text, f"{page.name}: {title.get_text()!r} not in the PDF"


def test_pdf_starts_with_title_page_and_contents(rtd):
    language, output = rtd
    edition = EDITIONS[language]
    first_pages = subprocess.run(["pdftotext", "-l", "3", str(only_file(output / "pdf", ".pdf")), "-"],
                                 capture_output=True, text=True).stdout
    squeezed = re.sub(r"\s+", "", first_pages)  # xeCJK spaces CJK and Latin itself
    for text in (edition.title, edition.subtitle, edition.edition):
        assert re.sub(r"\s+", "", text) in squeezed, text
    assert ("目录" if language == "zh_CN" else "Contents") in first_pages


def test_epubcheck_reports_nothing(rtd):
    language, output = rtd
    epub = only_file(output / "epub", ".epub")
    proc = tool("java", "-jar", "/usr/bin/epubcheck", str(epub))
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in proc.stdout, proc.stdout + proc.stderr
    assert "No errors or warnings detected" in proc.stdout + proc.stderr


def test_epub_metadata_names_the_edition_with_cover_and_navigation(rtd):
    language, output = rtd
    edition = EDITIONS[language]
    with zipfile.ZipFile(only_file(output / "epub", ".epub")) as epub:
        opf = epub.read("content.opf").decode("utf-8")
        names = epub.namelist()
    from xml.etree import ElementTree

    dc = "{http://purl.org/dc/elements/1.1/}"
    metadata = {el.tag.removeprefix(dc): el.text for el in ElementTree.fromstring(opf).iter() if el.tag.startswith(dc)}
    assert metadata["language"] == edition.bcp47
    assert metadata["title"] == edition.title
    assert metadata["creator"] == edition.author
    assert '<meta name="cover"' in opf and "epub-cover.xhtml" in names
    assert "nav.xhtml" in names and "toc.ncx" in names
    assert [n for n in names if n.startswith("_static/cover-")] == [f"_static/cover-{language}.svg"]


def pdf_pages(pdf):
    """The text of each page: pdftotext ends every page with a form feed."""
    return pdf_text(pdf).split("\f")[:-1]


def pdf_chapter_pages(pdf, title):
    """The page numbers (from 1) of the chapter with this title, from the
    PDF's outline (its bookmarks): from its first page to the page before
    the next chapter's."""
    from xml.etree import ElementTree

    proc = tool("pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf))
    assert proc.returncode == 0, proc.stderr
    chapters = [(item.text, int(item.get("page"))) for item in ElementTree.fromstring(proc.stdout).find("outline").findall("item")]
    starts = [page for name, page in chapters if name == title]
    assert len(starts) == 1, f"{title!r} is not a chapter of the PDF outline: {chapters}"
    following = [page for _, page in chapters if page > starts[0]]
    end = following[0] if following else len(pdf_pages(pdf)) + 1
    return range(starts[0], end)


def glossary_title(html):
    heading = BeautifulSoup((html / "glossary.html").read_text("utf-8"), "html.parser").find("article").find("h1")
    for anchor in heading.select("a.headerlink"):
        anchor.decompose()
    return heading.get_text().strip()


@pytest.mark.parametrize("rtd", TRANSLATIONS, indirect=True)
def test_translated_pdf_has_chinese_only_as_glossary_terms_on_glossary_pages(rtd):
    """In a translated edition's PDF, the glossary's pages may show its
    Chinese terms; no other page may show any Chinese."""
    from test_i18n import allowed_chinese, chinese_runs, kept_chinese_runs

    language, output = rtd
    pdf = only_file(output / "pdf", ".pdf")
    glossary = pdf_chapter_pages(pdf, glossary_title(output / "html"))
    allowed = allowed_chinese(language)
    kept = kept_chinese_runs(output / "html")  # marked lang="zh-…" in the HTML ({zh}, {zh-code})
    for number, text in enumerate(pdf_pages(pdf), 1):
        text = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)  # justified: 进 程 池
        runs = chinese_runs(text) - (allowed if number in glossary else set()) - kept
        assert not runs, f"Chinese on page {number} of the {language} PDF (glossary: pages {glossary.start}-{glossary.stop - 1}): {sorted(runs)[:5]}"


@pytest.mark.parametrize("rtd", TRANSLATIONS, indirect=True)
def test_translated_epub_has_chinese_only_as_glossary_terms_in_the_glossary(rtd):
    from xml.etree import ElementTree

    from test_i18n import allowed_chinese, chinese_runs

    language, output = rtd
    allowed = allowed_chinese(language)
    with zipfile.ZipFile(only_file(output / "epub", ".epub")) as epub:
        for name in epub.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                tree = ElementTree.fromstring(epub.read(name))
                for element in tree.iter():  # Chinese kept on purpose, marked lang="zh-…" ({zh}, {zh-code})
                    if element.get("lang", "").startswith("zh"):
                        tail = element.tail  # the text after it stays
                        element.clear()
                        element.tail = tail
                runs = chinese_runs("".join(tree.itertext()))
                if name == "glossary.xhtml":
                    runs -= allowed
                assert not runs, f"{name} in the {language} ePub: {sorted(runs)[:5]}"


def test_no_run_buttons_offline(rtd):
    """The PDF and ePub show programs and their recorded outputs only: no Run
    button, no reason for its absence, no runtime."""
    from asyncbook.code_i18n import catalog
    from asyncbook.listings import NOT_IN_BROWSER

    language, output = rtd
    template = catalog(language, "ch03-key-points").get(NOT_IN_BROWSER) or NOT_IN_BROWSER
    opening = template.partition("{reason}")[0].rstrip(":：")  # "这段代码不能在网页里运行"
    assert opening and opening not in pdf_text(only_file(output / "pdf", ".pdf")), f"the {language} PDF: {opening!r}"
    with zipfile.ZipFile(only_file(output / "epub", ".epub")) as epub:
        for name in epub.namelist():
            assert "pyodide" not in name and not name.endswith("run.js"), f"{name} in the {language} ePub"
            if name.endswith(".xhtml"):
                page = epub.read(name).decode("utf-8")
                assert "listing-run" not in page and opening not in page, f"{name} in the {language} ePub"


def test_timeline_figures_in_pdf_and_epub(rtd):
    """Every timeline figure (test_timelines.py) is in the PDF, as vector
    text, and in the ePub, as an SVG image with its alt text."""
    from test_timelines import directives

    from asyncbook.code_i18n import CJK, catalog

    language, output = rtd
    names = directives()
    axis = catalog(language, "ch02-async-await").get("时间（秒）", "时间（秒）") if language != "zh_CN" else "时间（秒）"
    assert pdf_text(only_file(output / "pdf", ".pdf")).count(axis) == len(names)
    with zipfile.ZipFile(only_file(output / "epub", ".epub")) as epub:
        pages = "".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
        for name in names:
            image = f"_images/timeline-{name.replace('/', '-')}.svg"
            drawing = epub.read(image).decode("utf-8")
            assert axis in drawing and (language == "zh_CN" or not CJK.search(drawing)), image
            assert re.search(rf'<img src="{re.escape(image)}" alt="[^"]+"', pages), f"{image} not shown with alt text"

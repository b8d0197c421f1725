"""PDF and ePub for every edition, built by running .readthedocs.yaml's own
commands the way Read the Docs does (READTHEDOCS_OUTPUT in a temporary
folder, READTHEDOCS_LANGUAGE set to each edition's slug)."""

import os
import re
import subprocess
import sys
import unicodedata
import zipfile

import pytest
import yaml
from bs4 import BeautifulSoup

from asyncbook.languages import EDITIONS, LANGUAGES
from asyncbook.publish import latex_problems
from conftest import ROOT, sphinx

CONFIG = ROOT / ".readthedocs.yaml"
VENV_BIN = os.path.dirname(sys.executable)  # Read the Docs runs the jobs inside its virtualenv
# Invisible characters a PDF need not carry: the emoji presentation selector.
INVISIBLE = {"\ufe0f"}


def tool(*command):
    """Run a system tool; a missing one fails with how to install it."""
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.fail(f"{command[0]} is not installed: run `make system-deps`")


@pytest.fixture(scope="session", params=LANGUAGES)
def rtd(request, tmp_path_factory):
    """Every Read the Docs build job of one edition, run as Read the Docs would."""
    language = request.param
    edition = EDITIONS[language]
    output = tmp_path_factory.mktemp(f"rtd-{language}")
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}", "READTHEDOCS": "True", "READTHEDOCS_OUTPUT": str(output),
           "READTHEDOCS_LANGUAGE": edition.readthedocs, "READTHEDOCS_VERSION": "latest"}
    env.pop("PYTHONPATH", None)
    jobs = yaml.safe_load(CONFIG.read_text("utf-8"))["build"]["jobs"]["build"]
    for job in ("html", "pdf", "epub"):
        for command in jobs[job]:
            proc = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True)
            assert proc.returncode == 0, f"{job}: {command}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
            assert "WARNING" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return language, output


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


def test_readthedocs_config_is_valid():
    proc = subprocess.run([os.path.join(VENV_BIN, "check-jsonschema"), "--builtin-schema", "vendor.readthedocs", str(CONFIG)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = yaml.safe_load(CONFIG.read_text("utf-8"))
    assert set(config["formats"]) == {"pdf", "epub"}
    assert config["build"]["tools"]["python"] == "3.11" and config["build"]["os"] == "ubuntu-24.04"
    assert "requirements.lock" in " ".join(config["build"]["jobs"]["install"])


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


def test_pdf_title_page_and_contents(rtd):
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


def test_epub_metadata(rtd):
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


def test_translated_pdf_and_epub_have_no_other_chinese(rtd):
    """Only the glossary's Chinese terms may appear in a translated edition."""
    from test_i18n import allowed_chinese, chinese_runs

    language, output = rtd
    if language == "zh_CN":
        return
    allowed = allowed_chinese(language)
    text = pdf_text(only_file(output / "pdf", ".pdf"))
    text = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)  # justified: 进 程 池
    in_pdf = chinese_runs(text)
    assert in_pdf <= allowed, f"Chinese in the {language} PDF: {sorted(in_pdf - allowed)[:5]}"
    with zipfile.ZipFile(only_file(output / "epub", ".epub")) as epub:
        for name in epub.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                from xml.etree import ElementTree

                runs = chinese_runs("".join(ElementTree.fromstring(epub.read(name)).itertext()))
                if name == "glossary.xhtml":
                    runs -= allowed
                assert not runs, f"{name} in the {language} ePub: {sorted(runs)[:5]}"

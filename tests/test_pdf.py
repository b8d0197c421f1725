"""The PDF reads like a printed book: running heads, code as in an editor,
listings numbered per chapter (in the HTML and ePub too), a readable errata
table and the document's properties.  Uses the Read the Docs builds of the
`rtd` fixture (conftest.py), built once per session with test_offline.py."""

import re
import zipfile
import zlib

from bs4 import BeautifulSoup

from asyncbook.editions import LINE, column_widths, text_width
from asyncbook.code_i18n import catalog
from asyncbook.languages import EDITIONS
from asyncbook.listings import all_listings
from test_offline import only_file, pdf_text, tool

# How each edition captions a listing and a program's output.
CAPTIONS = {
    "zh_CN": ("代码清单 {}\u3000{}", "代码清单 {} 的运行结果"),
    "en": ("Listing {}: {}", "Output of Listing {}"),
}
# What the linter reports on a listing, under its output (listing.toml's ruff)
RUFF_CAPTIONS = {"zh_CN": "ruff 对代码清单 {} 的检查结果", "en": "What ruff reports on Listing {}"}
# ctexbook's and book's \chaptermark, in the head of right-hand pages
CHAPTER_MARKS = {"zh_CN": "第 {} 章 {}", "en": "Chapter {}. {}"}


def squeeze(text: str) -> str:
    """Text without whitespace: pdftotext's spacing and line breaks vary."""
    return re.sub(r"\s+", "", text)


def article(page, markup=None):
    """A page's text (HTML: the article; ePub: the body), without permalinks."""
    soup = BeautifulSoup(markup or page.read_text("utf-8"), "html.parser")
    found = soup.find("article") or soup.body
    for anchor in found.select("a.headerlink"):
        anchor.decompose()
    return found


def chapters(html_dir):
    """(number, page) of each numbered chapter, chNN-slug.html."""
    return [(int(page.name[2:4]), page) for page in sorted(html_dir.glob("ch[0-9][0-9]-*.html"))]


def chapter_title(page) -> str:
    h1 = article(page).find("h1")
    for number in h1.select("span.section-number"):
        number.decompose()
    return h1.get_text().strip()


def pdf_pages(output) -> list[str]:
    return pdf_text(only_file(output / "pdf", ".pdf")).split("\f")


def test_running_heads_are_the_title_and_the_chapter(rtd):
    language, output = rtd
    title = EDITIONS[language].title
    heads = {squeeze(page.strip().splitlines()[0]) for page in pdf_pages(output) if page.strip()}
    assert squeeze(title) in heads, sorted(heads)
    number, page = chapters(output / "html")[1]
    assert squeeze(CHAPTER_MARKS[language].format(number, chapter_title(page))) in heads, sorted(heads)
    # not Sphinx's "Title, Release 0.1"
    assert not any(head.startswith(squeeze(title)) and head != squeeze(title) for head in heads), sorted(heads)


def test_code_is_set_as_in_an_editor(rtd):
    """Chinese in code and outputs keeps its characters together ("# 模拟下载",
    not "# 模 拟 下 载") and "……" stays U+2026, not a spaced "⋯ ⋯"."""
    language, output = rtd
    layout = tool("pdftotext", "-layout", "-enc", "UTF-8", str(only_file(output / "pdf", ".pdf")), "-").stdout
    words = set()
    for page in sorted((output / "html").glob("*.html")):
        for pre in article(page).select("div.highlight pre"):
            words |= {word for word in pre.get_text().split() if re.search(r"[^\x00-\x7f]", word)}
    assert words
    if language == "zh_CN":
        assert {"模拟下载：整个程序卡住", 'print("开始下载……")'} <= words
    missing = sorted(word for word in words if word not in layout)
    assert not missing, f"code words not found as typed in the {language} PDF: {missing[:10]}"


def variant_caption_texts(language):
    """The captions of later Pythons' outputs ("Python 3.13 起的运行结果"), in the edition's language."""
    texts = set()
    for listing in all_listings():
        for version, _ in listing.variants(language):
            text = listing.variant_caption(version, language)
            texts.add(catalog(language, listing.chapter).get(text, text))
    return texts


def test_listings_are_numbered_per_chapter_and_outputs_after_their_listing(rtd):
    language, output = rtd
    listing_caption, output_caption = CAPTIONS[language]
    variant_captions = variant_caption_texts(language)
    expected = []
    for number, page in chapters(output / "html"):
        count = 0
        for div in article(page).select("div.code-block-caption"):
            if div.select_one("span.caption-number"):
                count += 1
                listing = f"{number}.{count}"
                assert div.get_text() == listing_caption.format(listing, div.select_one("span.caption-text").get_text())
            elif div.get_text() in variant_captions:  # a later Python's output, where it differs
                assert count
            elif count and div.get_text() == RUFF_CAPTIONS[language].format(listing):
                pass
            else:  # a program's output: not numbered, named after the listing above it
                assert count and div.get_text() == output_caption.format(listing), div.get_text()
            expected.append(div.get_text())
    assert len(expected) > 20
    # -layout: a caption at the top of a page stays one line (in reading
    # order, pdftotext may put the running head inside it)
    pdf = squeeze(tool("pdftotext", "-layout", "-enc", "UTF-8", str(only_file(output / "pdf", ".pdf")), "-").stdout)
    missing = [caption for caption in expected if squeeze(caption) not in pdf]
    assert not missing, f"captions not in the {language} PDF: {missing[:5]}"
    with zipfile.ZipFile(only_file(output / "epub", ".epub")) as epub:
        in_epub = [div.get_text() for name in sorted(n for n in epub.namelist() if re.match(r"ch\d\d-.*\.xhtml$", n))
                   for div in article(None, epub.read(name)).select("div.code-block-caption")]
    assert in_epub == expected


def pdf_language(pdf) -> str:
    """The document catalog's /Lang, in the file or in a compressed object stream."""
    data = pdf.read_bytes()
    chunks = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            chunks.append(zlib.decompressobj().decompress(stream.group(1)))
        except zlib.error:
            pass
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode()
    return ""


def test_pdf_document_properties_and_bookmarks(rtd):
    language, output = rtd
    edition = EDITIONS[language]
    pdf = only_file(output / "pdf", ".pdf")
    info = dict(line.split(":", 1) for line in tool("pdfinfo", str(pdf)).stdout.splitlines() if ":" in line)
    properties = {key: info.get(key, "").strip() for key in ("Title", "Author", "Subject", "Keywords")}
    assert properties == {"Title": edition.title, "Author": edition.author, "Subject": edition.subtitle,
                          "Keywords": edition.keywords}
    assert pdf_language(pdf) == edition.bcp47
    outline = tool("pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf)).stdout
    bookmarks = {squeeze(item) for item in re.findall(r"<item page=\"\d+\">([^<]*)", outline)}
    for _, page in chapters(output / "html"):
        assert squeeze(chapter_title(page)) in bookmarks, f"no bookmark for {page.name}: {sorted(bookmarks)}"


def test_errata_table_breaks_no_word(rtd):
    """The errata table's narrow columns wrap between words: no English word
    is hyphenated down a column ("asyn-" / "chronous")."""
    language, output = rtd
    table = article(output / "html" / "errata.html").find("table")
    first_header = table.find("th").get_text().strip()
    pdf = only_file(output / "pdf", ".pdf")
    start = next(i for i, page in enumerate(pdf_pages(output), 1) if first_header in page.splitlines())
    # -layout: the columns side by side (without it, pdftotext joins hyphenated words)
    layout = tool("pdftotext", "-layout", "-f", str(start), "-enc", "UTF-8", str(pdf), "-").stdout
    broken = sorted({word for word in re.findall(r"[\w.()]+-(?=\s)", layout) if word not in table.get_text()})
    assert not broken, f"words hyphenated in the {language} errata table: {broken}"


def test_narrow_columns_are_as_wide_as_their_words():
    titles = ["Why asynchronous code?", "Key points", "关键点总结"]
    widths = column_widths([["x " * 60] * 3, ["y " * 50] * 3, titles])
    assert widths[2] / sum(widths) * LINE >= text_width("asynchronous")
    assert widths[0] > widths[1] > widths[2]

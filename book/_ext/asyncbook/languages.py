"""The book's editions.

The source language is Chinese; every other edition is translated through
the gettext catalogs in ``locale/<lang>/LC_MESSAGES``.  An edition is
*present* when its catalogs exist (it is built and tested), and *published*
when it is listed in PUBLISHED (its translation must then be complete).
"""

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SOURCE_LANGUAGE = "zh_CN"
# locale/<lang>/LC_MESSAGES/sphinx.po translates the site's interface (Sphinx
# and theme strings, see site.py), not a page: it makes no edition.
UI_CATALOG = "sphinx"


@dataclass(frozen=True)
class Edition:
    code: str  # Sphinx's language code
    readthedocs: str  # $READTHEDOCS_LANGUAGE
    bcp47: str  # HTML lang, ePub dc:language
    native_name: str  # in the language switch
    title: str
    subtitle: str
    author: str
    edition: str  # printed on the title page
    offline: str  # label of the download links
    switch: str  # label of the language switch
    listing: str  # a listing's number in captions and {numref}: numfig_format["code-block"]
    caption_separator: str  # between a caption's number and its text
    keywords: str  # the PDF's document properties


EDITIONS = {
    "zh_CN": Edition(
        code="zh_CN", readthedocs="zh-cn", bcp47="zh-CN", native_name="中文",
        title="Python 中的 async/await 入门", subtitle="从一个卡住的下载程序讲起",
        author="本书作者", edition="第 1 版", offline="离线阅读：", switch="语言",
        listing="代码清单 %s", caption_separator="\u3000", keywords="Python, asyncio, async/await, 协程, 事件循环",
    ),
    "en": Edition(
        code="en", readthedocs="en", bcp47="en", native_name="English",
        title="Getting Started with async/await in Python", subtitle="From a download that blocks to tasks that run together",
        author="The book's authors", edition="First edition", offline="Read offline: ", switch="Language",
        listing="Listing %s", caption_separator=": ", keywords="Python, asyncio, async/await, coroutines, event loop",
    ),
}
PUBLISHED = ["zh_CN", "en"]


def present() -> list[str]:
    """The source language and every language that has catalogs of pages."""
    translated = sorted({p.parent.parent.name for p in (ROOT / "locale").glob("*/LC_MESSAGES/*.po") if p.stem != UI_CATALOG})
    return [SOURCE_LANGUAGE] + [code for code in translated if code != SOURCE_LANGUAGE]


def on_readthedocs() -> bool:
    return os.environ.get("READTHEDOCS") == "True"


def edition_prefix(code: str) -> str:
    """The URL path of an edition's HTML root: /<slug>/<version>/ on Read the
    Docs, /<lang>/html/ locally (``_build`` served as the site's root)."""
    if on_readthedocs():
        return f"/{EDITIONS[code].readthedocs}/{os.environ.get('READTHEDOCS_VERSION', 'latest')}/"
    return f"/{code}/html/"


def from_readthedocs(code: str) -> str:
    """Map Read the Docs' language slug (zh-cn, en) to Sphinx's code."""
    for edition in EDITIONS.values():
        if code in (edition.readthedocs, edition.code):
            return edition.code
    raise SystemExit(f"unknown language {code!r}; known: {', '.join(e.readthedocs for e in EDITIONS.values())}")


LANGUAGES = present()

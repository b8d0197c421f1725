"""Nothing a translator writes is lost, and a broken catalog gives one clear
message: `make po` rewrites no catalog unless every catalog parses and
passes po_check; the test session and the translated build stop on the
catalog's FILE:LINE; each po_check rule catches what it is for."""

import shutil
import subprocess
import sys

import polib
import pytest

from asyncbook import po_check, po_update
from conftest import ROOT, Editions, sphinx

PAGE = "en/LC_MESSAGES/ch02-async-await.po"


def on_line(containing: str, old: str, new: str, report_at: int = 0):
    """Change `old` to `new` on the first line holding `containing`; the
    problem is reported on that line (+ report_at)."""
    def mutate(data: bytes):
        lines = data.split(b"\n")
        index = next(i for i, line in enumerate(lines) if containing.encode() in line)
        lines[index] = lines[index].replace(old.encode(), new.encode("utf-8", "surrogateescape"), 1)
        return b"\n".join(lines), index + 1 + report_at
    return mutate


def insert_after(containing: str, text: str):
    def mutate(data: bytes):
        lines = data.split(b"\n")
        index = next(i for i, line in enumerate(lines) if containing.encode() in line)
        lines.insert(index + 1, text.encode())
        return b"\n".join(lines), index + 2
    return mutate


def append(text: str, report_at=None):
    """Add entries at the end; the problem is on the first added line
    (or on line report_at)."""
    def mutate(data: bytes):
        return data + text.encode(), report_at or data.count(b"\n") + 1 + (text[0] == "\n")
    return mutate


def drop_lines(containing: str, up_to: str | None = None, report_at=None):
    """Delete the first line holding `containing` (through the line before
    the one holding `up_to`)."""
    def mutate(data: bytes):
        lines = data.split(b"\n")
        start = next(i for i, line in enumerate(lines) if containing.encode() in line)
        end = next(i for i, line in enumerate(lines) if up_to.encode() in line) if up_to else start + 1
        return b"\n".join(lines[:start] + lines[end:]), report_at or start
    return mutate


def prepend(data_prefix: bytes):
    return lambda data: (data_prefix + data, 1)


# case: (how to break ch02's catalog, what `make po` must say on that line)
MALFORMED = {
    "unbalanced quote": (on_line('msgstr "Summary"', 'Summary"', "Summary"), "end-of-line within string"),
    "unbalanced quote after a colon": (on_line("msgstr \"You'll notice that:\"", ':"', ":"), "end-of-line within string"),
    "unbalanced quote in a continued line": (on_line('"asynchronously:"', ':"', ":"), "end-of-line within string"),
    "stray text between entries": (insert_after('msgstr "Summary"', "Summary of the chapter"), 'keyword "Summary" unknown'),
    "bad escape sequence": (on_line('msgstr "Summary"', "Summary", "Sum\\mary"), "invalid control sequence"),
    "escape that Sphinx reads differently": (on_line('msgstr "Summary"', "Summary", "Sum\\bmary", report_at=-1),
                                             "polib and Babel (Sphinx) read this entry differently"),
    "two strings on one line": (on_line('msgstr "Summary"', '"Summary"', '"Sum" "mary"'), "polib cannot read this line"),
    "tab after the keyword": (on_line('msgstr "Summary"', 'msgstr "', 'msgstr\t"'), "Babel (Sphinx) cannot read this line"),
    "duplicate msgid": (append('\nmsgid "async 和 await"\nmsgstr "async and await"\n'), "duplicate message definition"),
    "msgid without msgstr": (drop_lines('msgstr "Summary"'), "missing 'msgstr' section"),
    "unknown charset": (on_line("charset=utf-8", "utf-8", "utf-9"), 'Charset "utf-9" is not a portable encoding name'),
    "header without Content-Type": (drop_lines("Content-Type:", report_at=8), "header field 'Content-Type' missing"),
    "no header": (drop_lines("# SOME DESCRIPTIVE TITLE", up_to='msgid "async 和 await"', report_at=1),
                  "PO file header missing or invalid"),
    "more plural forms than nplurals": (
        append('\nmsgid "一个任务"\nmsgid_plural "{n} 个任务"\nmsgstr[0] "one task"\nmsgstr[1] "{n} tasks"\n'
               'msgstr[2] "{n} taskses"\n', report_at=8),
        "nplurals = 2... ...but some messages have 3 plural forms"),
    "invalid UTF-8": (on_line('msgstr "Summary"', "Summary", "Summ\udcffary"), "invalid multibyte sequence"),
    "msgstr ends with \\n, msgid does not": (on_line('msgstr "Summary"', 'Summary"', 'Summary\\n"'),
                                              "'msgid' and 'msgstr' entries do not both end with '\\n'"),
    "byte-order mark": (prepend(b"\xef\xbb\xbf"), "the file starts with a byte-order mark"),
    "NUL byte": (on_line('msgstr "Summary"', "Summary", "Summ\x00ary"), "invisible control character 0x00"),
    "broken markup": (on_line("msgstr \"Synchronous functions + `time.sleep()`\"", "`time", "time", report_at=-1),
                      "msgstr changes the markup of its msgid: lost code 'time.sleep()'"),
    "number not in digits": (on_line('msgstr "10 seconds"', "10", "ten", report_at=-1), "msgstr drops the number(s) 10"),
}


def scratch_copy(tmp_path, with_ext=False):
    """Scratch copies of book/ and locale/ to break."""
    book, locale = tmp_path / "book", tmp_path / "locale"
    shutil.copytree(ROOT / "book", book, ignore=None if with_ext else shutil.ignore_patterns("_ext"))
    shutil.copytree(ROOT / "locale", locale)
    return book, locale


def break_catalog(locale, case):
    mutate, message = MALFORMED[case]
    path = locale / PAGE
    data, line = mutate(path.read_bytes())
    path.write_bytes(data)
    return f"{path}:{line}: {message}"


def snapshot(folder):
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("case", MALFORMED)
def test_make_po_rewrites_no_catalog_when_one_is_broken(case, tmp_path):
    book, locale = scratch_copy(tmp_path)
    expected = break_catalog(locale, case)
    before = snapshot(locale)
    with pytest.raises(SystemExit) as stopped:
        po_update.update_catalogs(["en"], book, locale)
    report = str(stopped.value.code)  # SystemExit("…"): printed, exit status 1
    assert expected in report, report
    assert "make po changed no catalog" in report and "then run `make po` again" in report
    assert snapshot(locale) == before  # every catalog byte for byte


def test_make_po_command_fails_and_prints_file_and_line(tmp_path):
    """`python -m asyncbook.po_update` (what `make po` runs) on a scratch
    repository: exit status 1, the problem on stderr, nothing rewritten."""
    book, locale = scratch_copy(tmp_path, with_ext=True)
    shutil.copy2(ROOT / "conf.py", tmp_path / "conf.py")
    expected = break_catalog(locale, "unbalanced quote")
    before = snapshot(locale)
    proc = subprocess.run([sys.executable, "-m", "asyncbook.po_update", "en"], capture_output=True, text=True,
                          cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(book / "_ext")})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert expected.replace(f"{tmp_path}/", "") in proc.stderr, proc.stderr
    assert "Not Changed" not in proc.stdout + proc.stderr
    assert snapshot(locale) == before


def test_make_po_keeps_previous_msgid_through_later_runs(tmp_path):
    """A fuzzy entry carries the Chinese its translation was made from
    (`#| msgid`), also after later runs and further edits of the same
    paragraph, and for a msgid wrapped over several lines."""
    book, locale = scratch_copy(tmp_path)
    page = book / "ch01-why-async.md"
    catalog = locale / "en" / "LC_MESSAGES" / "ch01-why-async.po"
    short = "这就是**同步**：一件事没做完，下一件事只能等。"
    long = ("注意，异步并没有让水开得更快。烧水还是要 5 分钟，省下来的是你**站着干等**的时间。同样，异步不会让一次下载变快，"
            "它让程序在等待下载的同时去做别的事，于是几件事加起来用的总时间变短了。")
    translations = {e.msgid: e.msgstr for e in polib.pofile(str(catalog))}
    assert short in translations and long in translations
    assert f'msgid ""\n"{long[:10]}' in catalog.read_text("utf-8")  # wrapped over several lines

    edits = {  # paragraph: two successive edits, a `make po` after each
        short: ["这就是**同步**：一件事没做完，下一件事只好等着。", "这就是**同步**：一件事没做完，下一件事只好等着吧。"],
        long: [long.replace("变短了", "缩短了"), long.replace("变短了", "少了")],
    }
    for step in (0, 1):
        text = page.read_text("utf-8")
        for original, edited in edits.items():
            assert ([original] + edited)[step] in text
            text = text.replace(([original] + edited)[step], edited[step])
        page.write_text(text, "utf-8")
        po_update.update_catalogs(["en"], book, locale)
        po = polib.pofile(str(catalog))
        for original, edited in edits.items():
            entry = po.find(edited[step])
            assert entry.fuzzy and entry.previous_msgid == original and entry.msgstr == translations[original]
    # the file is in the one format and msgfmt accepts it
    assert po_update.render(po_update.load(catalog)) == catalog.read_bytes()
    assert po_check.check_file(catalog) == []

    # a translator reviews the entry and deletes `#, fuzzy`: the old Chinese goes
    catalog.write_text(catalog.read_text("utf-8").replace("#, fuzzy\n#| msgid \"这就是", "#| msgid \"这就是"), "utf-8")
    po_update.update_catalogs(["en"], book, locale)
    reviewed = polib.pofile(str(catalog)).find(edits[short][1])
    assert not reviewed.fuzzy and not reviewed.previous_msgid and reviewed.msgstr == translations[short]


def run_pytest_on_copy(tmp_path, change_catalog):
    """pytest in a scratch copy of the repository whose en catalog was changed."""
    book, locale = scratch_copy(tmp_path, with_ext=True)
    for name in ("conf.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    shutil.copy2(ROOT / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    (tmp_path / "tests" / "test_one.py").write_text("def test_one():\n    assert True\n")
    expected = change_catalog(locale)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider"], capture_output=True,
                          text=True, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})
    return proc.returncode, (proc.stdout + proc.stderr).splitlines(), [e.replace(f"{tmp_path}/", "") for e in expected]


def unfinished(locale):
    """Make an entry of ch02 fuzzy and another untranslated: [(FILE:LINE, message)]."""
    path = locale / PAGE
    po = polib.pofile(str(path))
    po.find("小结").flags.append("fuzzy")
    po.find("10 秒").msgstr = ""
    po.save()
    po = polib.pofile(str(path))
    return [(f"{path}:{po.find('小结').linenum}", "fuzzy entry: review the translation"),
            (f"{path}:{po.find('10 秒').linenum}", "untranslated entry: translate it")]


@pytest.mark.parametrize("change", ["broken", "unfinished"])
def test_test_session_stops_first_on_a_catalog_problem(change, tmp_path):
    """The first lines of `make test` name the catalog's file and line and
    what to do; no test runs (none repeats the same failure)."""
    def broken(locale):
        return [break_catalog(locale, "unbalanced quote")]

    def fuzzy_and_untranslated(locale):
        return [f"{location}: {message}" for location, message in unfinished(locale)] + ["delete the `#, fuzzy` line"]

    code, lines, expected = run_pytest_on_copy(tmp_path, broken if change == "broken" else fuzzy_and_untranslated)
    first = "\n".join(lines[:6])
    assert code == 1, "\n".join(lines)
    for text in expected:
        assert text in first, "\n".join(lines)
    assert "make test" in first and "passed" not in "\n".join(lines)


def test_published_edition_build_fails_on_each_unfinished_entry(tmp_path):
    """`make html lang=en` fails with the catalog's file and line of each
    fuzzy or untranslated entry (its Chinese would show in the edition)."""
    book, locale = scratch_copy(tmp_path)
    expected = unfinished(locale)
    code, log = sphinx("html", tmp_path / "out", "en", book)
    assert code != 0, log
    for location, message in expected:
        assert f"{location}: WARNING: {message}" in log, log


def test_a_failed_edition_build_is_reported_once(tmp_path):
    runs = []

    def failing(builder, out, language):
        runs.append(language)
        return 1, "reading sources...\nbook/x.md:3: WARNING: something broke\n" + "log line\n" * 500

    editions = Editions(tmp_path, run=failing)
    with pytest.raises(pytest.fail.Exception, match="x.md:3: WARNING: something broke") as first:
        editions("en")
    assert "log line" not in str(first.value)
    with pytest.raises(pytest.fail.Exception) as later:
        editions("en")
    assert str(later.value).count("\n") == 0 and "first test that built it" in str(later.value)
    assert runs == ["en"]


# po_check's rules, one broken msgstr each: (msgid, msgstr, problem)
RULES = {
    "inline code": ("这里用 `time.sleep(5)` 模拟下载。", "Here time.sleep(5) stands for the download.",
                    "lost code 'time.sleep(5)' ×1"),
    "translated inline code": ("打印 `开始下载` 这几个字", "prints the words Download started", "lost code (translated) ×1"),
    "role target": ("见{doc}`ch02-async-await`。", "See {doc}`ch03-key-points`.", "lost {doc}`ch02-async-await` ×1"),
    "numref target": ("见{numref}`第 %s 章 <ch02-async-await>`。", "See {numref}`Chapter %s <ch03-key-points>`.",
                      "lost {numref}`ch02-async-await` ×1"),
    "term count": ("{term}`协程函数` 返回 {term}`协程对象`。", "A {term}`coroutine function` returns a coroutine object.",
                   "lost {term} ×1"),
    "link": ("见[官方文档](https://docs.python.org/3/library/asyncio.html)。", "See the official documentation.",
             "lost link https://docs.python.org/3/library/asyncio.html ×1"),
    "emphasis": ("这是*重点*。", "This is the key point.", "lost em ×1"),
    "strong emphasis": ("这就是**同步**。", "That is synchronous.", "lost strong ×1"),
    "unpaired backticks": ("这里用 `await`。", "Here we use `await.", "lost code 'await' ×1"),
    "number in digits": ("一共用了 10 秒。", "It took ten seconds in all.", "drops the number(s) 10"),
    "f-string placeholder": ("下载 {url} 完成", "Downloaded {name}", "changes the placeholders ['{url}']"),
    "\\n in program text": ("开始下载……\\n", "Download started...", "changes the line breaks"),
    "line break": ("第一行\n第二行", "first line, second line", "changes the line breaks"),
    "Chinese code kept": ("原文写的是 `结果:` 和 `参数:`。", "The original has {zh-code}`结果:`.",
                          "lost code (translated) ×1"),
    "number in Chinese kept": ("原文写的是“等待1秒”。", "The original has {zh}`“等待秒”`.", "drops the number(s) 1"),
}
# the same msgids, translated well: no problem
GOOD = {
    "inline code": "Here `time.sleep(5)` stands for the download.",
    "translated inline code": "prints the words `Download started`",
    "role target": "See {doc}`ch02-async-await`.",
    "numref target": "See {numref}`Chapter %s <ch02-async-await>`.",
    "term count": "A {term}`coroutine function` returns a {term}`coroutine object`.",
    "link": "See the [official documentation](https://docs.python.org/3/library/asyncio.html).",
    "emphasis": "This is the *key point*.",
    "strong emphasis": "That is **synchronous**.",
    "unpaired backticks": "Here we use `await`.",
    "number in digits": "It took 10 seconds in all.",
    "f-string placeholder": "Download of {url} complete",
    "\\n in program text": "Download started...\\n",
    "line break": "first line\nsecond line",
    "Chinese code kept": "The original has {zh-code}`结果:` and {zh-code}`参数:`.",
    "number in Chinese kept": "The original has {zh}`“等待1秒”`.",
}


@pytest.mark.parametrize("rule", RULES)
def test_po_check_rule_catches_its_mistake(rule):
    msgid, bad, problem = RULES[rule]
    problems = po_check.check_entry(polib.POEntry(msgid=msgid, msgstr=bad))
    assert len(problems) == 1 and problem in problems[0], problems
    assert po_check.check_entry(polib.POEntry(msgid=msgid, msgstr=GOOD[rule])) == []


@pytest.mark.parametrize("entry, advice", [
    (polib.POEntry(msgid="小结", msgstr="Summary", flags=["fuzzy"]), "then delete the `#, fuzzy` line"),
    (polib.POEntry(msgid="小结", msgstr=""), "untranslated entry: translate it"),
    (polib.POEntry(msgid="小结", msgstr="Summary"), None),
    (polib.POEntry(msgid="小结", msgstr="Summary", obsolete=True), None),
])
def test_completeness_of_an_entry(entry, advice):
    found = po_check.completeness(entry)
    assert (found is None) if advice is None else advice in found

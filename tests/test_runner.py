"""The listing runner's promises: recorded outputs are compared exactly, are
tied to the program text they ran from, are never recorded from an
untranslated program, and a listing that hangs says where it is stuck, once."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time

import polib
import pytest

from asyncbook import code_i18n, listings, provenance, runner
from conftest import ROOT


def make_listing(tmp_path, program, chapter="ch99-test", name="01-test"):
    folder = tmp_path / "examples" / chapter / name
    folder.mkdir(parents=True)
    (folder / "main.py").write_text(textwrap.dedent(program), "utf-8")
    return listings.Listing(folder)


def register_recording(listing, recorded: str):
    """output.txt holding exactly ``recorded``, registered as recorded from the listing's program."""
    output = listing.output_path()
    output.write_bytes(recorded.encode("utf-8"))
    provenance.register(listing, output, provenance.digest(listing.program()))
    if listing.clock == "virtual":  # its events as recorded, so that only the output is compared
        events = listing.events_path()
        events.write_text(runner.run(listing).events, "utf-8")
        provenance.register(listing, events, provenance.digest(listing.program()))


# --- the comparison is exact ------------------------------------------------

NEAR_MISSES = {  # what the recording says, and a program output that is almost it
    "extra trailing blank line": ("a\nb\n", "a\nb\n\n"),
    "missing final newline": ("a\nb\n", "a\nb"),
    "trailing spaces": ("a\nb\n", "a  \nb\n"),
    "leading space": ("a\nb\n", " a\nb\n"),
    "extra line": ("a\nb\n", "a\nb\nc\n"),
    "CRLF instead of LF": ("a\nb\n", "a\r\nb\r\n"),
    "tab instead of spaces": ("a    b\n", "a\tb\n"),
    "half-width instead of full-width": ("下载完成！(共 5 秒)\n", "下载完成!(共 5 秒)\n"),
    "full-width space": ("a b\n", "a\u3000b\n"),
}


@pytest.mark.parametrize("swap", [False, True], ids=["printed", "recorded"])
@pytest.mark.parametrize("case", NEAR_MISSES)
def test_near_miss_output_fails(tmp_path, case, swap):
    """Each near miss, whichever side has it, is a difference: a real run of a
    program printing one text against a recording of the other."""
    recorded, printed = NEAR_MISSES[case][::-1] if swap else NEAR_MISSES[case]
    listing = make_listing(tmp_path, f"import sys\nsys.stdout.write({printed!r})\n")
    register_recording(listing, recorded)
    problem = runner.diff(listing)
    assert problem, f"{case}: {printed!r} passed for a recording of {recorded!r}"
    assert "make outputs" in problem


@pytest.mark.parametrize("case", NEAR_MISSES)
def test_exact_output_passes(tmp_path, case):
    """The same programs pass against their exact recording (so the near
    misses above fail for the difference alone)."""
    printed = NEAR_MISSES[case][1]
    listing = make_listing(tmp_path, f"import sys\nsys.stdout.write({printed!r})\n")
    register_recording(listing, printed)
    assert runner.diff(listing) == ""


def test_invisible_difference_is_spelled_out():
    problem = runner.compare("a\nb\n", "a \r\nb\n", "output.txt", "listing")
    assert "only invisible characters differ" in problem and r"'a \r\nb\n'" in problem


# --- provenance: an output belongs to the program text it ran from -------------

def test_record_registers_the_program_and_a_change_makes_it_stale(tmp_path):
    listing = make_listing(tmp_path, 'print("hi")  # 打招呼\n')
    assert runner.record(listing) is True
    table = json.loads((listing.path / "recorded.json").read_text("utf-8"))
    # the output and, on the virtual clock, the events: both from this program
    assert table == {"output.txt": provenance.digest(listing.program()), "events.jsonl": provenance.digest(listing.program())}
    assert runner.diff(listing) == ""
    # a comment changes: the output is the same, but it came from another program
    (listing.path / "main.py").write_text('print("hi")  # 问好\n', "utf-8")
    problem = runner.diff(listing)
    assert "output.txt: recorded from another version of the program" in problem
    assert "run `make outputs`" in problem
    assert runner.record(listing) is False  # same text: the output file is unchanged...
    assert runner.diff(listing) == ""  # ...and its provenance is up to date


def test_every_file_of_the_folder_counts(tmp_path):
    listing = make_listing(tmp_path, "import helper\n")
    (listing.path / "helper.py").write_text("X = 1\n", "utf-8")
    runner.record(listing)
    (listing.path / "helper.py").write_text("X = 2\n", "utf-8")
    assert "recorded from another version" in runner.diff(listing)


def test_unregistered_output_fails(tmp_path):
    listing = make_listing(tmp_path, 'print("hi")\n')
    listing.output_path().write_text("hi\n", "utf-8")
    assert "not registered in recorded.json" in runner.diff(listing)


def test_broken_sidecar_is_named(tmp_path):
    listing = make_listing(tmp_path, 'print("hi")\n')
    runner.record(listing)
    (listing.path / "recorded.json").write_text("{\n  oops\n", "utf-8")
    problem = runner.diff(listing)
    assert "recorded.json:2: not valid JSON" in problem and "make outputs" in problem


def write_catalog(locale, chapter, translations: dict, fuzzy=()):
    path = code_i18n.catalog_path("en", chapter, locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in translations.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if msgid in fuzzy else []))
    po.save(str(path))
    return path


def test_translated_program_is_what_is_hashed(tmp_path):
    """The digest of an edition is of its program as it runs: translated, so
    that a changed translation makes output.<lang>.txt stale."""
    listing = make_listing(tmp_path, 'print("下载完成")  # 打印结果\n')
    locale = tmp_path / "locale"
    write_catalog(locale, "ch99-test", {"下载完成": "Download complete", "打印结果": "print the result"})
    first = listing.program("en", locale)
    assert first["main.py"] == b'print("Download complete")  # print the result\n'
    write_catalog(locale, "ch99-test", {"下载完成": "Downloaded", "打印结果": "print the result"})
    assert provenance.digest(listing.program("en", locale)) != provenance.digest(first)
    assert listing.program() == {"main.py": 'print("下载完成")  # 打印结果\n'.encode("utf-8")}


# --- no translated output from an untranslated program -----------------------

def test_untranslated_program_is_not_recorded(tmp_path):
    listing = make_listing(tmp_path, 'print("下载完成")\n')
    with pytest.raises(runner.ListingError) as error:
        runner.record(listing, "en")
    message = str(error.value)
    assert "output.en.txt not recorded" in message
    assert "locale/en/LC_MESSAGES/ch99-test.po" in message
    assert 'msgid "下载完成"  (not in the catalog yet: run `make po`)' in message
    assert not listing.output_path("en").exists()
    assert not (listing.path / "recorded.json").exists()


def test_untranslated_messages_are_named_with_their_state(tmp_path):
    listing = make_listing(tmp_path, 'print("一")  # 二\nprint("三")  # 四\n')
    locale = tmp_path / "locale"
    write_catalog(locale, "ch99-test", {"一": "one", "二": "two?", "三": ""}, fuzzy=["二"])
    found = code_i18n.untranslated(listing.path, "ch99-test", "en", locale)
    assert found == [("二", "fuzzy"), ("三", "untranslated"), ("四", "not in the catalog yet: run `make po`")]


# --- a hanging listing says where it is stuck, once ------------------------------

def hang(tmp_path, program, language="zh_CN"):
    listing = make_listing(tmp_path, program)
    with pytest.raises(runner.ListingError) as error:
        runner.run(listing, language, timeout=1)
    return listing, str(error.value)


def test_hang_in_asyncio_shows_output_virtual_time_and_waiting_tasks(tmp_path):
    _, message = hang(tmp_path, """\
        import asyncio

        async def main():
            await asyncio.sleep(5)
            print("五秒过去了")
            await asyncio.Event().wait()  # nobody sets it

        asyncio.run(main())
    """)
    assert message.startswith("ch99-test/01-test: still running after 1 s of real time (zh_CN edition); stopped.\n")
    assert "Output so far (1 line):\n  | 五秒过去了\n" in message
    assert "virtual clock at 5 s" in message
    assert "task Task-1 (main()) waiting at:" in message
    assert 'File "main.py", line 6, in main\n      await asyncio.Event().wait()  # nobody sets it' in message


def test_hang_in_python_code_shows_the_main_thread(tmp_path):
    _, message = hang(tmp_path, "print('spinning')\nwhile True:\n    pass\n")
    assert "  | spinning\n" in message
    assert 'thread MainThread:\n    File "main.py", line 2, in <module>' in message


def test_hang_in_a_c_call_shows_faulthandlers_dump(tmp_path):
    _, message = hang(tmp_path, "total = sum(range(10**14))\n")
    assert "faulthandler's dump" in message and 'File "main.py", line 1' in message


def test_a_hang_is_reported_once(tmp_path, monkeypatch):
    listing, _ = hang(tmp_path, "import threading\nthreading.Event().wait()\n")

    def must_not_run(*args, **kwargs):
        raise AssertionError("the listing ran again")

    monkeypatch.setattr(runner.subprocess, "Popen", must_not_run)
    with pytest.raises(runner.ListingError, match=r"not run in the en edition: it hung in the zh_CN edition"):
        runner.run(listing, "en")


def test_stopping_a_listing_stops_what_it_started(tmp_path):
    """A hung listing's child processes are stopped with it."""
    _, message = hang(tmp_path, """\
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()"])
        print(child.pid)
        child.wait()
    """)
    pid = int(message.split("  | ", 1)[1].split()[0])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}") and "Z" not in _state(pid):
        time.sleep(0.05)
    assert not os.path.exists(f"/proc/{pid}") or "Z" in _state(pid), f"child {pid} still running"


def _state(pid):
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


# --- the order CONTRIBUTING.md gives for a new listing works ------------------------

@pytest.fixture
def repo_copy(tmp_path):
    """A scratch copy of the book (sources, listings, catalogs, extension)."""
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "_build")
    for name in ("book", "examples", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("conf.py", "pyproject.toml"):  # pyproject.toml: the Python the book targets
        shutil.copy(ROOT / name, copy / name)
    return copy


def in_copy(copy, *args):
    env = {"PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin", "PYTHONPATH": str(copy / "book" / "_ext")}
    proc = subprocess.run([sys.executable, "-m", *args], cwd=copy, env=env, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def test_new_listing_in_the_documented_order(repo_copy):
    """Write the program and show it, `make po`, translate, `make outputs`:
    each step works, and then both editions build."""
    folder = repo_copy / "examples" / "ch01-why-async" / "99-new"
    folder.mkdir()
    (folder / "main.py").write_text('print("新的示例")  # 打印新的示例\n', "utf-8")
    page = repo_copy / "book" / "ch01-why-async.md"
    page.write_text(page.read_text("utf-8") + "\n```{listing} 99-new\n:caption: 新示例\n```\n", "utf-8")

    code, log = in_copy(repo_copy, "asyncbook.po_update", "en")  # make po
    assert code == 0, log
    catalog = repo_copy / "locale" / "en" / "LC_MESSAGES" / "ch01-why-async.po"
    po = polib.pofile(str(catalog))
    for msgid, msgstr in {"新的示例": "A new example", "打印新的示例": "print the new example", "新示例": "New example"}.items():
        po.find(msgid).msgstr = msgstr  # translate
    po.save()

    # make outputs, on this interpreter only (the copy has no .venv/py3.X)
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    code, log = in_copy(repo_copy, "asyncbook.runner", "--record", "--python", here, "ch01-why-async/99-new")
    assert code == 0, log
    assert (folder / "output.txt").read_text("utf-8") == "新的示例\n"
    assert (folder / "output.en.txt").read_text("utf-8") == "A new example\n"
    for language in ("zh_CN", "en"):
        code, log = in_copy(repo_copy, "asyncbook.publish", "html", "--lang", language, "--out", f"_build/{language}")
        assert code == 0 and "WARNING" not in log, log


def test_stale_output_fails_the_build_at_the_directive(repo_copy):
    """A program changed after its output was recorded: the page that shows
    them fails to build, at the listing directive, in every edition; so does a
    changed translation in the edition it changes."""
    main = repo_copy / "examples" / "ch01-why-async" / "01-sync-download" / "main.py"
    main.write_text(main.read_text("utf-8").replace("import time", "import time  # 计时", 1), "utf-8")
    page = (repo_copy / "book" / "ch01-why-async.md").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(page, 1) if text.startswith("```{listing} 01-sync-download"))
    code, log = in_copy(repo_copy, "asyncbook.publish", "html", "--lang", "zh_CN", "--out", "_build/zh")
    assert code != 0
    assert (f"ch01-why-async.md:{line}: WARNING: examples/ch01-why-async/01-sync-download/output.txt: "
            "recorded from another version of the program") in log, log
    assert "run `make outputs`" in log

    main.write_text((ROOT / main.relative_to(repo_copy)).read_text("utf-8"), "utf-8")  # back as recorded
    catalog = repo_copy / "locale" / "en" / "LC_MESSAGES" / "ch01-why-async.po"
    po = polib.pofile(str(catalog))
    pieces = code_i18n.messages(main.read_text("utf-8"))
    entry = next(e for e in po if e.msgid in pieces and e.msgstr)
    entry.msgstr += " (revised)"
    po.save()
    code, log = in_copy(repo_copy, "asyncbook.publish", "html", "--lang", "en", "--out", "_build/en")
    assert code != 0
    assert f"ch01-why-async.md:{line}: WARNING: examples/ch01-why-async/01-sync-download/output.en.txt" in log, log

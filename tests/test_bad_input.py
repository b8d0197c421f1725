"""Bad input fails loudly, naming the file and line."""

import shutil
import textwrap

import pytest

from asyncbook import listings, runner
from conftest import ROOT, sphinx, sphinx_env


@pytest.fixture
def book_copy(tmp_path):
    """A scratch copy of book/ to break (its listings still come from examples/)."""
    copy = tmp_path / "book"
    shutil.copytree(ROOT / "book", copy, ignore=shutil.ignore_patterns("_ext"))
    return copy


def break_page(book, page, text):
    path = book / page
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join(lines + ["", text, ""]), "utf-8")
    return len(lines) + 2  # the line the broken text starts on


CASES = {
    "unknown role": ("{unknownrole}`x`", "Unknown interpreted text role"),
    "broken cross-reference": ("见{doc}`no-such-chapter`。", "unknown document"),
    "missing listing": ("```{listing} 99-no-such-listing\n```", "listing folder not found: examples/ch01-why-async/99-no-such-listing"),
    "untested code block": ("```python\nprint('typed by hand')\n```", "code block is not tested"),
    "snippet without a reason": ("```{snippet} python\nx = 1\n```", "a snippet needs a :reason:"),
    "output of a listing without a caption": ("```{listing} 01-sync-download\n```", "a listing with output needs a :caption:"),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_page_fails_with_file_and_line(case, book_copy, tmp_path):
    text, message = CASES[case]
    line = break_page(book_copy, "ch01-why-async.md", text)
    code, log = sphinx("html", tmp_path / "out", "zh_CN", book_copy)
    assert code != 0, log
    assert message in log, log
    assert f"ch01-why-async.md:{line}: " in log, log
    assert "md::" not in log, log  # every message has its line


def make_listing(tmp_path, program, recorded=None):
    folder = tmp_path / "examples" / "ch99-test" / "01-bad"
    folder.mkdir(parents=True)
    (folder / "main.py").write_text(textwrap.dedent(program), "utf-8")
    if recorded is not None:
        (folder / "output.txt").write_text(recorded, "utf-8")
    return listings.Listing(folder)


def test_changed_output_shows_a_diff_naming_the_file(tmp_path):
    listing = make_listing(tmp_path, 'print("下载完成！")\n', recorded="下载完成!\n")
    problem = runner.diff(listing)
    assert f"{listing.path / 'output.txt'} (recorded)" in problem
    assert "-下载完成!" in problem and "+下载完成！" in problem
    assert "make outputs" in problem


def test_missing_recording_is_reported(tmp_path):
    listing = make_listing(tmp_path, 'print("hi")\n')
    assert "no recorded output" in runner.diff(listing)


@pytest.mark.parametrize("program", [
    "import asyncio\nasyncio.run(asyncio.Event().wait())  # waits for ever\n",
    "while True:\n    pass\n",
])
def test_hanging_listing_is_stopped_and_named(tmp_path, program):
    listing = make_listing(tmp_path, program, recorded="")
    with pytest.raises(runner.ListingError, match=r"ch99-test/01-bad: still running after 2 s"):
        runner.run(listing, timeout=2)


def test_missing_system_tool_names_the_package(monkeypatch, capsys):
    from asyncbook import system_deps

    monkeypatch.setitem(system_deps.TOOLS, "chromium", ("/nonexistent/chromium", "chromium"))
    which = system_deps.shutil.which
    monkeypatch.setattr(system_deps.shutil, "which", lambda name: None if name == "apt-get" else which(name))
    assert system_deps.main(["test"]) == 1  # no apt-get: stop with the exact list
    assert "Missing system packages for `make test`: chromium\n" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_publish_reports_a_warning_of_an_unchanged_page_on_every_build(fmt, book_copy, tmp_path):
    """publish reads every page on every build: the second build of an
    unchanged broken page fails again with the same message (an incremental
    build would skip the page and succeed).  The PDF goes the same way."""
    import subprocess
    import sys

    line = break_page(book_copy, "ch01-why-async.md", CASES["unknown role"][0])
    command = [sys.executable, "-m", "asyncbook.publish", fmt, "--lang", "zh_CN", "--source", str(book_copy),
               "--out", str(tmp_path / fmt), "--work", str(tmp_path / "work")]
    for build in ("first", "second"):
        proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=sphinx_env())
        assert proc.returncode != 0, f"{build} build: {proc.stdout}{proc.stderr}"
        assert f"ch01-why-async.md:{line}: WARNING: Unknown interpreted text role" in proc.stderr, f"{build} build: {proc.stderr}"

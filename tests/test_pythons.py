"""Every CPython the book names: found on this machine, each with its own
virtualenv, running the doctests of every edition (the listings: see
test_listings.py); where a later version prints something else, the variant
is recorded, named as documented, and shown on the page under the output."""

import re
import stat

import pytest
from bs4 import BeautifulSoup

from asyncbook import doctests, listings, pythons, runner
from asyncbook.languages import LANGUAGES, SOURCE_LANGUAGE
from conftest import ROOT, sphinx

PYTHONS = pythons.found()
TARGET = pythons.target()


SPHINX_PYTHONS = [p for p in PYTHONS if not p.pyodide]
PYODIDE = [p for p in PYTHONS if p.pyodide]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("python", SPHINX_PYTHONS, ids=[p.id for p in SPHINX_PYTHONS])
def test_doctests_pass(python, language, tmp_path):
    code, log = sphinx("doctest", tmp_path, language, python=python.executable)
    assert code == 0 and "WARNING" not in log, f"doctests [{language}] on {python}:\n{log}"
    report = (tmp_path / "output.txt").read_text("utf-8")  # the doctest builder's summary (the build runs -q)
    assert re.search(r"\b[1-9]\d* tests\b", report), f"no doctest ran [{language}] on {python}:\n{report}"


@pytest.mark.parametrize("python", PYODIDE, ids=[p.id for p in PYODIDE])
def test_doctests_pass_on_pyodide(python, tmp_path):
    """Pyodide has no Sphinx: the pages' doctest blocks run in its standard
    library's doctest (asyncbook.doctests), every example the doctest
    builder counts on this interpreter.  The doctests are the same in every
    edition: their text is not translated."""
    attempted, failed, report = doctests.run(python.executable)
    assert failed == 0, f"doctests on {python}:\n{report}"
    code, log = sphinx("doctest", tmp_path, SOURCE_LANGUAGE)
    assert code == 0, log
    summary = (tmp_path / "output.txt").read_text("utf-8").partition("Doctest summary")[2]
    counted = int(re.search(r"^ +(\d+) tests$", summary, re.M).group(1))
    assert attempted == counted, f"{python} ran {attempted} doctest examples; the doctest builder counts {counted}"


def test_pyodide_is_among_the_pythons():
    """`make test` installs Pyodide (make runtime): Python 3.14 is checked
    on every machine, through Pyodide under Node."""
    assert PYODIDE and PYODIDE[0].version == "3.14" and PYODIDE[0].id == "pyodide3.14"
    assert str(PYODIDE[0]).startswith("Pyodide 314.") and "(CPython 3.14." in str(PYODIDE[0])


def test_a_testcode_block_is_reported_for_pyodide(tmp_path):
    (tmp_path / "page.md").write_text("# T\n\n```{testcode}\nprint(1)\n```\n", "utf-8")
    with pytest.raises(doctests.DoctestError, match=r"page.md:3: a testcode block"):
        doctests.blocks(tmp_path)


def test_the_running_python_and_the_target_are_found():
    assert pythons.current() in PYTHONS
    assert TARGET == "3.11" and pythons.VERSIONS[0] == TARGET
    assert pythons.missing() == [v for v in pythons.VERSIONS if v not in {p.version for p in PYTHONS}]


def test_the_versions_named_are_read_from_the_pages(tmp_path):
    (tmp_path / "a.md").write_text("本书以 Python 3.11 为准；3.12.1 和 0.13.9、v13.5 不算。", "utf-8")
    assert pythons.named_versions(tmp_path) == ["3.11", "3.12"]
    (tmp_path / "b.md").write_text("Python 3.15 起……", "utf-8")
    assert pythons.named_versions(tmp_path) == ["3.11", "3.12", "3.13", "3.14", "3.15"]
    assert "3.14" in pythons.VERSIONS  # the book's pages name 3.14


def _fake_python(folder, name, prints, code=0):
    script = folder / name
    script.write_text(f"#!/bin/sh\necho '{prints}'\nexit {code}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_discovery_passes_over_what_is_not_that_cpython(tmp_path):
    """pyenv's shims exit with an error unless a version is selected; PyPy
    and a python3.12 that is another version are not CPython 3.12."""
    assert pythons._probe(_fake_python(tmp_path, "shim", "pyenv: python3.12: command not found", 127), "3.12") is None
    assert pythons._probe(_fake_python(tmp_path, "pypy", "PyPy 3.12.1 /x/pypy"), "3.12") is None
    assert pythons._probe(_fake_python(tmp_path, "other", "CPython 3.13.0 /x/python3.13"), "3.12") is None
    assert pythons._probe(str(tmp_path / "absent"), "3.12") is None
    assert pythons._probe(_fake_python(tmp_path, "broken", "CPython 3.12.1 /x/python3.12", 1), "3.12") is None
    found = pythons._probe(_fake_python(tmp_path, "good", "CPython 3.12.1 /x/python3.12"), "3.12")
    assert found == pythons.Python("3.12", "3.12.1", str(tmp_path / "good")) and found.id == "py3.12"


def test_pyenv_builds_are_candidates_newest_first(tmp_path, monkeypatch):
    for build in ("3.12.1", "3.12.10", "3.12.2", "3.13.0"):
        (tmp_path / "versions" / build / "bin").mkdir(parents=True)
        _fake_python(tmp_path / "versions" / build / "bin", "python3.12" if build.startswith("3.12") else "python3.13", "")
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))
    monkeypatch.setenv("PATH", "/nonexistent")
    assert [c.split("/versions/")[1] for c in pythons.candidates("3.12")] == [
        "3.12.10/bin/python3.12", "3.12.2/bin/python3.12", "3.12.1/bin/python3.12"]


def test_a_missing_venv_says_to_run_make_pythons(tmp_path, monkeypatch):
    monkeypatch.setattr(pythons, "VENVS", tmp_path)
    other = pythons.Python("3.99", "3.99.0", "/usr/bin/python3.99")
    with pytest.raises(pythons.PythonsError, match=r"make pythons"):
        other.executable


VARIANT = re.compile(r"output(\.(?P<lang>[^.]+))?(\.py(?P<version>3\.\d+))?\.txt")


@pytest.mark.parametrize("listing", listings.all_listings(), ids=lambda item: item.name)
def test_output_files_are_named_as_documented(listing):
    """output.txt, output.<lang>.txt, and variants output[.<lang>].py3.X.txt
    for a present edition and a named version later than the target."""
    for path in listing.path.glob("output*.txt"):
        match = VARIANT.fullmatch(path.name)
        assert match, f"{path.relative_to(ROOT)}: not an output file name (output[.<lang>][.py3.X].txt)"
        language = match["lang"] or SOURCE_LANGUAGE
        if match["lang"]:
            assert language in LANGUAGES and language != SOURCE_LANGUAGE, f"{path.relative_to(ROOT)}: no edition {language}"
        if match["version"]:
            assert match["version"] in pythons.VERSIONS[1:], f"{path.relative_to(ROOT)}: not a version later than {TARGET} the book names"
            assert (match["version"], path) in listing.variants(language)
            assert listing.checked_on(match["version"]), f"{path.name}: beyond last_python"


def test_a_variant_is_recorded_only_where_a_version_differs(tmp_path):
    """record() on 3.13 writes output.py3.13.txt only when 3.13 prints
    something else than 3.12 would; 3.14 inherits it; it goes when it no
    longer differs.  (The versions are labels here: the program prints what
    says.txt says, whichever interpreter runs it.)"""
    folder = tmp_path / "99-variant"
    folder.mkdir()
    (folder / "main.py").write_text("print(open('says.txt').read())\n", "utf-8")
    listing = listings.Listing(folder)
    py = {v: pythons.Python(v, f"{v}.0", pythons.current().base) for v in ("3.11", "3.12", "3.13", "3.14")}

    def says(text):
        (folder / "says.txt").write_text(text, "utf-8")

    def files():
        return sorted(p.name for p in folder.glob("output*.txt"))

    says("sys:1")
    assert runner.record(listing, python=py["3.11"]) and files() == ["output.txt"]
    assert not runner.record(listing, python=py["3.13"]) and files() == ["output.txt"]
    says("<sys>:0")
    assert runner.record(listing, python=py["3.13"]) and files() == ["output.py3.13.txt", "output.txt"]
    assert not runner.record(listing, python=py["3.14"]) and files() == ["output.py3.13.txt", "output.txt"]
    assert runner.diff(listing, python=py["3.13"]) == runner.diff(listing, python=py["3.14"]) == ""
    problem = runner.diff(listing, python=py["3.12"])
    assert "output.txt (recorded)" in problem and "CPython 3.12.0" in problem and "make outputs" in problem
    assert listing.variants() == [("3.13", folder / "output.py3.13.txt")]
    says("sys:1")
    assert runner.record(listing, python=py["3.13"]) and files() == ["output.txt"]


VARIANTS = [(listing, language, version, path) for listing in listings.all_listings()
            for language in LANGUAGES for version, path in listing.variants(language)]


def test_there_are_variants():
    """At least the one ch05-faq's prose describes (sys:1 / <sys>:0)."""
    assert any(listing.name == "ch05-faq/01-call-without-await" for listing, *_ in VARIANTS)


@pytest.mark.parametrize("listing,language,version,path", VARIANTS,
                         ids=[str(v[3].relative_to(ROOT / "examples")) for v in VARIANTS])
def test_the_page_shows_each_variant_under_the_output(html_of, listing, language, version, path):
    soup = BeautifulSoup((html_of(language) / f"{listing.chapter}.html").read_text("utf-8"), "html.parser")
    recorded = listing.output_path(language).read_text("utf-8")
    blocks = [(wrapper.select_one(".caption-text").get_text(), wrapper.select_one("pre").get_text())
              for wrapper in soup.select(".literal-block-wrapper") if wrapper.select_one(".listing-output")]
    shown = [i for i, (_, text) in enumerate(blocks) if text == path.read_text("utf-8")]
    assert len(shown) == 1, f"{path.relative_to(ROOT)} is shown {len(shown)} times on {listing.chapter}.html [{language}], not once"
    caption, _ = blocks[shown[0]]
    assert version in caption, f"{listing.name} [{language}]: the variant's caption {caption!r} does not name Python {version}"
    # under the output, or under the variant of the version before it
    order = [v for v, _ in listing.variants(language)]
    index = order.index(version)
    above = listing.variants(language)[index - 1][1].read_text("utf-8") if index else recorded
    assert blocks[shown[0] - 1][1] == above, f"{listing.name} [{language}]: the variant is not right under the one before it"
    if language == SOURCE_LANGUAGE:  # "Python 3.12 和 3.13 的运行结果" when a later variant follows
        assert caption == listing.variant_caption(version), f"{listing.name}: the variant's caption is {caption!r}"


def test_a_variant_that_a_later_one_replaces_names_the_versions_it_holds_for(tmp_path):
    folder = tmp_path / "ch99-test" / "01-test"
    folder.mkdir(parents=True)
    listing = listings.Listing(folder)

    def captions(*versions):
        for old in folder.glob("output.py*.txt"):
            old.unlink()
        for version in versions:
            (folder / f"output.py{version}.txt").write_text("", "utf-8")
        return [listing.variant_caption(version) for version in versions]

    assert captions("3.13") == ["Python 3.13 起的运行结果"]
    assert captions("3.12", "3.13") == ["Python 3.12 的运行结果", "Python 3.13 起的运行结果"]
    assert captions("3.12", "3.14") == ["Python 3.12 和 3.13 的运行结果", "Python 3.14 起的运行结果"]
    assert captions("3.12", "3.15") == ["Python 3.12–3.14 的运行结果", "Python 3.15 起的运行结果"]
    assert captions("3.12", "3.13", "3.14") == ["Python 3.12 的运行结果", "Python 3.13 的运行结果", "Python 3.14 起的运行结果"]


# What the pages say about versions' output, checked against the outputs
# recorded by running (page, sentence, listing, the line on each version).
PROSE = [
    ("ch05-faq", "Python 3.11 和 3.12 把位置显示为 `sys:1`，3.13 起显示为 `<sys>:0`", "ch05-faq/01-call-without-await",
     {"3.11": "sys:1: RuntimeWarning", "3.12": "sys:1: RuntimeWarning", "3.13": "<sys>:0: RuntimeWarning"}),
    # wait_for() runs the coroutine in a task of its own on 3.11, in the caller's task from 3.12.
    ("ch08-timeouts", "所以绿茶在 `Task-2` 里泡，普洱在 `Task-3` 里泡", "ch08-timeouts/03-wait-for",
     {"3.11": "泡绿茶（在任务 Task-2 里运行）", "3.12": "泡绿茶（在任务 Task-1 里运行）",
      "3.13": "泡绿茶（在任务 Task-1 里运行）", "3.14": "泡绿茶（在任务 Task-1 里运行）"}),
    ("ch08-timeouts", "协程直接在调用者的任务 `Task-1` 里运行", "ch08-timeouts/03-wait-for",
     {"3.11": "泡普洱（在任务 Task-3 里运行）", "3.12": "泡普洱（在任务 Task-1 里运行）",
      "3.13": "泡普洱（在任务 Task-1 里运行）", "3.14": "泡普洱（在任务 Task-1 里运行）"}),
    ("ch11-mistakes", "从 Python 3.14 起，这句话换成了“'NoneType' object can't be awaited”", "ch11-mistakes/03-await-not-awaitable",
     {"3.11": "TypeError: object NoneType can't be used in 'await' expression",
      "3.13": "TypeError: object NoneType can't be used in 'await' expression",
      "3.14": "TypeError: 'NoneType' object can't be awaited"}),
    ("ch11-mistakes", "会发出 `DeprecationWarning`（“There is no current event loop”），然后替你新建一个",
     "ch11-mistakes/18-get-event-loop",
     {"3.11": "完成", "3.12": "DeprecationWarning: There is no current event loop\n  loop = asyncio.get_event_loop()\n完成",
      "3.13": "DeprecationWarning: There is no current event loop", "3.14": "RuntimeError: There is no current event loop"}),
    ("ch11-mistakes", "在 Python 3.11 上，程序这时才收到通知；在 3.12 和 3.13 上，`wait_for()` 干脆判定超时",
     "ch11-mistakes/21-call-soon-no-debug",
     {"3.11": "收到线程的通知", "3.12": "等了 2 秒，还没收到通知", "3.13": "等了 2 秒，还没收到通知"}),
]


@pytest.mark.parametrize("page,sentence,name,lines", PROSE, ids=[claim[2] for claim in PROSE])
def test_the_prose_agrees_with_what_ran(page, sentence, name, lines):
    assert sentence in (ROOT / "book" / f"{page}.md").read_text("utf-8"), f"book/{page}.md no longer says {sentence!r}"
    listing = listings.find(name)
    for version, line in lines.items():
        expected = listing.expected_path(SOURCE_LANGUAGE, version)
        assert line in expected.read_text("utf-8"), f"{expected.relative_to(ROOT)} (Python {version}) has no {line!r}"


# What the pages say a version changed, checked on every interpreter found:
# (page, what it says, an expression true from that version on, the version).
# 3.14 is Pyodide's (CPython compiled to WebAssembly) where no CPython 3.14
# is on the machine; NOT_ON_PYODIDE: claims about what that build leaves out,
# checked on the earlier versions only there (the Python documentation for
# 3.14 is their source; the end of the run names them).
CLAIMS = [
    ("ch02-async-await", "Python 3.12 新增的 `asyncio.eager_task_factory`", 'hasattr(asyncio, "eager_task_factory")', "3.12"),
    ("ch03-key-points", "`loop_factory=None`：用来创建事件循环的函数，**Python 3.12 新增**",
     '"loop_factory" in inspect.signature(asyncio.run).parameters', "3.12"),
    ("ch03-key-points", "Python 3.13 起有实验性的自由线程（free-threaded）版本",
     'sysconfig.get_config_var("Py_GIL_DISABLED") is not None', "3.13"),
    ("ch02-async-await", "Python 3.14 起，`asyncio.iscoroutinefunction()` 已被弃用", "deprecated(asyncio.iscoroutinefunction, f)", "3.14"),
    ("ch03-key-points", "Python 3.14 起事件循环策略（`asyncio.set_event_loop_policy()` 等）已被弃用",
     "deprecated(asyncio.get_event_loop_policy)", "3.14"),
    ("ch09-coordination", "Python 3.13 新增的 `Queue.shutdown()`", 'hasattr(asyncio.Queue, "shutdown")', "3.13"),
    ("ch09-coordination", "`asyncio.QueueShutDown` 和 `shutdown()` 都是 3.13 新增的", 'hasattr(asyncio, "QueueShutDown")', "3.13"),
    ("ch09-coordination", "`asyncio.Barrier`（Python 3.11 新增）", 'hasattr(asyncio, "Barrier")', "3.11"),
    ("ch09-coordination", "（Python 3.11 起也可以用 `asyncio.timeout()`）", 'hasattr(asyncio, "timeout")', "3.11"),
    ("ch03-key-points", "Python 3.14 起 Linux 默认也改用 forkserver 方式启动子进程", 'multiprocessing.get_start_method() == "forkserver"', "3.14"),
    ("ch03-key-points", "3.14 还新增了 `concurrent.futures.InterpreterPoolExecutor`", 'hasattr(concurrent.futures, "InterpreterPoolExecutor")', "3.14"),
    ("ch06-tasks", "Python 3.12 新增了“急切”的任务工厂 `asyncio.eager_task_factory`", 'hasattr(asyncio, "eager_task_factory")', "3.12"),
    # The documented version; 3.13.3 to 3.13.x pass create_task()'s extra
    # keywords on to Task(), so there eager_start=True works undocumented.
    ("ch06-tasks", "3.14 起还可以给 `create_task()` 传 `eager_start=True`", "eager_start()", "3.14"),
    ("ch11-mistakes", "从 Python 3.8 开始，`CancelledError` 是 `BaseException` 的子类，不再是 `Exception` 的子类",
     "not issubclass(asyncio.CancelledError, Exception)", "3.8"),
    # Before any loop is set; the first call warns (as an error here) or
    # raises, so it creates no loop; the second then raises or creates one.
    ("ch11-mistakes", "从 3.12 起，没有当前事件循环时调用 `get_event_loop()` 会发出 `DeprecationWarning`",
     "complains(asyncio.get_event_loop)", "3.12"),
    ("ch11-mistakes", "到了 3.14，它直接抛出 `RuntimeError`", "raises(asyncio.get_event_loop)", "3.14"),
    ("ch10-async-with-for", "`async with asyncio.timeout(10):`（Python 3.11 新增）", 'hasattr(asyncio, "timeout")', "3.11"),
    ("ch10-async-with-for", "`aiter()`、`anext()` 和 `aclosing()` 都是 3.10 新增的",
     'callable(aiter) and callable(anext) and hasattr(__import__("contextlib"), "aclosing")', "3.10"),
    ("ch10-async-with-for", "程序里还用到了两个内置函数，它们是 Python 3.10 新增的",
     'hasattr(__import__("builtins"), "aiter") and hasattr(__import__("builtins"), "anext")', "3.10"),
    ("ch10-async-with-for", "`contextlib` 里有现成的 `aclosing()`（Python 3.10 新增）",
     'hasattr(__import__("contextlib"), "aclosing")', "3.10"),
    # as_completed() needs an event loop to exist from 3.13 on (it used to be a generator)
    ("ch07-waiting", "Python 3.13 给 `as_completed()` 加了一种新写法：用 `async for` 遍历它",
     "not inspect.isgeneratorfunction(asyncio.as_completed)", "3.13"),
    ("ch08-timeouts", "Python 3.11 起，给一段代码定期限最简单的写法是 `async with asyncio.timeout(秒数):`",
     'hasattr(asyncio, "timeout")', "3.11"),
    ("ch08-timeouts", "从 Python 3.11 起，`asyncio.TimeoutError` 就是内置的 `TimeoutError`",
     "asyncio.TimeoutError is TimeoutError", "3.11"),
    ("ch08-timeouts", "从 **Python 3.12** 起，`wait_for()` 改成用 `asyncio.timeout()` 实现",
     '"timeouts.timeout(timeout)" in inspect.getsource(asyncio.wait_for)', "3.12"),
    # asyncio.run() joins the default executor's threads for at most
    # THREAD_JOIN_TIMEOUT = 300 seconds from 3.12 (3.11: no limit).
    ("ch08-timeouts", "从 Python 3.12 起，最多等 5 分钟",
     '"THREAD_JOIN_TIMEOUT" in inspect.getsource(asyncio.runners.Runner.close)'
     " and asyncio.constants.THREAD_JOIN_TIMEOUT == 300", "3.12"),
]
# Pyodide is built without subinterpreters (no _interpreters module), which
# InterpreterPoolExecutor runs on.
NOT_ON_PYODIDE = {'hasattr(concurrent.futures, "InterpreterPoolExecutor")'}
CLAIM_RUNS = [pytest.param(python, *claim, id=f"{claim[0]}-{claim[3]}-{i}-{python.id}")
              for i, claim in enumerate(CLAIMS) for python in PYTHONS
              if not (python.pyodide and claim[2] in NOT_ON_PYODIDE)]
PROBE = """
import asyncio, concurrent.futures, inspect, json, multiprocessing, sys, sysconfig, warnings

def deprecated(function, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            function(*args)
        except DeprecationWarning:
            return True
    return False

def complains(function, *args):
    # it warns (a DeprecationWarning) or raises a RuntimeError
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            function(*args)
        except (DeprecationWarning, RuntimeError):
            return True
    return False

def raises(function, *args):
    try:
        function(*args)
    except RuntimeError:
        return True
    return False

async def f():
    pass

def eager_start():
    # Does create_task(..., eager_start=True) run the task at once, inside
    # create_task(), before the caller goes on?
    order = []

    async def child():
        order.append("child")

    async def main():
        asyncio.create_task(child(), eager_start=True)
        order.append("create_task returned")

    # A loop of its own, not asyncio.run(): asyncio.run() leaves the thread
    # marked as having had an event loop set, and get_event_loop()'s claims
    # are about a program that never had one.
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
    except TypeError:  # create_task() got an unexpected keyword argument
        return False
    finally:
        loop.close()
    return order == ["child", "create_task returned"]

print(json.dumps([eval(expression) for expression in json.loads(sys.argv[1])]))
"""


@pytest.fixture(scope="module")
def facts():
    import json
    import subprocess

    cache = {}

    def of(python):
        if python not in cache:
            expressions = json.dumps([claim[2] for claim in CLAIMS])
            proc = subprocess.run([python.executable, "-c", PROBE, expressions], capture_output=True, text=True, check=True)
            cache[python] = dict(zip([claim[2] for claim in CLAIMS], json.loads(proc.stdout)))
        return cache[python]

    return of


@pytest.mark.parametrize("python,page,sentence,expression,since", CLAIM_RUNS)
def test_the_version_claims_hold(facts, python, page, sentence, expression, since):
    assert sentence in (ROOT / "book" / f"{page}.md").read_text("utf-8"), f"book/{page}.md no longer says {sentence!r}"
    expected = pythons.version_key(python.version) >= pythons.version_key(since)
    assert facts(python)[expression] == expected, f"book/{page}.md says {sentence!r}, but on {python} `{expression}` is {not expected}"

"""`make live` serves a live-reloading preview on 127.0.0.1: on a port it
binds itself (port=0: any free port, no race with other programs), with
links that all lead somewhere, and Ctrl-C ends it quietly."""

import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from asyncbook.languages import LANGUAGES
from conftest import MAKE, ROOT

SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+)")


class Live:
    """`make live` in a session of its own (without the venv rule: MAKE),
    its output collected as it comes."""

    def __init__(self, build, language="zh_CN"):
        self.build = build
        self.proc = subprocess.Popen(
            [*MAKE, "live", "port=0", f"lang={language}", f"BUILD={build}"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        self.lines = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(self.proc.stdout), daemon=True)
        self.reader.start()

    @property
    def output(self):
        return "".join(self.lines)

    def wait_for(self, pattern, seconds=180):
        deadline = time.monotonic() + seconds
        while not (match := re.search(pattern, self.output)):
            assert self.proc.poll() is None, f"make live ended:\n{self.output}"
            assert time.monotonic() < deadline, f"make live did not print {pattern!r}:\n{self.output}"
            time.sleep(0.2)
        return match

    def wait_for_sphinx(self, seconds=180):
        """Until the build's own process (`python -m sphinx build … BUILD/…`) runs."""
        deadline = time.monotonic() + seconds
        while True:
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                try:
                    args = cmdline.read_bytes().decode(errors="replace").split("\0")
                except OSError:
                    continue
                if args[1:4] == ["-m", "sphinx", "build"] and any(arg.startswith(str(self.build)) for arg in args):
                    return
            assert self.proc.poll() is None, f"make live ended:\n{self.output}"
            assert time.monotonic() < deadline, f"no Sphinx build started:\n{self.output}"
            time.sleep(0.01)

    def interrupt(self):
        """Ctrl-C: SIGINT to make and everything it started, as a terminal sends it."""
        os.killpg(self.proc.pid, signal.SIGINT)
        self.proc.wait(timeout=30)
        self.reader.join(timeout=30)  # until every process that could still print has ended
        assert not self.reader.is_alive(), f"processes of make live still running after Ctrl-C:\n{self.output}"
        return self.output

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


@pytest.fixture
def live(tmp_path):
    started = []

    def start(language="zh_CN"):
        started.append(Live(tmp_path / "build", language))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8", errors="replace")


def assert_quiet_end(output):
    """No traceback, no "Interrupted!" from Sphinx (the preview stops the
    build itself), no make error."""
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert "Interrupted!" not in output, output
    assert "make: ***" not in output, output


@pytest.mark.parametrize("language", LANGUAGES)
def test_make_live_serves_the_book_with_working_links_and_stops_quietly(live, language):
    server = live(language)
    base = server.wait_for(SERVING).group(1)
    status, page = fetch(f"{base}/ch01-why-async.html")
    assert status == 200 and "websocket" in page  # the live-reload client
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select(".listing-code") and soup.select(".listing-output")
    # every link of the page that stays on this server leads to a page it
    # serves: the chapters, and no language switch or PDF/ePub it cannot serve
    links = {urljoin(f"{base}/ch01-why-async.html", a["href"]).split("#")[0] for a in soup.find_all("a", href=True)}
    local = sorted(link for link in links if urlparse(link).netloc == urlparse(base).netloc)
    assert f"{base}/ch02-async-await.html" in local, local
    for link in local:
        try:
            assert fetch(link)[0] == 200, link
        except urllib.error.HTTPError as error:
            pytest.fail(f"{link}: {error.code} (a link of the live preview that leads nowhere)")
    assert_quiet_end(server.interrupt())


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.3, 0.6])  # Sphinx importing its modules, then reading the pages
def test_ctrl_c_during_the_first_build_ends_quietly(live, delay):
    server = live()
    server.wait_for_sphinx()
    time.sleep(delay)
    assert "Serving on" not in server.output, "the build ended before Ctrl-C: nothing tested"
    assert_quiet_end(server.interrupt())


def test_port_in_use_is_reported_at_once(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([*MAKE, "live", f"port={port}", f"BUILD={tmp_path}"],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert f"cannot serve on 127.0.0.1:{port}" in proc.stderr and "port=0" in proc.stderr, proc.stderr

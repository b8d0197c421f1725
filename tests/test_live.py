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
        self.proc = subprocess.Popen(
            [*MAKE, "live", "port=0", f"lang={language}", f"BUILD={build}"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        self.lines = []
        threading.Thread(target=lambda: self.lines.extend(self.proc.stdout), daemon=True).start()

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

    def interrupt(self):
        """Ctrl-C: SIGINT to make and everything it started, as a terminal sends it."""
        os.killpg(self.proc.pid, signal.SIGINT)
        self.proc.wait(timeout=30)
        time.sleep(0.5)  # the reader thread's last lines
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
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
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


def test_ctrl_c_during_the_first_build_ends_quietly(live):
    server = live()
    server.wait_for(r"Starting initial build")
    time.sleep(1)  # Sphinx is reading the pages
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

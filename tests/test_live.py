"""`make live` serves a live-reloading preview on 127.0.0.1."""

import socket
import subprocess
import time
import urllib.request

from conftest import ROOT


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_live_serves_the_book(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "live", f"port={port}", f"BUILD={tmp_path}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/ch01-why-async.html", timeout=2).read().decode()
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "make live did not start serving"
                time.sleep(0.5)
        assert "为什么需要异步" in page
        assert "websocket" in page  # the live-reload client
    finally:
        import os
        import signal

        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)

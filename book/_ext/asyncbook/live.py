"""The live preview (``make live``): sphinx-autobuild with the book's Sphinx
command line, on 127.0.0.1, rebuilt when a page, a program or a catalog
changes.

    python -m asyncbook.live --lang en --port 8000 --out _build/en/live

- The port is bound before the first build and kept until the end: a port
  in use is reported at once, and ``--port 0`` takes a free port (printed
  as "Serving on http://127.0.0.1:PORT") that nothing else can take meanwhile.
- The pages are built with the ``live`` tag: the preview serves one edition
  and no PDF or ePub, so the language switch and the download links are
  left out (editions.py, translations.py).
- Ctrl-C ends the preview quietly, during a build or while serving.
"""

import argparse
import functools
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from .languages import ROOT, from_readthedocs
from .publish import sphinx_command

HOST = "127.0.0.1"
WATCHED = ["book/_ext", "examples", "locale", "conf.py"]  # besides book/
TAG = "live"


def autobuild_arguments(language: str, out: Path, port: int) -> list[str]:
    # sphinx_command()'s arguments after "python -m sphinx"
    sphinx = sphinx_command("html", language, out, out / ".doctrees")[3:]
    watch = [arg for path in WATCHED for arg in ("--watch", str(ROOT / path))]
    return [*sphinx, "-t", TAG, "--host", HOST, "--port", str(port), *watch]


def bind(port: int) -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as error:
        raise SystemExit(f"cannot serve on {HOST}:{port} ({error.strerror}): choose another port, e.g. `make live port=0` (any free port)")
    # listening at once: a browser opened on "Serving on …" before the server
    # accepts connections waits in the backlog instead of being refused
    sock.listen(128)
    return sock


def build_in_a_process_group_of_its_own():
    """sphinx-autobuild runs each build as `python -m sphinx build …`; in a
    process group of its own, Ctrl-C reaches only the preview, which then
    stops the build (subprocess.run kills it) instead of Sphinx printing a
    traceback when interrupted while it starts."""
    import sphinx_autobuild.build

    sphinx_autobuild.build.subprocess = SimpleNamespace(
        run=functools.partial(subprocess.run, process_group=0), CalledProcessError=subprocess.CalledProcessError)


def serve(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", required=True, help="zh_CN, en, or a Read the Docs slug (zh-cn)")
    parser.add_argument("--port", type=int, default=8000, help="0: any free port")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    sock = bind(args.port)
    import uvicorn
    from sphinx_autobuild.__main__ import main as autobuild

    def run_on_the_bound_socket(app, **options):
        # sphinx-autobuild calls uvicorn.run(app, host=…, port=…): serve on
        # the socket bound above instead of binding the port a second time.
        uvicorn.Server(uvicorn.Config(app, log_level=options.get("log_level", "warning"))).run(sockets=[sock])

    uvicorn.run = run_on_the_bound_socket
    build_in_a_process_group_of_its_own()
    autobuild(autobuild_arguments(from_readthedocs(args.lang), args.out.resolve(), sock.getsockname()[1]))
    return 0


def main(argv=None) -> int:
    try:
        return serve(argv)
    except KeyboardInterrupt:  # Ctrl-C: the reader is done
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""The one place where output that varies between runs is made stable.

Every recorded ``output.txt`` holds normalised text, and every fresh run is
normalised the same way before an exact comparison, so the comparison itself
is never loosened.  Add a rule here, with the reason, only for text that
genuinely changes from run to run or machine to machine.
"""

import os
import re

RULES = [
    # Object addresses, e.g. <coroutine object hello at 0x7f3a2c1b5e40>:
    # assigned by the allocator, different on every run.
    (re.compile(r"\bat 0x[0-9a-f]+\b"), "at 0x7f…"),
    # The asyncio REPL's banner names the exact interpreter build.
    (re.compile(r"^asyncio REPL \d+\.\d+\.\d+.*$", re.M), "asyncio REPL 3.x"),
    # A file of the standard library, in a traceback or a debug-mode repr
    # (File "/usr/lib/python3.11/asyncio/events.py", line 715; created at
    # /usr/lib/python3.11/asyncio/tasks.py:384): where Python is installed
    # differs from machine to machine (/usr/lib, ~/.pyenv/versions/3.11.7/lib,
    # Pyodide's /lib/python314.zip), and its line numbers change with every
    # bug-fix release.
    (re.compile(r"(?:/[^\s\"'<>:/]+)*/lib/python3\.?\d+(?:\.zip)?/((?:[\w-]+/)*[\w-]+\.py)(:|\", line )\d+"),
     r"…/\1\2…"),
]


def normalize(text: str, folder=None) -> str:
    """``folder``: the scratch copy the listing ran in.  Python reports the
    script as an absolute path (``File "/tmp/listing-…/main.py"``); a reader
    running ``python main.py`` in the listing's folder sees it under their
    own folder, so the book shows the path relative to it."""
    if folder is not None:
        text = text.replace(f"{folder}{os.sep}", "")
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text

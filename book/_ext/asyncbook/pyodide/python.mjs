// `python` for the listing runner, on Pyodide (CPython 3.14 compiled to
// WebAssembly) under Node: `python3.14 main.py`, `python3.14 -c CODE`.
// Python's own command line (Py_RunMain) runs the arguments, so a listing
// runs as it would under `python main.py`: __main__, sys.argv, tracebacks,
// and warnings at interpreter exit.
import { loadPyodide } from "pyodide";
import { runMain } from "./run_main.mjs";
import fs from "node:fs";

const args = process.argv.slice(2);

// The machine's folders at their own paths, as for any other Python: all
// but those Pyodide provides itself (its standard library is in /lib).
function mount(FS) {
  for (const entry of fs.readdirSync("/", { withFileTypes: true })) {
    if (!entry.isDirectory() || ["dev", "lib", "proc", "sys"].includes(entry.name)) continue;
    FS.mkdirTree(`/${entry.name}`);
    FS.mount(FS.filesystems.NODEFS, { root: `/${entry.name}` }, `/${entry.name}`);
  }
}

let py;
try {
  py = await loadPyodide({
    args,
    env: { ...process.env, HOME: process.cwd(), PWD: process.cwd() },
    fsInit: mount,
    _sysExecutable: process.argv[1],
  });
} catch (error) {
  if (error?.constructor?.name === "ExitStatus") process.exit(error.status);
  throw error;
}
// Bytes go to this process's stdout and stderr as Python writes them.
py.setStdout({ write: (bytes) => fs.writeSync(1, bytes) });
py.setStderr({ write: (bytes) => fs.writeSync(2, bytes) });
py.FS.chdir(process.cwd());
process.exit(await runMain(py, fs.readFileSync(new URL("./as_cpython.py", import.meta.url), "utf-8")));

// One program of the book, run in the reader's browser (run.js starts this
// module worker).  Pyodide, CPython 3.14 compiled to WebAssembly, comes from
// the site itself (_static/pyodide/, see book/_ext/asyncbook/browser.py).
//
// The program runs as `python main.py` runs it, through Python's own
// command line (Py_RunMain), as the tests' Python 3.14 does under Node
// (browser.py: pyodide/python.mjs): in __main__, with tracebacks and the
// warnings of the interpreter's exit.  Python's exit ends the interpreter,
// so a worker runs one program; run.js starts the next one in advance.
//
// Messages in:  {code}                 the program (main.py)
// Messages out: {ready}                the runtime is loaded
//               {stream, text}         what the program wrote, as it writes it
//               {exit}                 its exit status
//               {error}                the runtime could not load or run
import { loadPyodide } from "./pyodide/pyodide.mjs";

const HOME = "/home/pyodide";  // the program's folder (Pyodide's default)
// Python names the script by its absolute path; a reader running
// `python main.py` sees it under their own folder, so the book (and this
// output) shows it relative to the folder, as asyncbook.normalize does.
const FOLDER = `${HOME}/`;

// What the program writes, in order, with its folder left out of paths.
// A piece that may be the start of the folder's path waits for the next
// write (or the end), so that the path is never split between messages.
const pending = { stdout: "", stderr: "" };
const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

function emit(stream, text) {
  if (text) postMessage({ stream, text: text.replaceAll(FOLDER, "") });
}

function flush(stream) {
  emit(stream, pending[stream] + decoders[stream].decode());
  pending[stream] = "";
}

function writer(stream) {
  const other = stream === "stdout" ? "stderr" : "stdout";
  return {
    isatty: false,
    write(buffer) {
      if (pending[other]) flush(other);  // keep the order of the two streams
      let text = pending[stream] + decoders[stream].decode(buffer, { stream: true });
      let keep = 0;  // the longest end of text that begins the folder's path
      for (let n = Math.min(FOLDER.length - 1, text.length); n > 0; n--) {
        if (FOLDER.startsWith(text.slice(-n))) { keep = n; break; }
      }
      pending[stream] = text.slice(text.length - keep);
      emit(stream, text.slice(0, text.length - keep));
      return buffer.length;
    },
  };
}

const runtime = loadPyodide({
  indexURL: new URL("./pyodide/", import.meta.url).href,
  args: ["main.py"],
  env: { HOME, PYTHONUNBUFFERED: "1" },  // each write shows at once
});

async function run(code) {
  const py = await runtime;
  py.setStdout(writer("stdout"));
  py.setStderr(writer("stderr"));
  py.FS.writeFile(`${HOME}/main.py`, code);
  py.FS.chdir(HOME);
  // Once Python has started, Pyodide makes its own event loop the running
  // one and replaces asyncio.run and time.sleep: put CPython's back, as
  // `python main.py` starts (asyncio.run refuses to run inside a running
  // loop).  time.sleep blocks this worker, not the page.
  const scope = py.runPython("{}");
  py.runPython(`
import asyncio, time, warnings
from pyodide import webloop

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    policy = asyncio.get_event_loop_policy()
make_loop = policy.new_event_loop

def new_event_loop():
    loop = make_loop()
    asyncio.events._set_running_loop(None)  # new, so not running yet (a WebLoop says it is)
    return loop

policy.new_event_loop = new_event_loop
asyncio.events._set_running_loop(None)
asyncio.run, time.sleep = webloop._orig_run, webloop._orig_sleep

# Pyodide's main runs Python in inspect mode, which reports SystemExit as a
# traceback: end as python main.py does, with the status sys.exit() gives.
import sys
exit_status = None

def excepthook(kind, value, traceback):
    global exit_status
    if not issubclass(kind, SystemExit):
        return sys.__excepthook__(kind, value, traceback)
    code = value.code
    if code is None or isinstance(code, int):
        exit_status = code or 0
    else:
        print(code, file=sys.stderr)
        exit_status = 1

sys.excepthook = excepthook
`, { globals: scope });
  let status;
  try {
    status = await py._module.promisingRunMain();
  } catch (error) {
    if (error?.constructor?.name !== "ExitStatus") throw error;
    status = error.status;
  }
  status = scope.get("exit_status") ?? status;
  // Pyodide's main leaves the interpreter running; `python main.py` ends it,
  // and with it come the warnings of objects collected then.
  if (py._module._Py_FinalizeEx() < 0 && status === 0) status = 120;
  flush("stdout");
  flush("stderr");
  postMessage({ exit: status });
}

runtime.then(() => postMessage({ ready: true }), (error) => postMessage({ error: String(error) }));

onmessage = (event) => {
  run(event.data.code).catch((error) => {
    flush("stdout");
    flush("stderr");
    postMessage({ error: String(error?.message ?? error) });
  });
};
